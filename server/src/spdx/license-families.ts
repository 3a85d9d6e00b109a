import licenseIds = require('spdx-license-ids');
import { categoryOf } from './license-categories';

/**
 * A license family: the licenses a statement may mean when it names the family but not the variant ("BSD
 * License", "GNU GPL", "Apache Software License"). Members come from the SPDX list by id prefix, so a license
 * added to the list joins its family without anyone editing a table.
 */
export interface LicenseFamily {
  /** `BSD`, `GPL`, … as people write it. */
  readonly name: string;
  /** Current (non-deprecated) SPDX ids of the family, in list order. */
  readonly members: readonly string[];
}

/** Family name → the id prefix its members share. */
const FAMILY_PREFIXES: Readonly<Record<string, RegExp>> = {
  BSD: /^BSD-/,
  GPL: /^GPL-/,
  LGPL: /^LGPL-/,
  AGPL: /^AGPL-/,
  Apache: /^Apache-/,
  MPL: /^MPL-/,
  EPL: /^EPL-/,
  CDDL: /^CDDL-/,
  EUPL: /^EUPL-/,
  GFDL: /^GFDL-/,
  Artistic: /^Artistic-/,
  AFL: /^AFL-/,
  OSL: /^OSL-/,
  CPAL: /^CPAL-/,
  ZPL: /^ZPL-/,
  LPPL: /^LPPL-/,
  OFL: /^OFL-/,
  CeCILL: /^CECILL-/,
  PSF: /^(PSF-|Python-)/,
  Ruby: /^Ruby(-|$)/,
  Zlib: /^Zlib/,
};

export const FAMILY_NAMES: readonly string[] = Object.keys(FAMILY_PREFIXES);

const families = new Map<string, LicenseFamily>();

/**
 * The family called `name`. Ids that add a field-of-use restriction to a family whose other members have none
 * (`BSD-3-Clause-No-Military-License`, classified forbidden while every other BSD is notice) are left out: a
 * package under such terms is not what anyone means by plain "BSD", and including them would make every vague
 * BSD statement look forbidden.
 */
export function licenseFamily(name: string): LicenseFamily | undefined {
  const cached = families.get(name);
  if (cached) return cached;
  const prefix = Object.hasOwn(FAMILY_PREFIXES, name) ? FAMILY_PREFIXES[name] : undefined;
  if (!prefix) return undefined;
  const all = licenseIds.filter((id) => prefix.test(id));
  const free = all.filter((id) => categoryOf(id) !== 'forbidden');
  const family = { name, members: free.length > 0 ? free : all };
  families.set(name, family);
  return family;
}
