import licenseIds = require('spdx-license-ids');
import spdxLicenseList = require('spdx-license-list');
import { interpretLicenseStatement } from '../spdx/interpret-license-statement';
import { formatSpdxExpression } from '../spdx/spdx-expression';
import { spdxId, versionedId } from './license-id-spellings';

/** URLs of license pages that the SPDX list does not carry, by pattern. */
const URL_PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
  // opensource.org names licenses by SPDX id under /licenses/ (old) and /license/ (new), any case.
  [/^opensource\.org\/licenses?\/([\w.+-]+?)(?:-license)?(?:\.php|\.html?)?$/, (m) => spdxId(m[1]) ?? (Object.hasOwn(OSI_OLD_PAGES, m[1]) ? OSI_OLD_PAGES[m[1]] : undefined)],
  [/^spdx\.org\/licenses\/([\w.+-]+?)(?:\.html|\.json)?$/, (m) => spdxId(m[1])],
  [/^choosealicense\.com\/licenses\/([\w.+-]+)$/, (m) => spdxId(m[1])],
  [/^licenses\.nuget\.org\/(.+)$/, (m) => nugetExpression(m[1])],
  [/^apache\.org\/licenses\/license-(\d\.\d)(?:\.txt|\.html)?$/, (m) => versionedId('Apache-', m[1])],
  [/^(?:eclipse\.org\/org\/documents|eclipse\.org\/legal)\/edl-v10(?:\.php|\.html)?$/, () => 'BSD-3-Clause'],
  [/^eclipse\.org\/legal\/epl-(?:v20|2\.0)(?:\.php|\.html)?$/, () => 'EPL-2.0'],
  [/^eclipse\.org\/legal\/epl-v10(?:\.php|\.html)?$/, () => 'EPL-1.0'],
  [/^mozilla\.org\/(?:en-us\/)?mpl\/(\d\.\d)(?:\/index\.txt)?$/, (m) => versionedId('MPL-', m[1])],
  // gnu.org's pages carry a version but not the "or later" clause, which a project states elsewhere.
  [/^gnu\.org\/(?:licenses\/old-licenses|licenses)\/(a|l)?gpl-(\d\.\d)(?:-standalone)?(?:\.html?|\.txt|\.en\.html)?$/, (m) => versionedId(`${(m[1] ?? '').toUpperCase()}GPL-`, m[2], ['-only'])],
  [/^gnu\.org\/(?:licenses\/old-licenses|licenses)\/fdl-(\d\.\d)(?:-standalone)?(?:\.html?|\.txt)?$/, (m) => versionedId('GFDL-', m[1], ['-only'])],
  [/^gnu\.org\/(?:licenses|copyleft)\/gpl(?:\.html?|\.txt)?$/, () => 'GPL-3.0-only'],
  [/^gnu\.org\/(?:licenses\/lgpl|copyleft\/lesser)(?:\.html?|\.txt)?$/, () => 'LGPL-3.0-only'],
  [/^gnu\.org\/licenses\/agpl(?:\.html?|\.txt)?$/, () => 'AGPL-3.0-only'],
];

/** opensource.org's pages from before it named them by SPDX id. */
const OSI_OLD_PAGES: Readonly<Record<string, string>> = {
  mit: 'MIT',
  'bsd-license': 'BSD-3-Clause',
  bsd: 'BSD-3-Clause',
  'gpl-license': 'GPL-2.0-only',
  'lgpl-license': 'LGPL-2.1-only',
  'apache2.0': 'Apache-2.0',
  'apachepl': 'Apache-2.0',
};

/** `licenses.nuget.org/<expression>`: an SPDX expression in the path (lower-cased here, so ids are re-cased). */
function nugetExpression(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const statement = interpretLicenseStatement(decoded);
  return statement.kind === 'spdx' ? formatSpdxExpression(statement.expression) : undefined;
}

function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

let urlsOfList: Map<string, string> | undefined;

/** The SPDX list's license URLs, without scheme, `www.` or a trailing `.html`/`.txt`. */
function listUrl(url: string): string | undefined {
  const bare = (u: string) => u.replace(/(\.html?|\.txt)$/, '');
  if (!urlsOfList) {
    urlsOfList = new Map();
    for (const [id, info] of Object.entries(spdxLicenseList)) {
      // One URL often serves a license's -only and -or-later ids; the first (the -only id, or the plain one) wins.
      if (info.url && licenseIds.includes(id) && !urlsOfList.has(bare(normaliseUrl(info.url)))) urlsOfList.set(bare(normaliseUrl(info.url)), id);
    }
  }
  return urlsOfList.get(bare(url));
}

/**
 * The SPDX expression a license page's URL names (the SPDX list's own URLs, opensource.org, spdx.org,
 * choosealicense.com, gnu.org, apache.org, mozilla.org, eclipse.org, licenses.nuget.org), or undefined.
 */
export function spdxForLicenseUrl(url: string): string | undefined {
  const normalised = normaliseUrl(url);
  for (const [pattern, map] of URL_PATTERNS) {
    const match = pattern.exec(normalised);
    const id = match ? map(match) : undefined;
    if (id) return id;
  }
  return listUrl(normalised);
}
