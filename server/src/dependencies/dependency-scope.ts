/**
 * Whether a dependency ships with the product (`runtime`) or is only used to develop, test or build it (`dev`),
 * from the manifest section (`group`) that declares it. SBOMs record it as the component's scope, and
 * third-party notices cover only runtime packages.
 */
export type DependencyScope = 'runtime' | 'dev';

/**
 * Sections that are not shipped, by ecosystem convention: npm `devDependencies`, Composer `require-dev`, Cargo
 * dev- and build-dependencies (also under `target.…`), Maven `test` scope, NuGet private assets, Pipfile
 * `dev-packages`, Poetry and uv dev sections.
 */
const DEV_GROUPS = new Set([
  'devdependencies',
  'require-dev',
  'dev-dependencies',
  'build-dependencies',
  'test',
  'development',
  'dev-packages',
  'tool.poetry.dev-dependencies',
  'tool.uv.dev-dependencies',
]);

/** Words that mark a requirements file, a Gemfile group or a Poetry/PEP 735 group as for development. */
const DEV_WORD = /(^|[^a-z])(dev|devel|develop|development|test|tests|testing|lint|docs?|ci|typing|bench)([^a-z]|$)/i;

export function dependencyScope(group: string): DependencyScope {
  const lower = group.toLowerCase();
  const last = lower.slice(lower.lastIndexOf('.') + 1);
  if (DEV_GROUPS.has(lower) || DEV_GROUPS.has(last)) return 'dev';
  // PEP 735 dependency groups are by definition not part of the package's requirements.
  if (lower.startsWith('dependency-groups.')) return 'dev';
  // Poetry's non-main groups hold tooling; `main` is the runtime group.
  if (lower.startsWith('tool.poetry.group.')) return lower === 'tool.poetry.group.main' ? 'runtime' : 'dev';
  // Gemfile groups (`development,test`) and requirements file names (`requirements-dev`, `test-requirements`).
  if (lower.split(',').every((part) => DEV_WORD.test(part))) return 'dev';
  return 'runtime';
}
