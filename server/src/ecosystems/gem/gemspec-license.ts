/**
 * The license a gem specification states: `s.licenses = ["MIT".freeze, "Ruby".freeze]` or `s.license = "MIT"`, as
 * RubyGems writes them into installed specifications. Several licenses mean the user may choose: OR.
 */
export function gemspecLicense(text: string): string | undefined {
  const list = /\.licenses\s*=\s*\[([^\]]*)\]/.exec(text);
  const single = /\.license\s*=\s*(["'])([^"']+)\1/.exec(text);
  const names = list ? [...list[1].matchAll(/(["'])([^"']+)\1/g)].map((m) => m[2].trim()).filter(Boolean) : single ? [single[2].trim()] : [];
  if (names.length === 0) return undefined;
  return names.length === 1 ? names[0] : names.map((n) => (/\s/.test(n) ? `(${n})` : n)).join(' OR ');
}
