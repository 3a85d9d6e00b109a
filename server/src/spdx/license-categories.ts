import licenseIds = require('spdx-license-ids');
import deprecatedIds = require('spdx-license-ids/deprecated.json');
import spdxLicenseList = require('spdx-license-list');

/**
 * License categories as Google's licenseclassifier defines them (and Trivy reuses): from most to least
 * encumbering. Policies name them as `@forbidden`, `@restricted`, …
 */
export type LicenseCategory = 'forbidden' | 'restricted' | 'reciprocal' | 'notice' | 'permissive' | 'unencumbered';

export const LICENSE_CATEGORIES: readonly LicenseCategory[] = ['forbidden', 'restricted', 'reciprocal', 'notice', 'permissive', 'unencumbered'];

export function isLicenseCategory(value: string): value is LicenseCategory {
  return (LICENSE_CATEGORIES as readonly string[]).includes(value);
}

const DESCRIPTIONS: Readonly<Record<LicenseCategory, string>> = {
  forbidden: 'forbidden: terms most organisations cannot accept (network copyleft, non-commercial, field-of-use limits)',
  restricted: 'restricted: strong copyleft; distributing the work obliges you to release the combined source',
  reciprocal: 'reciprocal: file-level copyleft; changes to the licensed files must be shared',
  notice: 'notice: permissive, but the license and copyright notices must be kept',
  permissive: 'permissive: almost no obligations',
  unencumbered: 'unencumbered: public domain or equivalent; no obligations',
};

export function describeCategory(category: LicenseCategory): string {
  return DESCRIPTIONS[category];
}

/**
 * Licenses licenseclassifier classifies by name. Versioned families are listed by their base id; `-only`,
 * `-or-later` and `+` forms are reduced to it before lookup.
 */
const CLASSIFIED: Readonly<Record<LicenseCategory, readonly string[]>> = {
  forbidden: [
    'AGPL-1.0', 'AGPL-3.0', 'CC-BY-NC-1.0', 'CC-BY-NC-2.0', 'CC-BY-NC-2.5', 'CC-BY-NC-3.0', 'CC-BY-NC-4.0',
    'CC-BY-NC-ND-1.0', 'CC-BY-NC-ND-2.0', 'CC-BY-NC-ND-2.5', 'CC-BY-NC-ND-3.0', 'CC-BY-NC-ND-4.0',
    'CC-BY-NC-SA-1.0', 'CC-BY-NC-SA-2.0', 'CC-BY-NC-SA-2.5', 'CC-BY-NC-SA-3.0', 'CC-BY-NC-SA-4.0',
    'Commons-Clause', 'Facebook-2-Clause', 'Facebook-3-Clause', 'Facebook-Examples', 'WTFPL',
    'SSPL-1.0', 'BUSL-1.1', 'Elastic-2.0', 'JSON', 'Hippocratic-2.1', 'PolyForm-Noncommercial-1.0.0', 'PolyForm-Small-Business-1.0.0',
  ],
  restricted: [
    'BCL', 'CC-BY-ND-1.0', 'CC-BY-ND-2.0', 'CC-BY-ND-2.5', 'CC-BY-ND-3.0', 'CC-BY-ND-4.0',
    'CC-BY-SA-1.0', 'CC-BY-SA-2.0', 'CC-BY-SA-2.5', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0',
    'GPL-1.0', 'GPL-2.0', 'GPL-3.0', 'LGPL-2.0', 'LGPL-2.1', 'LGPL-3.0', 'LGPLLR', 'NPL-1.0', 'NPL-1.1',
    'OSL-1.0', 'OSL-1.1', 'OSL-2.0', 'OSL-2.1', 'OSL-3.0', 'QPL-1.0', 'Sleepycat', 'EUPL-1.0', 'EUPL-1.1', 'EUPL-1.2',
    'GFDL-1.1', 'GFDL-1.2', 'GFDL-1.3', 'CECILL-1.0', 'CECILL-1.1', 'CECILL-2.0', 'CECILL-2.1', 'RPL-1.1', 'RPL-1.5',
  ],
  reciprocal: [
    'APSL-1.0', 'APSL-1.1', 'APSL-1.2', 'APSL-2.0', 'CDDL-1.0', 'CDDL-1.1', 'CPL-1.0', 'EPL-1.0', 'EPL-2.0', 'FreeImage',
    'IPL-1.0', 'MPL-1.0', 'MPL-1.1', 'MPL-2.0', 'MPL-2.0-no-copyleft-exception', 'Ruby', 'MS-RL', 'CECILL-C', 'ErlPL-1.1',
    'SPL-1.0', 'NASA-1.3', 'RPSL-1.0', 'Motosoto', 'CPAL-1.0', 'OCLC-2.0', 'SISSL', 'SISSL-1.2', 'Watcom-1.0', 'LPL-1.0', 'LPL-1.02',
  ],
  notice: [
    'AFL-1.1', 'AFL-1.2', 'AFL-2.0', 'AFL-2.1', 'AFL-3.0', 'Apache-1.0', 'Apache-1.1', 'Apache-2.0', 'Artistic-1.0',
    'Artistic-1.0-cl8', 'Artistic-1.0-Perl', 'Artistic-2.0', 'BSL-1.0', 'BSD-2-Clause', 'BSD-2-Clause-FreeBSD',
    'BSD-2-Clause-NetBSD', 'BSD-3-Clause', 'BSD-3-Clause-Attribution', 'BSD-3-Clause-Clear', 'BSD-3-Clause-LBNL',
    'BSD-4-Clause', 'BSD-4-Clause-UC', 'BSD-Protection', 'CC-BY-1.0', 'CC-BY-2.0', 'CC-BY-2.5', 'CC-BY-3.0', 'CC-BY-4.0',
    'FTL', 'ISC', 'ImageMagick', 'Libpng', 'Lil-1.0', 'Linux-OpenIB', 'MS-PL', 'MIT', 'NCSA', 'OpenSSL', 'PHP-3.0',
    'PHP-3.01', 'Python-2.0', 'PostgreSQL', 'SGI-B-1.0', 'SGI-B-1.1', 'SGI-B-2.0', 'Unicode-DFS-2015', 'Unicode-DFS-2016',
    'Unicode-TOU', 'Unicode-3.0', 'UPL-1.0', 'W3C', 'W3C-19980720', 'W3C-20150513', 'X11', 'Xnet', 'Zend-2.0',
    'zlib-acknowledgement', 'Zlib', 'ZPL-1.1', 'ZPL-2.0', 'ZPL-2.1', 'bzip2-1.0.6', 'curl', 'OFL-1.1',
  ],
  permissive: ['MIT-0', 'BlueOak-1.0.0', 'FSFAP', 'FSFULLR', 'FSFUL', 'Fair', 'BSD-1-Clause', 'MIT-CMU', 'HPND'],
  unencumbered: ['CC0-1.0', 'Unlicense', '0BSD', 'PDDL-1.0', 'SAX-PD', 'libselinux-1.0', 'NIST-PD', 'NIST-PD-fallback', 'CC-PDDC', 'blessing'],
};

