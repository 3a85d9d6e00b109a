import currentIds = require('spdx-license-ids');
import { detectLicenseText } from './detection/detect-license-text';

/**
 * Debian's machine-readable copyright files (DEP-5, https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/):
 * `/usr/share/doc/<package>/copyright`. Paragraphs are separated by blank lines; fields are `Name: value`, and
 * lines that start with a space continue the field (a line of ` .` is a blank line). `Files:` paragraphs say
 * which license covers which files; standalone `License:` paragraphs hold the text of a license named elsewhere.
 */
export interface DebianCopyright {
  readonly paragraphs: readonly DebianCopyrightParagraph[];
}

export interface DebianCopyrightParagraph {
  /** Field names as written (case kept); values with continuation lines joined by `\n`. */
  readonly fields: ReadonlyMap<string, string>;
}

/** The license Debian records for a package as a whole. */
export type DebianPackageLicense =
  /** `expression` is SPDX; `stated` is the DEP-5 `License:` short name(s) it was read from. */
  | { readonly kind: 'spdx'; readonly expression: string; readonly stated: string; readonly how: 'short-name' | 'license-text' }
  /** A name the table does not know and whose text detection could not identify (`public-domain`, `custom`). */
  | { readonly kind: 'unmapped'; readonly stated: string };

const FORMAT = /^format:\s*\S*(copyright-format|dep5)/im;

/** Parses a DEP-5 copyright file, or undefined when it is not one (old free-form copyright files). */
export function parseDebianCopyright(text: string): DebianCopyright | undefined {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (!FORMAT.test(normalized.slice(0, 2000))) return undefined;
  const paragraphs: DebianCopyrightParagraph[] = [];
  for (const block of normalized.split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const line of block.split('\n')) {
      if (/^#/.test(line)) continue;
      const field = /^([!-9;-~][!-9;-~]*):[ \t]*(.*)$/.exec(line);
      if (field && !/^[ \t]/.test(line)) {
        current = field[1];
        fields.set(current, field[2].trim());
      } else if (current && /^[ \t]/.test(line)) {
        const continued = line.trim() === '.' ? '' : line.replace(/^[ \t]/, '');
        fields.set(current, `${fields.get(current)}\n${continued}`);
      }
    }
    if (fields.size > 0) paragraphs.push({ fields });
  }
  return { paragraphs };
}

