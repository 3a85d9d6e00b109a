const quoted = (text: string): string[] => [...text.matchAll(/(["'])((?:(?!\1).)*)\1/g)].map((m) => m[2].trim()).filter(Boolean);

/**
 * The license a gem specification states, in the forms RubyGems writes into installed specifications and
 * authors write by hand: `s.licenses = ["MIT".freeze, "Ruby".freeze]`, `s.license = "MIT".freeze`,
 * `spec.licenses = %w[MIT Apache-2.0]`. Several licenses mean the user may choose (OR), as RubyGems documents.
 */
export function gemspecLicense(text: string): string | undefined {
  const names = licenseNames(text);
  const unique = [...new Set(names)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : unique.map((n) => (/\s/.test(n) ? `(${n})` : n)).join(' OR ');
}

function licenseNames(text: string): string[] {
  const list = /\.licenses\s*=\s*\[([^\]]*)\]/.exec(text);
  if (list) return quoted(list[1]);
  const words = /\.licenses\s*=\s*%[wW]([[({<])([^\])}>]*)[\])}>]/.exec(text);
  if (words) return words[2].split(/\s+/).filter(Boolean);
  const single = /\.licenses?\s*=\s*(["'])((?:(?!\1).)*)\1/.exec(text);
  return single && single[2].trim() ? [single[2].trim()] : [];
}
