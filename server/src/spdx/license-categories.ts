import licenseIds = require('spdx-license-ids');
import deprecatedIds = require('spdx-license-ids/deprecated.json');
import spdxLicenseList = require('spdx-license-list');
import { FAMILY_RULES, LICENSECLASSIFIER_CATEGORIES, REVIEWED_CATEGORIES, UNREVIEWED_CATEGORY, type LicenseCategory } from './license-category-table';

export type { LicenseCategory } from './license-category-table';

export const LICENSE_CATEGORIES: readonly LicenseCategory[] = ['forbidden', 'restricted', 'reciprocal', 'notice', 'permissive', 'unencumbered'];

export function isLicenseCategory(value: string): value is LicenseCategory {
  return (LICENSE_CATEGORIES as readonly string[]).includes(value);
}

const DESCRIPTIONS: Readonly<Record<LicenseCategory, string>> = {
  forbidden: 'forbidden: terms most organisations cannot accept (network copyleft, non-commercial or field-of-use limits)',
  restricted: 'restricted: strong copyleft; distributing a work that includes it obliges you to release the whole work\'s source',
  reciprocal: 'reciprocal: changes to the licensed files must be shared',
  notice: 'notice: free to use, but the license or copyright notice must be kept with copies',
  permissive: 'permissive: free to use; not even a notice needs to be kept',
  unencumbered: 'unencumbered: public domain or equivalent; no obligations',
};

export function describeCategory(category: LicenseCategory): string {
  return DESCRIPTIONS[category];
}

/**
 * Where a category came from: licenseclassifier's own list, this project's reading of the license text, or
 * a family rule for an id newer than the table.
 */
export type CategorySource = 'licenseclassifier' | 'reviewed' | 'family-rule';

export interface LicenseClassification {
  readonly category: LicenseCategory;
  readonly source: CategorySource;
}

/** `GPL-2.0-only`, `GPL-2.0-or-later` and `GPL-2.0+` are all classified as `GPL-2.0`. */
function baseId(id: string): string {
  return id.replace(/\+$/, '').replace(/-(only|or-later)$/, '');
}

function tableEntries(): Map<string, LicenseClassification> {
  const entries = new Map<string, LicenseClassification>();
  // Reviewed first, so licenseclassifier wins should an id ever appear in both.
  const sources: Array<[CategorySource, Readonly<Record<LicenseCategory, readonly string[]>>]> = [
    ['reviewed', REVIEWED_CATEGORIES],
    ['licenseclassifier', LICENSECLASSIFIER_CATEGORIES],
  ];
  for (const [source, table] of sources) {
    for (const category of LICENSE_CATEGORIES) {
      for (const id of table[category]) entries.set(id, { category, source });
    }
  }
  return entries;
}

function byFamily(id: string): LicenseClassification {
  const rule = FAMILY_RULES.find(([pattern]) => pattern.test(id));
  return { category: rule ? rule[1] : UNREVIEWED_CATEGORY, source: 'family-rule' };
}

let classifications: Map<string, LicenseClassification> | undefined;

/** Every id of the installed SPDX lists, deprecated ones included, mapped once. */
function buildClassifications(): Map<string, LicenseClassification> {
  const table = tableEntries();
  const map = new Map<string, LicenseClassification>();
  const ids = new Set([...Object.keys(spdxLicenseList), ...licenseIds, ...deprecatedIds]);
  for (const id of ids) map.set(id, table.get(id) ?? table.get(baseId(id)) ?? byFamily(baseId(id)));
  return map;
}

/**
 * The category of an SPDX license id and where it came from; undefined for anything that is not an id of
 * the SPDX list (LicenseRef-…, unknown names, wrong case: SPDX ids are case-sensitive in this use).
 */
export function classifyLicense(licenseId: string): LicenseClassification | undefined {
  if (typeof licenseId !== 'string') return undefined;
  classifications ??= buildClassifications();
  const direct = classifications.get(licenseId);
  if (direct) return direct;
  // `Apache-2.0+` and `MIT-or-later`-style spellings of listed ids: the `+` operator applies to any license.
  const base = baseId(licenseId);
  if (base !== licenseId) return classifications.get(base) ?? classifications.get(`${base}-only`);
  return undefined;
}

/** The category of an SPDX license id (case-sensitive); undefined for ids outside the SPDX list. */
export function categoryOf(licenseId: string): LicenseCategory | undefined {
  return classifyLicense(licenseId)?.category;
}
