import licenseIds = require('spdx-license-ids');
import spdxLicenseList = require('spdx-license-list');
import { spdxId, versionedId } from './license-id-spellings';
import { spdxForLicenseUrl } from './license-urls';
import { licenseFamily, type LicenseFamily } from '../spdx/license-families';
import { formatSpdxExpression, parseSpdxExpression, type SpdxExpression } from '../spdx/spdx-expression';
import { interpretLicenseStatement } from '../spdx/interpret-license-statement';

/**
 * What a free-text license name means: one license, or a family whose variant it does not say. The mapping is
 * a reviewed set of rules rather than spdx-correct, which guesses a variant for a family name (`BSD` →
 * BSD-2-Clause, `GPL` → GPL-3.0-or-later, `Apache Software License` → Apache-2.0): a guess must not decide.
 */
export type NameMeaning =
  | { readonly kind: 'license'; readonly expression: SpdxExpression; readonly mapped: boolean }
  | { readonly kind: 'family'; readonly family: LicenseFamily };

function license(id: string): NameMeaning {
  const parsed = parseSpdxExpression(id);
  if (!parsed.ok) throw new Error(`not an SPDX expression: ${id}`);
  return { kind: 'license', expression: parsed.expression, mapped: true };
}

function family(name: string): NameMeaning {
  const found = licenseFamily(name);
  if (!found) throw new Error(`no license family ${name}`);
  return { kind: 'family', family: found };
}

/** Names people write for one license, after normalising (lower case, single spaces, no leading "the"). */
const EXACT_NAMES: Readonly<Record<string, string>> = {
  mit: 'MIT',
  'mit license': 'MIT',
  'mit licence': 'MIT',
  'mit/expat': 'MIT',
  expat: 'MIT',
  'expat license': 'MIT',
  isc: 'ISC',
  iscl: 'ISC',
  'isc license': 'ISC',
  ruby: 'Ruby',
  "ruby's": 'Ruby',
  'ruby license': 'Ruby',
  "ruby's license": 'Ruby',
  psf: 'PSF-2.0',
  psfl: 'PSF-2.0',
  'psf license': 'PSF-2.0',
  'psf-2': 'PSF-2.0',
  'python software foundation': 'PSF-2.0',
  'python software foundation license': 'PSF-2.0',
  zlib: 'Zlib',
  'zlib license': 'Zlib',
  'zlib/libpng': 'Zlib',
  'zlib/libpng license': 'Zlib',
  boost: 'BSL-1.0',
  'boost software license': 'BSL-1.0',
  'boost software license 1.0': 'BSL-1.0',
  'boost software license, version 1.0': 'BSL-1.0',
  unlicense: 'Unlicense',
  'unlicense license': 'Unlicense',
  cc0: 'CC0-1.0',
  'cc0 1.0': 'CC0-1.0',
  'cc0 1.0 universal': 'CC0-1.0',
  'public domain': 'LicenseRef-Public-Domain',
  'eclipse distribution license 1.0': 'BSD-3-Clause',
  'eclipse distribution license - v 1.0': 'BSD-3-Clause',
  'edl 1.0': 'BSD-3-Clause',
  'edl-1.0': 'BSD-3-Clause',
  'gpl2 w/ cpe': 'GPL-2.0-only WITH Classpath-exception-2.0',
  'gnu general public license, version 2, with the classpath exception': 'GPL-2.0-only WITH Classpath-exception-2.0',
  'gpl-2.0 with classpath exception': 'GPL-2.0-only WITH Classpath-exception-2.0',
};

/** Family names that say no variant at all. */
const FAMILY_NAMES: Readonly<Record<string, string>> = {
  python: 'PSF',
  'python license': 'PSF',
  'ruby-style': 'Ruby',
};

/**
 * Licenses named by a family name and a version (`Apache License, Version 2.0`, `MPLv2`, `EPL 1.0`); without
 * a version the name is the family.
 */
const VERSIONED: ReadonlyArray<{ readonly words: RegExp; readonly prefix: string; readonly family: string }> = [
  { words: /^(apache|apache software|apache software foundation|asl|al)$/, prefix: 'Apache-', family: 'Apache' },
  { words: /^(mozilla public|mozilla|mpl)$/, prefix: 'MPL-', family: 'MPL' },
  { words: /^(eclipse public|eclipse|epl)$/, prefix: 'EPL-', family: 'EPL' },
  { words: /^(common development and distribution|cddl)$/, prefix: 'CDDL-', family: 'CDDL' },
  { words: /^(european union public|eupl)$/, prefix: 'EUPL-', family: 'EUPL' },
  { words: /^(artistic|perl artistic)$/, prefix: 'Artistic-', family: 'Artistic' },
  { words: /^(academic free|afl)$/, prefix: 'AFL-', family: 'AFL' },
  { words: /^(open software|osl)$/, prefix: 'OSL-', family: 'OSL' },
  { words: /^(zope public|zpl)$/, prefix: 'ZPL-', family: 'ZPL' },
  { words: /^(gnu free documentation|gfdl|fdl)$/, prefix: 'GFDL-', family: 'GFDL' },
  { words: /^(sil open font|open font|ofl)$/, prefix: 'OFL-', family: 'OFL' },
];