function field(paragraph: DebianCopyrightParagraph, name: string): string | undefined {
  for (const [key, value] of paragraph.fields) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/**
 * The package's license: the `License:` of the `Files: *` paragraph (the upstream work as a whole). Other
 * `Files:` paragraphs cover parts, and `Files: debian/*` covers Debian's packaging, not the package's code.
 * The short name is mapped through the DEP-5 table; a name the table does not know is identified from its
 * license text (the paragraph's own body, or the standalone `License:` paragraph of that name).
 */
export function debianPackageLicense(text: string): DebianPackageLicense | undefined {
  const copyright = parseDebianCopyright(text);
  if (!copyright) return undefined;
  const files = copyright.paragraphs.find((p) => (field(p, 'Files') ?? '').split(/\s+/).includes('*'));
  const license = files && field(files, 'License');
  if (!license) return undefined;
  const [first, ...body] = license.split('\n');
  const stated = first.trim();
  if (!stated) return undefined;
  const mapped = dep5ExpressionToSpdx(stated);
  const standalone = copyright.paragraphs.find((p) => !field(p, 'Files') && field(p, 'License')?.split('\n')[0].trim() === stated);
  const standaloneText = standalone ? (field(standalone, 'License') ?? '').split('\n').slice(1).join('\n') : '';
  const licenseText = body.join('\n').trim() || standaloneText.trim();
  const detected = licenseText ? detectLicenseText(licenseText) : undefined;
  // The notice quoted under the name is what the package grants: "LGPL-2.1" over a notice that says "version
  // 2.1 … or (at your option) any later version" is 2.1 or later.
  if (mapped?.endsWith('-only') && detected?.kind === 'match' && detected.expression === mapped.replace(/-only$/, '-or-later')) {
    return { kind: 'spdx', expression: detected.expression, stated, how: 'license-text' };
  }
  if (mapped) return { kind: 'spdx', expression: mapped, stated, how: 'short-name' };
  if (detected?.kind === 'match') return { kind: 'spdx', expression: detected.expression, stated, how: 'license-text' };
  return { kind: 'unmapped', stated };
}

const knownIds = new Set<string>(currentIds);

/**
 * The DEP-5 standard short names (copyright-format 1.0, "License specification") and the few spellings
 * Debian packages use besides them, as SPDX ids. A trailing `+` means "or any later version". Names without
 * a version (`GPL`, `Apache`, `BSD`) are left unmapped: their license text decides.
 */
const DEP5_NAMES: ReadonlyMap<string, string> = new Map([
  ['expat', 'MIT'],
  ['mit', 'MIT'],
  ['isc', 'ISC'],
  ['zlib', 'Zlib'],
  ['w3c', 'W3C'],
  ['cc0', 'CC0-1.0'],
  ['cc0-1.0', 'CC0-1.0'],
  ['bsd-2-clause', 'BSD-2-Clause'],
  ['bsd-3-clause', 'BSD-3-Clause'],
  ['bsd-4-clause', 'BSD-4-Clause'],
  ['apache-1.0', 'Apache-1.0'],
  ['apache-1.1', 'Apache-1.1'],
  ['apache-2', 'Apache-2.0'],
  ['apache-2.0', 'Apache-2.0'],
  ['artistic-1', 'Artistic-1.0'],
  ['artistic-1.0', 'Artistic-1.0'],
  ['artistic-2', 'Artistic-2.0'],
  ['artistic-2.0', 'Artistic-2.0'],
  // DEP-5: "Perl" is the license of Perl itself, GPL-1+ or Artistic-1.
  ['perl', 'Artistic-1.0-Perl OR GPL-1.0-or-later'],
  ['mpl-1.0', 'MPL-1.0'],
  ['mpl-1.1', 'MPL-1.1'],
  ['mpl-2', 'MPL-2.0'],
  ['mpl-2.0', 'MPL-2.0'],
  ['psf-2', 'PSF-2.0'],
  ['psfl-2', 'PSF-2.0'],
  ['psf-2.0', 'PSF-2.0'],
  ['python-2', 'Python-2.0'],
  ['python-2.0', 'Python-2.0'],
  ['zope-2.1', 'ZPL-2.1'],
  ['zpl-2.1', 'ZPL-2.1'],
  ['cddl-1.0', 'CDDL-1.0'],
  ['cpl-1.0', 'CPL-1.0'],
  ['epl-1.0', 'EPL-1.0'],
  ['epl-2.0', 'EPL-2.0'],
  ['efl-2', 'EFL-2.0'],
  ['qpl-1.0', 'QPL-1.0'],
  ['lppl-1.3c', 'LPPL-1.3c'],
  ['unicode', 'Unicode-DFS-2016'],
]);

/** `GPL-2+`, `LGPL-2.1`, `AGPL-3+`, `GFDL-1.3+`, `GFDL-NIV-1.2` → the SPDX GNU ids. */
function gnuName(name: string): string | undefined {
  const match = /^(a?gpl|lgpl|gfdl(?:-niv)?)-?(\d)(?:\.(\d))?(\+)?$/i.exec(name);
  if (!match) return undefined;
  const family = match[1].toUpperCase();
  const version = `${match[2]}.${match[3] ?? '0'}`;
  const later = match[4] ? 'or-later' : 'only';
  if (family === 'GFDL-NIV') return `GFDL-${version}-no-invariants-${later}`;
  return `${family}-${version}-${later}`;
}

/** `CC-BY-SA-3.0`, `CC-BY-4.0` and the other Creative Commons short names. */
function creativeCommons(name: string): string | undefined {
  const match = /^cc-(by(?:-nc)?(?:-sa|-nd)?)-(\d\.\d)$/i.exec(name);
  return match ? `CC-${match[1].toUpperCase()}-${match[2]}` : undefined;
}

/** One DEP-5 short name as an SPDX id, or undefined. SPDX ids written as they are pass through. */
export function dep5NameToSpdx(name: string): string | undefined {
  const trimmed = name.trim();
  const id = DEP5_NAMES.get(trimmed.toLowerCase()) ?? gnuName(trimmed) ?? creativeCommons(trimmed) ?? (knownIds.has(trimmed) ? trimmed : undefined);
  if (!id) return undefined;
  return id.split(/ (?:OR|AND) /).every((part) => knownIds.has(part)) ? id : undefined;
}

/**
 * A DEP-5 `License:` first line as an SPDX expression: names joined by `or` / `and`, where a comma closes a
 * group ("GPL-2+ or Artistic-1.0, and BSD-3-clause" is `(GPL-2.0-or-later OR Artistic-1.0) AND BSD-3-Clause`).
 * Undefined when any name is unknown or carries a `with … exception` SPDX has no id for.
 */
export function dep5ExpressionToSpdx(text: string): string | undefined {
  const groups = text.trim().split(/\s*,\s*(?=(?:and|or)\s)/i);
  let expression: string | undefined;
  for (const group of groups) {
    const lead = /^(and|or)\s+/i.exec(group);
    const operator = lead ? lead[1].toUpperCase() : undefined;
    const body = lead ? group.slice(lead[0].length) : group;
    const ors = body.split(/\s+or\s+/i).map((alternative) => {
      const ands = alternative.split(/\s+and\s+/i).map((name) => (/\swith\s/i.test(name) ? undefined : dep5NameToSpdx(name)));
      if (ands.some((id) => id === undefined)) return undefined;
      return ands.length === 1 ? wrap(ands[0]!) : ands.map((id) => wrap(id!)).join(' AND ');
    });
    if (ors.some((part) => part === undefined) || ors.length === 0) return undefined;
    const groupExpression = ors.length === 1 ? ors[0]! : ors.map((part) => (/ AND /.test(part!) ? `(${part})` : part)).join(' OR ');
    if (expression === undefined) expression = groupExpression;
    else {
      if (!operator) return undefined;
      expression = `${wrap(expression)} ${operator} ${wrap(groupExpression)}`;
    }
  }
  return expression;
}

/** Compound parts get parentheses so operator precedence cannot regroup them. */
function wrap(expression: string): string {
  return / (OR|AND) /.test(expression) && !/^\(.*\)$/.test(expression) ? `(${expression})` : expression;
}
