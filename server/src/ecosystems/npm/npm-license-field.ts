/**
 * The license statement in an npm package.json or lock entry, as one string. Besides the SPDX string npm
 * documents, old packages use `license: { type, url }` and `licenses: [{ type }, …]`; several entries in
 * `licenses` have always meant the user may choose, i.e. OR.
 */
export function npmLicenseStatement(manifest: { license?: unknown; licenses?: unknown }): string | undefined {
  const single = licenseText(manifest.license);
  if (single !== undefined) return single;
  if (Array.isArray(manifest.licenses)) {
    const parts = manifest.licenses.map(licenseText).filter((t): t is string => t !== undefined && t !== '');
    if (parts.length === 1) return parts[0];
    if (parts.length > 1) return parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' OR ');
  }
  return licenseText(manifest.licenses);
}

function licenseText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
    return ((value as { type: string }).type).trim() || undefined;
  }
  return undefined;
}
