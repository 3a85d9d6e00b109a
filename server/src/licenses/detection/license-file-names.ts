/**
 * Base names of files that hold a package's license text, compared case-insensitively. The list follows the
 * fixed list pkg.go.dev uses to find a module's licenses, widened with NOTICE / COPYRIGHT / UNLICENSE files
 * that other ecosystems ship.
 */
export const LICENSE_FILE_NAMES: readonly string[] = [
  'COPYING',
  'COPYING.md',
  'COPYING.markdown',
  'COPYING.txt',
  'COPYING.LESSER',
  'COPYING.LIB',
  'COPYRIGHT',
  'COPYRIGHT.md',
  'COPYRIGHT.txt',
  'LICENCE',
  'LICENCE.md',
  'LICENCE.markdown',
  'LICENCE.txt',
  'LICENSE',
  'LICENSE.md',
  'LICENSE.markdown',
  'LICENSE.txt',
  'LICENSE.rst',
  'LICENSE-2.0.txt',
  'LICENCE-2.0.txt',
  'LICENSE-APACHE',
  'LICENCE-APACHE',
  'LICENSE-APACHE-2.0.txt',
  'LICENCE-APACHE-2.0.txt',
  'LICENSE-MIT',
  'LICENCE-MIT',
  'LICENSE.MIT',
  'LICENCE.MIT',
  'LICENSE.code',
  'LICENCE.code',
  'LICENSE.docs',
  'LICENCE.docs',
  'MIT-LICENSE',
  'MIT-LICENCE',
  'MIT-LICENSE.md',
  'MIT-LICENCE.md',
  'MIT-LICENSE.markdown',
  'MIT-LICENCE.markdown',
  'MIT-LICENSE.txt',
  'MIT-LICENCE.txt',
  'MIT_LICENSE',
  'MIT_LICENCE',
  'NOTICE',
  'NOTICE.md',
  'NOTICE.txt',
  'UNLICENSE',
  'UNLICENCE',
  'UNLICENSE.md',
  'UNLICENSE.txt',
];

const lowerCaseNames = new Set(LICENSE_FILE_NAMES.map((name) => name.toLowerCase()));

/**
 * True for a file name (a base name, or a path whose last segment is checked) that names a license file.
 * Beyond the fixed list, `LICENSE-<anything>` / `LICENSE.<anything>` (`LICENSE-BSD`, `LICENSE.Apache-2.0`)
 * are accepted, since dual-licensed projects name one file per license that way.
 */
export function isLicenseFileName(name: string): boolean {
  const base = name.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (lowerCaseNames.has(base)) return true;
  if (/\.(js|cjs|mjs|ts|tsx|jsx|json|py|go|rs|java|kt|rb|php|cs|c|h|cc|cpp|html|css|ya?ml|xml|toml|sh)$/.test(base)) return false;
  return /^(licen[cs]e|copying)[-._][a-z0-9][a-z0-9._-]{0,40}$/.test(base);
}