const MAX_NAME_LENGTH = 200;

/** Lower case, one space, no quotes, no trailing period, no leading "the". */
function normalise(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/\.$/, '')
    .replace(/^the /i, '')
    .toLowerCase();
}

/** GPL, LGPL and AGPL with their version and the "or later" clause: `GPLv2+`, `LGPL-3+`, `GNU GPL v2 or later`. */
function gnuMeaning(text: string): NameMeaning | undefined {
  const s = text
    .replace(/[(),]/g, ' ')
    .replace(/\bgnu\b/g, ' ')
    .replace(/\blicen[sc]e\b/g, ' ')
    .replace(/\b(library|lesser)( or (library|lesser))? general public\b/g, 'lgpl')
    .replace(/\baffero general public\b/g, 'agpl')
    .replace(/\bgeneral public\b/g, 'gpl')
    .replace(/\b(lesser|library) gpl\b/g, 'lgpl')
    .replace(/\baffero gpl\b/g, 'agpl')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^(a|l)?gpl(?:[\s-]*(?:v|ver\.?|version))?[\s-]*(\d(?:\.\d)?)?(?:\.0)?[\s-]*(\+|or later|or any later(?: version)?|or newer|and later|or above|or greater|only)?$/.exec(s);
  if (!match) return undefined;
  const [, kind, version, clause] = match;
  const name = `${(kind ?? '').toUpperCase()}GPL`;
  const later = clause !== undefined && clause !== 'only';
  if (!version) return later ? (versionedId(`${name}-`, '1', ['-or-later']) ? license(versionedId(`${name}-`, '1', ['-or-later'])!) : undefined) : family(name);
  const id = versionedId(`${name}-`, version, [later ? '-or-later' : '-only']);
  return id ? license(id) : undefined;
}

/** BSD by clause count or by its nicknames: `BSD 3-Clause`, `2-clause BSDL`, `New BSD`, `Simplified BSD`. */
function bsdMeaning(text: string): NameMeaning | undefined {
  if (!/\bbsdl?\b/.test(text.replace(/-/g, ' '))) return undefined;
  let s = ` ${text.replace(/[(),"]/g, ' ').replace(/\s+/g, ' ')} `;
  let clauses: string | undefined;
  const counts: Array<[RegExp, string]> = [
    [/[ -](0|zero)[ -]?clause[ -]/, '0'],
    [/[ -](1|one)[ -]?clause[ -]/, '1'],
    [/[ -](2|two)[ -]?clause[ -]/, '2'],
    [/[ -](3|three)[ -]?clause[ -]/, '3'],
    [/[ -](4|four)[ -]?clause[ -]/, '4'],
    [/ bsdl?[ -]([0-4])(?=[ -])/, '$1'],
    [/ (simplified|freebsd) /, '2'],
    [/ (new|modified|revised) /, '3'],
    [/ (original|old) /, '4'],
  ];
  for (const [pattern, count] of counts) {
    const match = pattern.exec(s);
    if (!match) continue;
    clauses = count === '$1' ? match[1] : count;
    s = s.replace(pattern, count === '$1' ? ' bsd ' : ' ');
    break;
  }
  const rest = s.replace(/\b(bsdl?|licen[sc]e|style|like|open source)\b/g, ' ').replace(/[\s-]+/g, '');
  if (rest !== '') return undefined;
  if (clauses === undefined) return family('BSD');
  return license(clauses === '0' ? '0BSD' : `BSD-${clauses}-Clause`);
}

