import type { EcosystemSupport } from '../ecosystem';
import { NugetResolver } from './nuget-resolver';
import { parseProjectFile } from './parse-project-file';

export { parseProjectFile, nugetPurl } from './parse-project-file';
export { NugetResolver, globalPackagesDir } from './nuget-resolver';
export { readPackagesLock } from './packages-lock';
export { findCentralVersions } from './central-package-versions';
export { lowestApplicableVersion, normalizeNugetVersion } from './nuget-version';

export const nugetSupport: EcosystemSupport = {
  ecosystem: 'nuget',
  isManifest: (fileName) => /\.(cs|fs|vb)proj$/i.test(fileName) || fileName === 'Directory.Packages.props',
  parse: (text, filePath) => parseProjectFile(text, String(filePath ?? '').endsWith('.props') ? 'Directory.Packages.props' : 'project file'),
  createResolver: (manifestPath, context) => new NugetResolver(manifestPath, context),
  // Central versions may sit several folders up; the server watches these relative to the project.
  resolutionInputs: ['packages.lock.json', 'Directory.Packages.props', '../Directory.Packages.props', '../../Directory.Packages.props', '../../../Directory.Packages.props'],
};