/**
 * For the several hundred less common SPDX licenses, families recognised by id and then by name. The order
 * matters: the first match wins, most encumbering first, so a license is never classified more leniently
 * than a rule that also fits it.
 */
const FAMILY_RULES: ReadonlyArray<[RegExp, 'id' | 'name', LicenseCategory]> = [
  [/^(AGPL|SSPL|BUSL|PolyForm-|CC-BY-NC|Elastic-)/, 'id', 'forbidden'],
  [/non-?commercial|not for commercial|evaluation|academic use|research use/i, 'name', 'forbidden'],
  [/^(GPL|LGPL|GFDL|CC-BY-SA|CC-BY-ND|OSL|EUPL|RPL|QPL|NPL|CECILL-(1|2)|Sleepycat|copyleft-next)/, 'id', 'restricted'],
  [/General Public License|Share ?Alike|No ?Deriv/i, 'name', 'restricted'],
  [/^(MPL|EPL|CDDL|CPL|APSL|IPL|MS-RL|CECILL-C|ErlPL|SPL|NASA|RPSL|CPAL|OCLC|SISSL|LPL|Watcom|EUDatagrid|gSOAP|Interbase|SugarCRM|YPL)/, 'id', 'reciprocal'],
  [/^(CC0|Unlicense|PDDL|SAX-PD|NIST-PD|CC-PDDC|libselinux)/, 'id', 'unencumbered'],
  [/public domain/i, 'name', 'unencumbered'],
];

let table: Map<string, LicenseCategory> | undefined;

/** `GPL-2.0-only`, `GPL-2.0-or-later`, `GPL-2.0+` and `GPL-2.0-with-…-exception` all share GPL-2.0's category. */
function baseId(id: string): string {
  return id.replace(/\+$/, '').replace(/-(only|or-later)$/, '').replace(/-with-.*-exception$/, '');
}

function classify(id: string): LicenseCategory {
  const base = baseId(id);
  for (const category of LICENSE_CATEGORIES) {
    if (CLASSIFIED[category].includes(id) || CLASSIFIED[category].includes(base)) return category;
  }
  const name = (spdxLicenseList as Record<string, { name: string } | undefined>)[id]?.name ?? '';
  for (const [pattern, field, category] of FAMILY_RULES) {
    if (pattern.test(field === 'id' ? id : name)) return category;
  }
  // What remains is overwhelmingly attribution-style permissive licenses (MIT and BSD variants and the like).
  return 'notice';
}

function buildTable(): Map<string, LicenseCategory> {
  const map = new Map<string, LicenseCategory>();
  const ids = new Set([...Object.keys(spdxLicenseList), ...licenseIds, ...deprecatedIds]);
  for (const id of ids) map.set(id, classify(id));
  return map;
}

/** The category of an SPDX license id (case-sensitive); undefined for ids outside the SPDX list. */
export function categoryOf(licenseId: string): LicenseCategory | undefined {
  table ??= buildTable();
  const direct = table.get(licenseId);
  if (direct) return direct;
  // `-or-later` / `+` forms of listed ids are SPDX expressions of the listed license.
  const plain = licenseId.replace(/\+$/, '');
  if (plain !== licenseId || /-(only|or-later)$/.test(licenseId)) {
    const base = table.get(plain) ?? table.get(baseId(licenseId)) ?? table.get(`${baseId(licenseId)}-only`);
    if (base) return base;
  }
  return undefined;
}
