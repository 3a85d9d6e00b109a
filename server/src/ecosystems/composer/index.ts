import type { EcosystemSupport } from '../ecosystem';
import { ComposerResolver } from './composer-resolver';
import { parseComposerJson } from './parse-composer-json';

export { parseComposerJson, composerPurl } from './parse-composer-json';
export { readComposerLock } from './composer-lock';
export { composerLicenseExpression } from './composer-license';
export { ComposerResolver } from './composer-resolver';

export const composerSupport: EcosystemSupport = {
  ecosystem: 'composer',
  isManifest: (fileName) => fileName === 'composer.json',
  parse: (text) => parseComposerJson(text),
  createResolver: (manifestPath, context) => new ComposerResolver(manifestPath, context),
  resolutionInputs: ['composer.lock', 'vendor/*/*/composer.json'],
};
