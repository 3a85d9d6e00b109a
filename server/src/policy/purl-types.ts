/**
 * Package URL types: those of the purl specification's type list
 * (https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst), the first eight being the ones this
 * project reads manifests for. A pattern of another type can never match a package.
 */
export const SUPPORTED_PURL_TYPES = ['npm', 'pypi', 'golang', 'cargo', 'maven', 'nuget', 'composer', 'gem'] as const;

export const PURL_TYPES: readonly string[] = [
  ...SUPPORTED_PURL_TYPES,
  'alpm', 'apk', 'bitbucket', 'bitnami', 'cocoapods', 'conan', 'conda', 'cpan', 'cran', 'deb', 'docker', 'generic',
  'github', 'hackage', 'hex', 'huggingface', 'luarocks', 'mlflow', 'oci', 'pub', 'qpkg', 'rpm', 'swid', 'swift',
];

/** What people write for an ecosystem instead of its purl type. */
const ALIASES: Readonly<Record<string, string>> = {
  npmjs: 'npm', node: 'npm', nodejs: 'npm', yarn: 'npm', pnpm: 'npm',
  pip: 'pypi', python: 'pypi', py: 'pypi', poetry: 'pypi',
  go: 'golang', gomod: 'golang',
  crate: 'cargo', crates: 'cargo', rust: 'cargo',
  java: 'maven', gradle: 'maven', mvn: 'maven',
  dotnet: 'nuget', csharp: 'nuget',
  php: 'composer', packagist: 'composer',
  ruby: 'gem', rubygems: 'gem', gems: 'gem', bundler: 'gem',
};

export function isPurlType(type: string): boolean {
  return PURL_TYPES.includes(type.toLowerCase());
}

/** The purl type meant by an unknown one: a known alias, or a type one or two edits away. */
export function suggestPurlType(type: string): string | undefined {
  const lower = type.toLowerCase();
  if (Object.hasOwn(ALIASES, lower)) return ALIASES[lower];
  let best: { type: string; distance: number } | undefined;
  for (const known of PURL_TYPES) {
    const distance = editDistance(lower, known);
    if (distance <= 2 && (!best || distance < best.distance)) best = { type: known, distance };
  }
  return best?.type;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
