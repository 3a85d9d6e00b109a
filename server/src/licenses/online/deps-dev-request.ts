import { encodeUriComponentSafely } from '../../text/uri-component';
import type { Ecosystem } from '../resolved-package';

/** deps.dev's name for each package system it serves. */
const DEPS_DEV_SYSTEMS: Partial<Record<Ecosystem, string>> = {
  npm: 'NPM',
  pypi: 'PYPI',
  golang: 'GO',
  cargo: 'CARGO',
  maven: 'MAVEN',
  nuget: 'NUGET',
  // Composer and RubyGems: deps.dev holds no license data for them, so asking would only cost a round trip.
};

export type DepsDevRequest =
  | { readonly kind: 'request'; readonly url: string; readonly key: string }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'no-version' };

export const DEFAULT_DEPS_DEV_BASE_URL = 'https://api.deps.dev';

/**
 * The GetVersion URL (`/v3/systems/{system}/packages/{name}/versions/{version}`) for a package. Path
 * parameters are percent-encoded as the API requires, so `@scope/pkg`, `group:artifact` and
 * `github.com/x/y` each stay one path segment. `key` identifies the request for caching.
 */
export function depsDevVersionRequest(baseUrl: string, pkg: { ecosystem: Ecosystem; name: string; version: string }): DepsDevRequest {
  const system = DEPS_DEV_SYSTEMS[pkg.ecosystem];
  if (!system) return { kind: 'unsupported' };
  const version = canonicalVersion(pkg.ecosystem, pkg.version.trim());
  if (version === '') return { kind: 'no-version' };
  const name = canonicalName(pkg.ecosystem, pkg.name.trim());
  const path = `/v3/systems/${system}/packages/${encodeUriComponentSafely(name)}/versions/${encodeUriComponentSafely(version)}`;
  return { kind: 'request', url: baseUrl.replace(/\/+$/, '') + path, key: `${system}/${name}@${version}` };
}

function canonicalName(ecosystem: Ecosystem, name: string): string {
  // PyPI names compare after PEP 503 normalisation (`Foo_Bar` = `foo-bar`); the service keys them that way.
  if (ecosystem === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}

function canonicalVersion(ecosystem: Ecosystem, version: string): string {
  // Go module versions always carry the `v` prefix; lock files and go.sum do too, hand-written input may not.
  if (ecosystem === 'golang' && /^\d/.test(version)) return `v${version}`;
  return version;
}
