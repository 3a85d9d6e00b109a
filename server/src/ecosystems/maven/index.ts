import type { EcosystemSupport } from '../ecosystem';
import { MavenResolver } from './maven-resolver';
import { parsePom } from './parse-pom';

export { parsePom, mavenPurl, type MavenDependencyDeclaration } from './parse-pom';
export { MavenResolver } from './maven-resolver';
export { localRepositoryDir } from './local-repository';

export const mavenSupport: EcosystemSupport = {
  ecosystem: 'maven',
  isManifest: (fileName) => fileName === 'pom.xml',
  parse: (text) => parsePom(text),
  createResolver: (manifestPath, context) => new MavenResolver(manifestPath, context),
  // Maven has no lock file; a parent POM in the workspace supplies properties and managed versions.
  resolutionInputs: ['../pom.xml'],
};
