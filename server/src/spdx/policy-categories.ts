import licenseIds = require('spdx-license-ids');
import { BLUEOAK_LIST_VERSION, BLUEOAK_RATINGS } from './blueoak-ratings';
import { categoryOf, type LicenseCategory } from './license-categories';

/** A Blue Oak Council rating, best first. */
export type BlueOakRating = keyof typeof BLUEOAK_RATINGS;

export const BLUEOAK_RATING_NAMES = Object.keys(BLUEOAK_RATINGS) as BlueOakRating[];

/**
 * The categories a policy may name with `@`:
 * - `permissive`: what OSPOs call permissive — Blue Oak Council's list of permissive licenses (every rating),
 *   plus the licenses that ask for less than a notice (licenseclassifier's `permissive` class as this project
 *   fills it; licenseclassifier's own list of that class is empty);
 * - licenseclassifier's classes under their own names: `notice`, `unencumbered`, `reciprocal`, `restricted`,
 *   `forbidden`;
 * - `blueoak-<rating>`: one Blue Oak rating (`@blueoak-gold` …), for a policy that wants only the better ones.
 * A license may be in several: MIT is `@permissive`, `@notice` and `@blueoak-silver`.
 */
export type PolicyCategory = LicenseCategory | `blueoak-${BlueOakRating}`;

const CLASSIFIER_CLASSES = ['notice', 'unencumbered', 'reciprocal', 'restricted', 'forbidden'] as const;

export const POLICY_CATEGORIES: readonly PolicyCategory[] = ['permissive', ...CLASSIFIER_CLASSES, ...BLUEOAK_RATING_NAMES.map((r) => `blueoak-${r}` as const)];

export function isPolicyCategory(value: string): value is PolicyCategory {
  return (POLICY_CATEGORIES as readonly string[]).includes(value);
}

let ratings: Map<string, BlueOakRating> | undefined;

/** Built on first use: nothing is split or indexed at start-up. */
function ratingIndex(): Map<string, BlueOakRating> {
  if (!ratings) {
    ratings = new Map();
    for (const rating of BLUEOAK_RATING_NAMES) for (const id of BLUEOAK_RATINGS[rating].split(' ')) ratings.set(id, rating);
  }
  return ratings;
}

/** `Apache-2.0+` and `GPL-2.0-or-later` are rated as the license they extend. */
function baseIds(id: string): string[] {
  const stripped = id.replace(/\+$/, '');
  return [id, stripped, stripped.replace(/-(only|or-later)$/, '')];
}

/** The Blue Oak rating of an SPDX id (case-sensitive), or undefined when the list does not rate it. */
export function blueOakRating(id: string): BlueOakRating | undefined {
  const index = ratingIndex();
  for (const candidate of baseIds(id)) {
    const rating = index.get(candidate);
    if (rating) return rating;
  }
  return undefined;
}

/** Whether an SPDX license id belongs to a policy category. */
export function categoryContains(category: PolicyCategory, id: string): boolean {
  if (category === 'permissive') return blueOakRating(id) !== undefined || categoryOf(id) === 'permissive';
  if (category.startsWith('blueoak-')) return blueOakRating(id) === category.slice('blueoak-'.length);
  return categoryOf(id) === category;
}

/** Every policy category an id belongs to, in POLICY_CATEGORIES order. */
export function categoriesOf(id: string): PolicyCategory[] {
  return POLICY_CATEGORIES.filter((c) => categoryContains(c, id));
}

const members = new Map<PolicyCategory, readonly string[]>();

/** The current (non-deprecated) SPDX ids in a category, sorted case-insensitively; computed once per category. */
export function categoryMembers(category: PolicyCategory): readonly string[] {
  let list = members.get(category);
  if (!list) {
    const ids = new Set(licenseIds.filter((id) => categoryContains(category, id)));
    // Blue Oak rates a few ids the SPDX list has since deprecated (BSD-2-Clause-FreeBSD): they are members too.
    if (category === 'permissive' || category.startsWith('blueoak-')) for (const id of ratingIndex().keys()) if (categoryContains(category, id)) ids.add(id);
    list = [...ids].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    members.set(category, list);
  }
  return list;
}

const SUMMARIES: Readonly<Record<Exclude<PolicyCategory, `blueoak-${string}`>, string>> = {
  permissive: 'licenses OSPOs call permissive: free to use, modify and redistribute, at most keeping a notice',
  notice: 'free to use, but the license or copyright notice must be kept with copies',
  unencumbered: 'public domain or equivalent; no obligations',
  reciprocal: 'changes to the licensed files must be shared',
  restricted: "strong copyleft: distributing a work that includes it obliges you to release the whole work's source",
  forbidden: 'terms most organisations cannot accept (network copyleft, non-commercial or field-of-use limits)',
};

const RATING_SUMMARIES: Readonly<Record<BlueOakRating, string>> = {
  model: 'the model of a permissive license',
  gold: 'addresses patents, robust language, asks only a simple notice',
  silver: 'robust language, but leaves patents unaddressed or asks more than a simple notice',
  bronze: 'permissive, with less robust language or some other shortcoming',
  lead: 'permissive in intent, but with significant problems or mostly obsolete',
};

/** What a category means, in one line. */
export function describePolicyCategory(category: PolicyCategory): string {
  if (category.startsWith('blueoak-')) return `Blue Oak Council rating "${category.slice(8)}": ${RATING_SUMMARIES[category.slice(8) as BlueOakRating]}`;
  return SUMMARIES[category as keyof typeof SUMMARIES];
}

/** Where a category's members come from, for hovers and the README. */
export function categorySource(category: PolicyCategory): string {
  if (category === 'permissive') return `Blue Oak Council's list of permissive licenses (@blueoak/list ${BLUEOAK_LIST_VERSION}, every rating), and licenses that ask for less than a notice`;
  if (category.startsWith('blueoak-')) return `Blue Oak Council's list (@blueoak/list ${BLUEOAK_LIST_VERSION})`;
  return "google/licenseclassifier's class of that name; SPDX licenses it does not list are classified by their text";
}