/** `Apache License, Version 2.0`, `MPL 2.0`, `EPL-1`, `Artistic 2.0`; the family when no version is given. */
function versionedMeaning(text: string): NameMeaning | undefined {
  const s = text
    .replace(/[(),"]/g, ' ')
    .replace(/\bjanuary 2004\b/g, ' ')
    .replace(/([a-z])v(\d)/g, '$1 $2')
    .replace(/\bv\.?(?=\d)/g, ' ')
    .replace(/([a-z])-(\d)/g, '$1 $2')
    .replace(/\b(licen[sc]e|version|ver|v)\b\.?/g, ' ')
    .replace(/\s-(?=\s)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^(.*?)(?: (\d+(?:\.\d+)?))?$/.exec(s);
  if (!match) return undefined;
  const [, words, version] = match;
  for (const spec of VERSIONED) {
    if (!spec.words.test(words.trim())) continue;
    if (!version) return family(spec.family);
    const id = versionedId(spec.prefix, version);
    return id ? license(id) : undefined;
  }
  return undefined;
}

let namesOfList: Map<string, string> | undefined;

/** The SPDX list's own full names (`BSD 3-Clause "New" or "Revised" License`), lower case. */
function listName(text: string): string | undefined {
  if (!namesOfList) {
    namesOfList = new Map();
    for (const [id, info] of Object.entries(spdxLicenseList)) if (info.name && licenseIds.includes(id)) namesOfList.set(normalise(info.name), id);
  }
  return namesOfList.get(text);
}

/**
 * What one free-text license name means (`Apache 2.0`, `GPLv2+`, `BSD License`, a trove classifier's last
 * part), or undefined when it is not a name this table knows. An SPDX id in any case is a license too.
 */
export function meaningOfLicenseName(name: string): NameMeaning | undefined {
  const raw = name.trim().replace(/^License :: (OSI Approved :: )?/, '');
  // License names are short; a long text is a license text or noise, and the patterns below need not see it.
  if (raw.length > MAX_NAME_LENGTH) return undefined;
  const strict = interpretLicenseStatement(raw);
  if (strict.kind === 'spdx' && strict.expression.kind !== 'and' && strict.expression.kind !== 'or') {
    return { kind: 'license', expression: strict.expression, mapped: false };
  }
  const text = normalise(raw);
  if (text === '') return undefined;
  const direct = meaningOfNormalisedName(text);
  if (direct) return direct;
  // `The MIT License (MIT)`, `GNU General Public License v2 or later (GPLv2+)`: the name without the
  // parenthesised short form, else the short form when it is an SPDX id.
  const parenthesised = /^(.*?)\s*\(([^()]+)\)$/.exec(text);
  if (parenthesised) {
    const outer = parenthesised[1] ? meaningOfNormalisedName(parenthesised[1]) : undefined;
    if (outer) return outer;
    const id = spdxId(parenthesised[2]);
    if (id) return license(id);
    const inner = meaningOfNormalisedName(normalise(parenthesised[2]));
    if (inner && !parenthesised[1]) return inner;
  }
  return undefined;
}

/** The license a license page's URL names, or undefined when the URL is not one the tables know. */
export function meaningOfLicenseUrl(url: string): NameMeaning | undefined {
  const id = spdxForLicenseUrl(url);
  return id ? license(id) : undefined;
}

function meaningOfNormalisedName(text: string): NameMeaning | undefined {
  // Own properties only: metadata may say `constructor` or `__proto__`.
  const exact = (Object.hasOwn(EXACT_NAMES, text) ? EXACT_NAMES[text] : undefined) ?? listName(text);
  if (exact) return license(exact);
  const familyName = Object.hasOwn(FAMILY_NAMES, text) ? FAMILY_NAMES[text] : undefined;
  if (familyName) return family(familyName);
  if (/^https?:\/\//.test(text)) return meaningOfLicenseUrl(text);
  return gnuMeaning(text) ?? bsdMeaning(text) ?? versionedMeaning(text);
}

/**
 * The text to read as a license given by name and URL (a POM `<license>`, a nuspec `<licenseUrl>`): the name
 * when it names a license (or a family, unless the URL names the variant), else the URL when it names one, else
 * undefined. The text itself is kept
 * as the statement so that verdicts can say what it was mapped from.
 */
export function licenseNameOrUrl(name: string | undefined, url: string | undefined): string | undefined {
  const text = name?.trim();
  const link = url?.trim();
  const byName = text ? meaningOfLicenseName(text) : undefined;
  // `GNU Lesser General Public License` with a link to the LGPL 2.1 page: the URL says the variant.
  if (byName?.kind === 'family' && link && meaningOfLicenseUrl(link)) return link;
  if (text && (byName || readsAsNames(text))) return text;
  if (link && meaningOfLicenseUrl(link)) return link;
  return undefined;
}

/** An SPDX expression for a name and/or URL that name one definite license; undefined for families and unknowns. */
export function spdxForLicenseName(name: string | undefined, url: string | undefined): string | undefined {
  const text = licenseNameOrUrl(name, url);
  const meaning = text === undefined ? undefined : meaningOfLicenseName(text);
  return meaning?.kind === 'license' ? formatSpdxExpression(meaning.expression) : undefined;
}

/** A strict or repairable SPDX expression (`Apache-2.0 OR MIT`), which `meaningOfLicenseName` leaves to the reader. */
function readsAsNames(text: string): boolean {
  return interpretLicenseStatement(text).kind === 'spdx';
}
