import licenseIds = require('spdx-license-ids');
import { spdxForLicenseName } from '../../licenses/license-name-to-spdx';

let idsByLowerCase: Map<string, string> | undefined;

/** An SPDX id spelled in any case (`apache-2.0` in a URL), as the list spells it. */
function spdxId(text: string): string | undefined {
  idsByLowerCase ??= new Map(licenseIds.map((id) => [id.toLowerCase(), id]));
  return idsByLowerCase.get(text.trim().toLowerCase());
}

/** Names build files use that neither the SPDX list nor the shared alias table spell this way. */
const NAME_ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^epl[- ]?(v|version )?2(\.0)?$/i, 'EPL-2.0'],
  [/^epl[- ]?(v|version )?1(\.0)?$/i, 'EPL-1.0'],
  [/^edl[- ]?(v|version )?1(\.0)?$/i, 'BSD-3-Clause'],
  [/^(the )?apache licen[sc]e,? v(ersion)? ?2(\.0)?$/i, 'Apache-2.0'],
];

/** URLs that name a license by a path the SPDX list does not carry. */
const URL_PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
  // opensource.org names licenses by SPDX id under /licenses/ (old) and /license/ (new), any case.
  [/^https?:\/\/(?:www\.)?opensource\.org\/licenses?\/([\w.+-]+?)(?:\.php|\.html?)?\/?$/i, (m) => spdxId(m[1]) ?? spdxId(m[1].replace(/-license$/i, ''))],
  [/^https?:\/\/(?:www\.)?apache\.org\/licenses\/license-2\.0(?:\.txt|\.html)?\/?$/i, () => 'Apache-2.0'],
  [/^https?:\/\/(?:www\.)?eclipse\.org\/(?:org\/documents\/edl-v10|legal\/edl-v10)(?:\.php|\.html)?\/?$/i, () => 'BSD-3-Clause'],
  [/^https?:\/\/(?:www\.)?eclipse\.org\/legal\/epl-(?:v20|2\.0)(?:\.php|\.html)?\/?$/i, () => 'EPL-2.0'],
  [/^https?:\/\/(?:www\.)?eclipse\.org\/legal\/epl-v10(?:\.php|\.html)?\/?$/i, () => 'EPL-1.0'],
  [/^https?:\/\/spdx\.org\/licenses\/([\w.+-]+?)(?:\.html|\.json)?\/?$/i, (m) => spdxId(m[1])],
];

/**
 * An SPDX expression for a license given by free-text name and/or URL (a POM `<license>`, a nuspec
 * `<licenseUrl>`): what the shared table maps (SPDX ids and expressions, list names and URLs, common aliases),
 * then the spellings above, then a trailing `(ID)` (`The MIT License (MIT)`). Undefined when nothing fits: the
 * caller reports a custom license rather than guess (`BSD` alone could be any of several).
 */
export function spdxForLicenseStatement(name: string | undefined, url: string | undefined): string | undefined {
  const shared = spdxForLicenseName(name, undefined);
  if (shared) return shared;
  const text = name?.trim().replace(/\s+/g, ' ');
  if (text) {
    for (const [pattern, id] of NAME_ALIASES) if (pattern.test(text)) return id;
    const parenthesised = /\(([\w.+-]+)\)$/.exec(text);
    const id = parenthesised ? spdxId(parenthesised[1]) : undefined;
    if (id) return id;
  }
  const link = url?.trim();
  if (link) {
    for (const [pattern, map] of URL_PATTERNS) {
      const match = pattern.exec(link);
      const id = match ? map(match) : undefined;
      if (id) return id;
    }
    return spdxForLicenseName(undefined, link);
  }
  return undefined;
}
