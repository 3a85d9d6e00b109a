import type { EcosystemSupport } from '../ecosystem';
import { GemResolver } from './gem-resolver';
import { parseGemfile } from './parse-gemfile';

export { parseGemfile, gemPurl } from './parse-gemfile';
export { readGemfileLock } from './gemfile-lock';
export { gemspecLicense } from './gemspec-license';
export { GemResolver, lockFileFor } from './gem-resolver';

export const gemSupport: EcosystemSupport = {
  ecosystem: 'gem',
  isManifest: (fileName) => fileName === 'Gemfile' || fileName === 'gems.rb',
  parse: (text) => parseGemfile(text),
  createResolver: (manifestPath, context) => new GemResolver(manifestPath, context),
  resolutionInputs: ['Gemfile.lock', 'gems.locked', 'vendor/bundle/ruby/*/specifications/*.gemspec'],
};
