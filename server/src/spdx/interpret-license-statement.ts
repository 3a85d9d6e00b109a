import licenseIds = require('spdx-license-ids');
import deprecatedIds = require('spdx-license-ids/deprecated.json');
import exceptionIds = require('spdx-exceptions');
import type { LicenseFamily } from './license-families';
import { parseSpdxExpression, type SpdxExpression } from './spdx-expression';

/** What a package's free-form license field means. */
export type LicenseStatement =
  | {
      readonly kind: 'spdx';
      readonly expression: SpdxExpression;
      readonly text: string;
      /** The repaired SPDX text, when the field was almost an expression (`mit`, `MIT/Apache-2.0`). */
      readonly correction?: string;
      /** Set when the text was free-text license names (`Apache 2.0`, a license URL) mapped to SPDX ids. */
      readonly mappedFrom?: string;
      /** Alternatives of an OR that name no license we recognise (`Nonstandard`); the others decide. */
      readonly unrecognised?: readonly string[];
    }
  /**
   * Names a license family but not the variant (`BSD License`, `GNU GPL`): `candidates` are the SPDX expressions
   * the statement may mean, one per member (and per combination, when it names several families).
   */
  | {
      readonly kind: 'family';
      readonly text: string;
      readonly families: readonly LicenseFamily[];
      readonly candidates: readonly SpdxExpression[];
      readonly unrecognised?: readonly string[];
    }
  /** npm's `UNLICENSED`: proprietary, no license granted. Not the Unlicense. */
  | { readonly kind: 'proprietary'; readonly text: string }
  /** A license with no SPDX id: `SEE LICENSE IN x`, a URL, a name we will not guess at. */
  | { readonly kind: 'custom'; readonly text: string; readonly reason: string };

let idsByLowerCase: Map<string, string> | undefined;

function canonicalIdCase(token: string): string | undefined {
  if (!idsByLowerCase) {
    idsByLowerCase = new Map();
    for (const id of [...licenseIds, ...deprecatedIds, ...(exceptionIds)]) idsByLowerCase.set(id.toLowerCase(), id);
  }
  return idsByLowerCase.get(token.toLowerCase());
}

/**
 * Reads a license statement from package metadata. Metadata is laxer than the SPDX specification, so after a
 * strict parse fails we repair only what is unambiguous: operator case, id case (`mit` → `MIT`), the legacy
 * `MIT/Apache-2.0` form (which Cargo and others documented as OR) and yarn's `*` suffix for inferred licenses.
 * Anything else ("BSD", "Apache 2") is left custom here; `licenses/read-license-statement.ts` reads such
 * free-text names (to an SPDX id, or to a family whose variant is not stated) for package metadata.
 */
export function interpretLicenseStatement(raw: string): LicenseStatement {
  const text = raw.trim();
  if (/^UNLICEN[SC]ED$/i.test(text)) return { kind: 'proprietary', text };
  if (/^SEE LICEN[SC]E IN\b/i.test(text)) return { kind: 'custom', text, reason: 'points at a license file instead of naming a license' };
  if (text === '') return { kind: 'custom', text, reason: 'empty license field' };

  const strict = parseSpdxExpression(text);
  if (strict.ok) return { kind: 'spdx', expression: strict.expression, text };

  const repaired = text
    .replace(/\*$/, '')
    .split(/(\s+|[()])/)
    .map((token) => {
      if (/^(or|and|with)$/i.test(token)) return token.toUpperCase();
      if (/^\s*$|^[()]$/.test(token)) return token;
      const legacyOr = token.split('/');
      if (legacyOr.length > 1 && legacyOr.every((part) => canonicalIdCase(part.replace(/\+$/, '')))) {
        return `(${legacyOr.map((part) => fixIdCase(part)).join(' OR ')})`;
      }
      return fixIdCase(token);
    })
    .join('');
  if (repaired !== text) {
    const retried = parseSpdxExpression(repaired);
    if (retried.ok) return { kind: 'spdx', expression: retried.expression, text, correction: repaired };
  }
  if (/^https?:\/\//i.test(text)) return { kind: 'custom', text, reason: 'a URL, not an SPDX expression' };
  return { kind: 'custom', text, reason: strict.error };
}

function fixIdCase(token: string): string {
  const plus = token.endsWith('+');
  const bare = plus ? token.slice(0, -1) : token;
  const id = canonicalIdCase(bare);
  return id ? id + (plus ? '+' : '') : token;
}
