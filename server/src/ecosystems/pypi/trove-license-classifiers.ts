/**
 * Trove license classifiers (https://pypi.org/classifiers/) and what they say in SPDX terms. A classifier that
 * names a family without a version ("BSD License", "Apache Software License", "GNU General Public License
 * (GPL)") is ambiguous: it is never guessed, and the evidence reads it as a family unless the `License` field
 * or a shipped license file names the variant.
 */
export type ClassifierMeaning =
  | { readonly kind: 'spdx'; readonly id: string }
  | { readonly kind: 'ambiguous'; readonly text: string }
  /** Not a license statement at all ("OSI Approved" alone, "DFSG approved"). */
  | { readonly kind: 'none' };

const SPDX_BY_CLASSIFIER: Readonly<Record<string, string>> = {
  'Attribution Assurance License': 'AAL',
  'Blue Oak Model License (BlueOak-1.0.0)': 'BlueOak-1.0.0',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)': 'CECILL-2.1',
  'CeCILL-B Free Software License Agreement (CECILL-B)': 'CECILL-B',
  'CeCILL-C Free Software License Agreement (CECILL-C)': 'CECILL-C',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
  'Common Development and Distribution License 1.0 (CDDL-1.0)': 'CDDL-1.0',
  'Common Public License': 'CPL-1.0',
  'Eclipse Public License 1.0 (EPL-1.0)': 'EPL-1.0',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'Educational Community License, Version 2.0 (ECL-2.0)': 'ECL-2.0',
  'European Union Public Licence 1.0 (EUPL 1.0)': 'EUPL-1.0',
  'European Union Public Licence 1.1 (EUPL 1.1)': 'EUPL-1.1',
  'European Union Public Licence 1.2 (EUPL 1.2)': 'EUPL-1.2',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'Historical Permission Notice and Disclaimer (HPND)': 'HPND',
  'IBM Public License': 'IPL-1.0',
  'ISC License (ISCL)': 'ISC',
  'Intel Open Source License': 'Intel',
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'Mozilla Public License 1.0 (MPL)': 'MPL-1.0',
  'Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'Mulan Permissive Software License v2 (MulanPSL-2.0)': 'MulanPSL-2.0',
  'Nokia Open Source License': 'Nokia',
  'Open Group Test Suite License': 'OGTSL',
  'Open Software License 3.0 (OSL-3.0)': 'OSL-3.0',
  'PostgreSQL License': 'PostgreSQL',
  'Python License (CNRI Python License)': 'CNRI-Python',
  'Python Software Foundation License': 'PSF-2.0',
  'Qt Public License (QPL)': 'QPL-1.0',
  'Ricoh Source Code Public License': 'RSCPL',
  'SIL Open Font License 1.1 (OFL-1.1)': 'OFL-1.1',
  'Sleepycat License': 'Sleepycat',
  'Sun Industry Standards Source License (SISSL)': 'SISSL',
  'Sun Public License': 'SPL-1.0',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Universal Permissive License (UPL)': 'UPL-1.0',
  'University of Illinois/NCSA Open Source License': 'NCSA',
  'Vovida Software License 1.0': 'VSL-1.0',
  'W3C License': 'W3C',
  'X.Net License': 'Xnet',
  'Zero-Clause BSD (0BSD)': '0BSD',
  'zlib/libpng License': 'Zlib',
  'Aladdin Free Public License (AFPL)': 'Aladdin',
};

/** Classifiers that carry no license information of their own. */
const NOT_A_LICENSE = new Set(['OSI Approved', 'DFSG approved']);

/** What one `License :: …` classifier says; `none` for classifiers of other kinds. */
export function classifierLicense(classifier: string): ClassifierMeaning {
  const parts = classifier.split('::').map((p) => p.trim());
  if (parts[0] !== 'License' || parts.length < 2) return { kind: 'none' };
  const name = parts[parts.length - 1];
  if (parts.length === 2 && NOT_A_LICENSE.has(name)) return { kind: 'none' };
  const id = Object.hasOwn(SPDX_BY_CLASSIFIER, name) ? SPDX_BY_CLASSIFIER[name] : undefined;
  return id ? { kind: 'spdx', id } : { kind: 'ambiguous', text: name };
}
