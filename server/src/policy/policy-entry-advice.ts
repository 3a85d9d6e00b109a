import exceptionIds = require('spdx-exceptions');
import licenseIds = require('spdx-license-ids');
import deprecatedIds = require('spdx-license-ids/deprecated.json');
import { isPolicyCategory, POLICY_CATEGORIES } from '../spdx/policy-categories';
import { DEPRECATED, parseSpdxExpression } from '../spdx/spdx-expression';
import { isPurlType, suggestPurlType } from './purl-types';

/**
 * Advice on one entry of a policy list: what is wrong with it and what it most likely should say. Pure text
 * in, text out, so the loader reports it where the entry is and the editor turns the suggestions into edits.
 */
export interface EntryAdvice {
  readonly message: string;
  /** Replacements for the entry's text, most likely first. */
  readonly replacements: readonly string[];
}

let byLowerCase: Map<string, string> | undefined;

/** Every SPDX license and exception id by its lower-case spelling, built on first use. */
function canonicalIds(): Map<string, string> {
  if (!byLowerCase) {
    byLowerCase = new Map();
    for (const id of [...deprecatedIds, ...exceptionIds, ...licenseIds]) byLowerCase.set(id.toLowerCase(), id);
  }
  return byLowerCase;
}

/**
 * The entry with each id, exception and operator spelled as SPDX spells it (`apache-2.0` → `Apache-2.0`,
 * `gpl-2.0-only with classpath-exception-2.0` → `GPL-2.0-only WITH Classpath-exception-2.0`), or undefined
 * when that changes nothing or still does not parse.
 */
export function correctIdCase(text: string): string | undefined {
  const ids = canonicalIds();
  const corrected = text
    .trim()
    .split(/(\s+|[()])/)
    .map((token) => {
      if (/^(with|and|or)$/i.test(token)) return token.toUpperCase();
      const plus = token.endsWith('+') ? '+' : '';
      const id = ids.get((plus ? token.slice(0, -1) : token).toLowerCase());
      return id ? id + plus : token;
    })
    .join('');
  return corrected !== text && parseSpdxExpression(corrected).ok ? corrected : undefined;
}

/** A category written with the wrong case or a near spelling (`@Permissive`, `@permisive`). */
export function suggestCategory(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (isPolicyCategory(lower)) return `@${lower}`;
  const close = POLICY_CATEGORIES.find((c) => c.startsWith(lower.slice(0, 4)) && Math.abs(c.length - lower.length) <= 2);
  return close ? `@${close}` : undefined;
}

/** Deprecated ids the SPDX list replaced by something other than a GNU `-only`/`-or-later` form. */
const RENAMED: Readonly<Record<string, readonly string[]>> = {
  'BSD-2-Clause-FreeBSD': ['BSD-2-Clause-Views'],
  'BSD-2-Clause-NetBSD': ['BSD-2-Clause'],
  'Nunit': ['zlib-acknowledgement'],
  'StandardML-NJ': ['SMLNJ'],
  'bzip2-1.0.5': ['bzip2-1.0.6'],
  'eCos-2.0': ['GPL-2.0-or-later WITH eCos-exception-2.0'],
};

/** What a deprecated id is written as today, most literal reading first. */
function currentForms(id: string): string[] {
  if (Object.hasOwn(RENAMED, id)) return [...RENAMED[id]];
  const replaced = Object.hasOwn(DEPRECATED, id) ? DEPRECATED[id] : undefined;
  if (!replaced) return [];
  const withException = (base: string) => (replaced.exception ? `${base} WITH ${replaced.exception}` : base);
  if (replaced.id.endsWith('-only')) return [withException(replaced.id), withException(replaced.id.replace(/-only$/, '-or-later'))];
  return [withException(replaced.id)];
}

/**
 * A deprecated SPDX id in a valid entry (`GPL-3.0`, `GPL-2.0+`): it is read as its current form, but the policy
 * should say which one it means; `GPL-3.0` was mostly written for `GPL-3.0-only`, sometimes for `-or-later`.
 */
export function deprecatedIdAdvice(text: string, where: string): EntryAdvice | undefined {
  const tokens = text.trim().split(/\s+/);
  for (const [index, token] of tokens.entries()) {
    const plus = token.endsWith('+') && /^(A|L)?GPL-|^GFDL-/.test(token);
    const id = plus ? token.slice(0, -1) : token;
    if (!deprecatedIds.includes(id) && !plus) continue;
    const forms = plus ? [`${id.replace(/-only$/, '')}-or-later`] : currentForms(id);
    const replacements = forms.map((form) => [...tokens.slice(0, index), form, ...tokens.slice(index + 1)].join(' ')).filter((r) => parseSpdxExpression(r).ok);
    const reading = parseSpdxExpression(text);
    const readAs = reading.ok && reading.expression.kind === 'license' ? reading.expression.id : undefined;
    const advice = replacements.length ? `; write ${replacements.map((r) => `"${r}"`).join(' or ')}` : '';
    const message = `"${token}" in ${where} is a deprecated SPDX id${readAs && readAs !== id ? ` (read as ${readAs})` : ''}${advice}`;
    return { message, replacements };
  }
  return undefined;
}

/** A pattern whose purl type no package has (`pkg:npmjs/colors`): it can never match. */
export function purlTypeAdvice(text: string, type: string, where: string): EntryAdvice | undefined {
  if (isPurlType(type)) return undefined;
  const suggestion = suggestPurlType(type);
  const fixed = suggestion ? text.replace(/^(\s*pkg:)[^/]+/i, `$1${suggestion}`) : undefined;
  const message = `"${text}" in ${where}: "${type}" is not a Package URL type, so it matches no package${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  return { message, replacements: fixed ? [fixed] : [] };
}
