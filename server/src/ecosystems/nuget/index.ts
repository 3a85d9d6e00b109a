import { traceLoad } from '../../io/load-trace';
import type { EcosystemSupport } from '../ecosystem';
import { NugetResolver } from './nuget-resolver';
import { parseProjectFile } from './parse-project-file';
import { NUGET_MANIFESTS } from '../manifest-names';

export { parseProjectFile, nugetPurl } from './parse-project-file';
export { NugetResolver, globalPackagesDir } from './nuget-resolver';
export { readPackagesLock } from './packages-lock';
export { findCentralVersions } from './central-package-versions';
export { lowestApplicableVersion, normalizeNugetVersion } from './nuget-version';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('nuget support');

export const nugetSupport: EcosystemSupport = {
  ...NUGET_MANIFESTS,
  parse: (text, filePath) => parseProjectFile(text, String(filePath ?? '').endsWith('.props') ? 'Directory.Packages.props' : 'project file'),
  createResolver: (manifestPath, context) => new NugetResolver(manifestPath, context),
};
