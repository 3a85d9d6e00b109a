import * as path from 'node:path';
import type { EcosystemSupport } from '../ecosystem';
import { parseCargoManifest } from './cargo-manifest-parser';
import { CargoResolver } from './cargo-resolver';

export { parseCargoManifest, type CargoDependencyDeclaration } from './cargo-manifest-parser';

export const cargoSupport: EcosystemSupport = {
  ecosystem: 'cargo',
  isManifest: (fileName) => path.basename(fileName) === 'Cargo.toml',
  parse: (text) => parseCargoManifest(text),
  createResolver: (manifestPath, context) => new CargoResolver(manifestPath, context),
  // A member crate's lock and workspace root sit up to a few folders above it; the registry cache is outside.
  resolutionInputs: ['Cargo.lock', '../Cargo.lock', '../../Cargo.lock', '../Cargo.toml', '../../Cargo.toml', 'vendor/*/Cargo.toml'],
};
