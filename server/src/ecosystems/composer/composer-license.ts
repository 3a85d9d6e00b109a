/**
 * Composer's `license` field as one SPDX expression: a string or an array, where several entries mean the
 * user may choose (OR), as Composer's schema documents. `proprietary` is Composer's word for closed source; it
 * becomes `UNLICENSED`, the term the engine already reads as "no license granted".
 */
export function composerLicenseExpression(value: unknown): string | undefined {
  const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  const unique = [...new Set(list.map((l) => (/^proprietary$/i.test(l) ? 'UNLICENSED' : l)))];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : unique.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(' OR ');
}
