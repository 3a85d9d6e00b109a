import * as path from 'node:path';
import type { EcosystemSupport } from './ecosystem';
import { cargoSupport } from './cargo';
import { golangSupport } from './golang';
import { npmSupport } from './npm';
import { pypiSupport } from './pypi';

/** Every ecosystem the engine checks, in the order manifests are matched. */
export const ECOSYSTEMS: readonly EcosystemSupport[] = [npmSupport, pypiSupport, golangSupport, cargoSupport];

/** The ecosystem that reads this file as a manifest, if any. */
export function ecosystemForManifest(filePath: string): EcosystemSupport | undefined {
  const base = path.basename(filePath);
  return ECOSYSTEMS.find((e) => e.isManifest(base, filePath));
}
