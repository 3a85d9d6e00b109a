import { traceLoad } from '../../io/load-trace';
import type { EcosystemSupport } from '../ecosystem';
import { MavenResolver } from './maven-resolver';
import { parsePom } from './parse-pom';
import { MAVEN_MANIFESTS } from '../manifest-names';

export { parsePom, mavenPurl, type MavenDependencyDeclaration } from './parse-pom';
export { MavenResolver } from './maven-resolver';
export { localRepositoryDir } from './local-repository';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('maven support');

export const mavenSupport: EcosystemSupport = {
  ...MAVEN_MANIFESTS,
  parse: (text) => parsePom(text),
  createResolver: (manifestPath, context) => new MavenResolver(manifestPath, context),
};
