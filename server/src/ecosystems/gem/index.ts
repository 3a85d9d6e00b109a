import { traceLoad } from '../../io/load-trace';
import type { EcosystemSupport } from '../ecosystem';
import { GemResolver } from './gem-resolver';
import { parseGemfile } from './parse-gemfile';
import { GEM_MANIFESTS } from '../manifest-names';

export { parseGemfile, gemPurl } from './parse-gemfile';
export { readGemfileLock } from './gemfile-lock';
export { gemspecLicense } from './gemspec-license';
export { GemResolver, lockFileFor } from './gem-resolver';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('gem support');

export const gemSupport: EcosystemSupport = {
  ...GEM_MANIFESTS,
  parse: (text) => parseGemfile(text),
  createResolver: (manifestPath, context) => new GemResolver(manifestPath, context),
};
