import spdxLicenseList = require('spdx-license-list');
import { parseSpdxExpression, formatSpdxExpression } from '../spdx/spdx-expression';

/** Names and URLs build files use that the SPDX list spells differently. */
const ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^(the )?apache( software)? licen[sc]e,? (version )?2(\.0)?$/i, 'Apache-2.0'],
  [/^apache[- ]2(\.0)?$/i, 'Apache-2.0'],
  [/^asl 2(\.0)?$/i, 'Apache-2.0'],
  [/^(the )?mit licen[sc]e$/i, 'MIT'],
  [/^mit$/i, 'MIT'],
  [/^(the )?(new |revised |modified )?bsd (3-clause |three-clause )?licen[sc]e$/i, 'BSD-3-Clause'],
  [/^bsd[- ]3[- ]clause$/i, 'BSD-3-Clause'],
  [/^(the )?bsd 2-clause licen[sc]e$|^(simplified|freebsd) bsd licen[sc]e$/i, 'BSD-2-Clause'],
  [/^eclipse public licen[sc]e,?( -)? (v\.? ?|version )?2\.0$/i, 'EPL-2.0'],
  [/^eclipse public licen[sc]e,?( -)? (v\.? ?|version )?1\.0$/i, 'EPL-1.0'],
  // The EDL is the BSD 3-clause license under another name (the SPDX list says so).
  [/^eclipse distribution licen[sc]e,?( -)? (v\.? ?|version )?1\.0$/i, 'BSD-3-Clause'],
  [/^gnu (library|lesser) general public licen[sc]e,? v?2\.1 or later$/i, 'LGPL-2.1-or-later'],
  [/^(gnu )?lesser general public licen[sc]e,? (v|version )?2\.1$|^lgpl[- ]?2\.1$/i, 'LGPL-2.1-only'],
  [/^(gnu )?general public licen[sc]e,? (v|version )?2(\.0)?$|^gpl[- ]?v?2$/i, 'GPL-2.0-only'],
  [/^gpl2 w\/ cpe$|^gnu general public licen[sc]e,? version 2,? with the classpath exception$/i, 'GPL-2.0-only WITH Classpath-exception-2.0'],
  [/^common development and distribution licen[sc]e( \(cddl\))?,? (v|version )?1\.0$|^cddl 1\.0$/i, 'CDDL-1.0'],
  [/^cddl 1\.1$|^common development and distribution licen[sc]e( \(cddl\))?,? (v|version )?1\.1$/i, 'CDDL-1.1'],
  [/^mozilla public licen[sc]e,? (v|version )?2\.0$|^mpl 2\.0$/i, 'MPL-2.0'],
  [/^(the )?unlicen[sc]e$/i, 'Unlicense'],
  [/^public domain$/i, 'LicenseRef-Public-Domain'],
  [/^cc0( 1\.0)?( universal)?$/i, 'CC0-1.0'],
  [/^isc( licen[sc]e)?$/i, 'ISC'],
];

const URL_ALIASES: Readonly<Record<string, string>> = {
  'apache.org/licenses/license-2.0': 'Apache-2.0',
  'opensource.org/licenses/mit': 'MIT',
  'opensource.org/licenses/mit-license.php': 'MIT',
  'opensource.org/licenses/bsd-3-clause': 'BSD-3-Clause',
  'opensource.org/licenses/bsd-license.php': 'BSD-3-Clause',
  'opensource.org/licenses/bsd-2-clause': 'BSD-2-Clause',
  'eclipse.org/legal/epl-v20': 'EPL-2.0',
  'eclipse.org/legal/epl-2.0': 'EPL-2.0',
  'eclipse.org/legal/epl-v10': 'EPL-1.0',
  'gnu.org/licenses/lgpl-2.1': 'LGPL-2.1-only',
  'gnu.org/licenses/old-licenses/lgpl-2.1': 'LGPL-2.1-only',
  'gnu.org/licenses/gpl-3.0': 'GPL-3.0-only',
  'gnu.org/licenses/old-licenses/gpl-2.0': 'GPL-2.0-only',
  'mozilla.org/mpl/2.0': 'MPL-2.0',
};

let byName: Map<string, string> | undefined;
let byUrl: Map<string, string> | undefined;

function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\.(txt|html?|php)$/, (ext) => (ext === '.php' ? ext : ''))
    .replace(/\/+$/, '');
}

function tables(): { names: Map<string, string>; urls: Map<string, string> } {
  if (!byName || !byUrl) {
    byName = new Map();
    byUrl = new Map(Object.entries(URL_ALIASES));
    for (const [id, info] of Object.entries(spdxLicenseList)) {
      if (info.name) byName.set(info.name.toLowerCase(), id);
      if (info.url && !byUrl.has(normaliseUrl(info.url))) byUrl.set(normaliseUrl(info.url), id);
    }
  }
  return { names: byName, urls: byUrl };
}

/**
 * An SPDX expression for a license given by free-text name and/or URL (Maven `<license>`, NuGet `licenseUrl`):
 * an SPDX id or expression as is, an exact SPDX list name, a known alias, or a URL the SPDX list (or the alias
 * table) knows. Undefined when none fits: the caller reports it as a custom license rather than guess.
 */
export function spdxForLicenseName(name: string | undefined, url: string | undefined): string | undefined {
  const { names, urls } = tables();
  const text = name?.trim();
  if (text) {
    const parsed = parseSpdxExpression(text);
    if (parsed.ok) return formatSpdxExpression(parsed.expression);
    const exact = names.get(text.toLowerCase());
    if (exact) return exact;
    for (const [pattern, id] of ALIASES) if (pattern.test(text)) return id;
  }
  if (url?.trim()) {
    const nuget = /^https?:\/\/licenses\.nuget\.org\/(.+)$/i.exec(url.trim());
    if (nuget) {
      const parsed = parseSpdxExpression(decodeURIComponent(nuget[1]));
      if (parsed.ok) return formatSpdxExpression(parsed.expression);
    }
    const fromUrl = urls.get(normaliseUrl(url));
    if (fromUrl) return fromUrl;
  }
  return undefined;
}
