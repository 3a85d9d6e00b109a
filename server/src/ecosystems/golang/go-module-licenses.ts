import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { LicenseEvidence, ResolveContext } from '../ecosystem';
import { escapeModulePath, escapeModuleVersion } from './module-path-escape';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';

/** `$GOMODCACHE`, else the first `$GOPATH` entry's `pkg/mod`, else `~/go/pkg/mod` (as `go env GOMODCACHE`). */
export function goModCacheDir(context: ResolveContext): string {
  const env = context.env;
  if (env.GOMODCACHE) return env.GOMODCACHE;
  const gopath = env.GOPATH?.split(path.delimiter).find((entry) => entry !== '');
  return path.join(gopath ?? path.join(context.homeDir, 'go'), 'pkg', 'mod');
}

/** The extracted module's folder in the cache: `<cache>/<escaped path>@<escaped version>`. */
export function moduleCacheDir(cache: string, modulePath: string, version: string): string {
  return path.join(cache, `${escapeModulePath(modulePath)}@${escapeModuleVersion(version)}`);
}

/**
 * Looks for a module's license text, first in the workspace's `vendor/` (what `go build` compiles when the
 * module is vendored) and then in the module cache. Detection decides the license, since Go has no metadata.
 */
export function findGoModuleLicense(
  files: FileSource,
  context: ResolveContext,
  goModDir: string,
  modulePath: string,
  version: string | undefined,
): LicenseEvidence {
  const searched: string[] = [];
  let installedAt: string | undefined;
  const vendorRoot = path.join(goModDir, 'vendor');
  const vendorDir = path.join(vendorRoot, ...modulePath.split('/'));
  if (files.exists(vendorDir)) {
    installedAt = vendorDir;
    // Vendoring copies packages, not whole repositories: a nested module's license often sits in a parent folder.
    for (let dir = vendorDir; dir.startsWith(vendorRoot + path.sep); dir = path.dirname(dir)) {
      searched.push(dir);
      const evidence = evidenceFromLicenseFiles(files, findLicenseFiles(files, dir));
      if (evidence) return evidence;
    }
  }
  if (version) {
    const cache = goModCacheDir(context);
    const dir = moduleCacheDir(cache, modulePath, version);
    searched.push(dir);
    if (installedAt === undefined && files.exists(dir)) installedAt = dir;
    const evidence = evidenceFromLicenseFiles(files, findLicenseFiles(files, dir));
    if (evidence) return evidence;
    for (const parentDir of enclosingModuleDirs(files, cache, modulePath, version)) {
      searched.push(parentDir);
      const parentEvidence = evidenceFromLicenseFiles(files, findLicenseFiles(files, parentDir));
      if (parentEvidence) return parentEvidence;
    }
  }
  return installedAt ? { kind: 'none', searched, installedAt } : { kind: 'none', searched };
}

/** Far above any real module path (`github.com/org/repo/v2/sub/pkg`). */
const MAX_MODULE_PATH_SEGMENTS = 32;

/**
 * Cached modules whose path encloses this one (`github.com/org/repo` for `github.com/org/repo/sub`): a nested
 * module without its own license text is covered by the repository's root license. The same version is
 * preferred, then the newest cached one. Stops before the host name.
 */
function enclosingModuleDirs(files: FileSource, cache: string, modulePath: string, version: string): string[] {
  const segments = modulePath.split('/');
  const dirs: string[] = [];
  // Each enclosing path is a cache lookup: a hostile path of thousands of segments would make it quadratic.
  if (segments.length > MAX_MODULE_PATH_SEGMENTS) return dirs;
  for (let length = segments.length - 1; length >= 2; length--) {
    const parentPath = segments.slice(0, length).join('/');
    const escaped = escapeModulePath(parentPath).split('/');
    const container = path.join(cache, ...escaped.slice(0, -1));
    const prefix = `${escaped[escaped.length - 1]}@`;
    const candidates = (files.listDir(container) ?? []).filter((name) => name.startsWith(prefix));
    if (candidates.length === 0) continue;
    const same = `${prefix}${escapeModuleVersion(version)}`;
    const ordered = candidates.includes(same) ? [same] : [...candidates].sort(compareVersionDirs).reverse();
    dirs.push(path.join(container, ordered[0]));
  }
  return dirs;
}

/** Orders `name@vX.Y.Z` folder names by version, numerically. */
function compareVersionDirs(a: string, b: string): number {
  const parts = (name: string) => (name.split('@')[1] ?? '').replace(/^v/, '').split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
