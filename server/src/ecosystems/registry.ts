import * as path from 'node:path';
import type { EcosystemSupport } from './ecosystem';
import {
  CARGO_MANIFESTS,
  COMPOSER_MANIFESTS,
  GEM_MANIFESTS,
  GOLANG_MANIFESTS,
  MAVEN_MANIFESTS,
  NPM_MANIFESTS,
  NUGET_MANIFESTS,
  PYPI_MANIFESTS,
  type EcosystemManifests,
} from './manifest-names';

/**
 * An ecosystem whose parsers and resolvers (and the tables and patterns they build) are loaded when its first
 * manifest is parsed or resolved: a start, and a project of one ecosystem, pay for none of the others.
 * `require`, not `import()`: the bundles are loaded through a code-cached script, where `import()` cannot load.
 */
function loadedOnFirstUse(manifests: EcosystemManifests, load: () => EcosystemSupport): EcosystemSupport {
  let support: EcosystemSupport | undefined;
  const loaded = (): EcosystemSupport => (support ??= load());
  return {
    ...manifests,
    parse: (text, filePath) => loaded().parse(text, filePath),
    createResolver: (manifestPath, context) => loaded().createResolver(manifestPath, context),
  };
}

/** Every ecosystem the engine checks, in the order manifests are matched. */
export const ECOSYSTEMS: readonly EcosystemSupport[] = [
  loadedOnFirstUse(NPM_MANIFESTS, () => (require('./npm') as typeof import('./npm')).npmSupport),
  loadedOnFirstUse(PYPI_MANIFESTS, () => (require('./pypi') as typeof import('./pypi')).pypiSupport),
  loadedOnFirstUse(GOLANG_MANIFESTS, () => (require('./golang') as typeof import('./golang')).golangSupport),
  loadedOnFirstUse(CARGO_MANIFESTS, () => (require('./cargo') as typeof import('./cargo')).cargoSupport),
  loadedOnFirstUse(MAVEN_MANIFESTS, () => (require('./maven') as typeof import('./maven')).mavenSupport),
  loadedOnFirstUse(NUGET_MANIFESTS, () => (require('./nuget') as typeof import('./nuget')).nugetSupport),
  loadedOnFirstUse(COMPOSER_MANIFESTS, () => (require('./composer') as typeof import('./composer')).composerSupport),
  loadedOnFirstUse(GEM_MANIFESTS, () => (require('./gem') as typeof import('./gem')).gemSupport),
];

/** The ecosystem that reads this file as a manifest, if any. */
export function ecosystemForManifest(filePath: string): EcosystemSupport | undefined {
  const base = path.basename(filePath);
  return ECOSYSTEMS.find((e) => e.isManifest(base, filePath));
}
