/**
 * NuGet's normalized form of a version, as used in the global packages folder's directory names: lower case,
 * at least three numeric parts, a fourth part only when it is not zero, leading zeros dropped, build metadata
 * removed (`1.0` → `1.0.0`, `2.1.0.0` → `2.1.0`, `1.0.0-Beta+abc` → `1.0.0-beta`).
 */
export function normalizeNugetVersion(version: string): string {
  const text = version.trim().toLowerCase().replace(/\+.*$/, '');
  const match = /^(\d+(?:\.\d+){0,3})(-.*)?$/.exec(text);
  if (!match) return text;
  const parts = match[1].split('.').map((p) => String(Number(p)));
  while (parts.length < 3) parts.push('0');
  if (parts.length === 4 && parts[3] === '0') parts.pop();
  return parts.join('.') + (match[2] ?? '');
}

/**
 * The version NuGet restores for a requested range when nothing else constrains it: the lowest applicable
 * one, i.e. the inclusive lower bound (`1.2.3` is `>= 1.2.3`; `[1.2.3]`, `[1.2.3, )`, `[1.2.3,2.0)`).
 * Undefined for floating versions (`1.*`), exclusive lower bounds and MSBuild expressions, which need a feed.
 */
export function lowestApplicableVersion(spec: string | undefined): string | undefined {
  const text = spec?.trim();
  if (!text) return undefined;
  const bare = /^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
  if (bare.test(text)) return text;
  const range = /^\[\s*([^,\]\s]+)\s*(?:,[^\]\)]*)?[\]\)]$/.exec(text);
  return range && bare.test(range[1]) ? range[1] : undefined;
}
