import { traceLoad } from '../../io/load-trace';
import type { EcosystemSupport } from '../ecosystem';
import { parseCargoManifest } from './cargo-manifest-parser';
import { CargoResolver } from './cargo-resolver';
import { CARGO_MANIFESTS } from '../manifest-names';

export { parseCargoManifest, type CargoDependencyDeclaration } from './cargo-manifest-parser';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('cargo support');

export const cargoSupport: EcosystemSupport = {
  ...CARGO_MANIFESTS,
  parse: (text) => parseCargoManifest(text),
  createResolver: (manifestPath, context) => new CargoResolver(manifestPath, context),
};
