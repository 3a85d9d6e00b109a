/**
 * Python core metadata (METADATA in a .dist-info, PKG-INFO in an .egg-info): RFC 822 style headers up to the
 * first blank line (https://packaging.python.org/en/latest/specifications/core-metadata/).
 */
export interface CoreMetadata {
  readonly name?: string;
  readonly version?: string;
  /** PEP 639 (metadata 2.4): an SPDX expression. */
  readonly licenseExpression?: string;
  /** The older free-text field; sometimes a whole license text. */
  readonly license?: string;
  readonly classifiers: readonly string[];
  /** Paths relative to the metadata folder's `licenses/` (2.4) or to the folder itself (older tools). */
  readonly licenseFiles: readonly string[];
  readonly requiresDist: readonly string[];
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const fields = new Map<string, string[]>();
  let current: { key: string; value: string } | undefined;
  const flush = () => {
    if (!current) return;
    const list = fields.get(current.key);
    if (list) list.push(current.value);
    else fields.set(current.key, [current.value]);
    current = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line) && current) {
      // Continuation lines of a folded field; setuptools prefixes license text lines with 7 spaces and a '|'.
      current.value += '\n' + line.replace(/^[ \t]+\|?\s?/, '');
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon > 0) current = { key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() };
  }
  flush();
  const one = (key: string) => fields.get(key)?.[0];
  const many = (key: string) => fields.get(key) ?? [];
  const license = one('license');
  return {
    name: one('name'),
    version: one('version'),
    licenseExpression: one('license-expression'),
    license: license && license.trim() !== '' && license.trim().toUpperCase() !== 'UNKNOWN' ? license.trim() : undefined,
    classifiers: many('classifier'),
    licenseFiles: many('license-file'),
    requiresDist: many('requires-dist'),
  };
}
