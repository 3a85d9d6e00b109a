import { traceLoad } from '../../io/load-trace';
import type { EcosystemSupport } from '../ecosystem';
import { ComposerResolver } from './composer-resolver';
import { parseComposerJson } from './parse-composer-json';
import { COMPOSER_MANIFESTS } from '../manifest-names';

export { parseComposerJson, composerPurl } from './parse-composer-json';
export { readComposerLock } from './composer-lock';
export { composerLicenseExpression } from './composer-license';
export { ComposerResolver } from './composer-resolver';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('composer support');

export const composerSupport: EcosystemSupport = {
  ...COMPOSER_MANIFESTS,
  parse: (text) => parseComposerJson(text),
  createResolver: (manifestPath, context) => new ComposerResolver(manifestPath, context),
};
