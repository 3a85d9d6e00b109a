import licenseIds = require('spdx-license-ids');

let idsByLowerCase: Map<string, string> | undefined;

/** An SPDX id written in any case (`apache-2.0` in a URL), as the list spells it. */
export function spdxId(text: string): string | undefined {
  idsByLowerCase ??= new Map(licenseIds.map((id) => [id.toLowerCase(), id]));
  return idsByLowerCase.get(text.trim().toLowerCase());
}

/** `2` → `2.0` for ids spelled with a minor version; the first spelling the SPDX list has wins. */
export function versionedId(prefix: string, version: string, suffixes: readonly string[] = ['']): string | undefined {
  const spellings = /\./.test(version) ? [version, version.replace(/\.0$/, '')] : [`${version}.0`, version];
  for (const v of spellings) for (const suffix of suffixes) if (licenseIds.includes(`${prefix}${v}${suffix}`)) return `${prefix}${v}${suffix}`;
  return undefined;
}
