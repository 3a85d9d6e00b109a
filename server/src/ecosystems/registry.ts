import * as path from 'node:path';
import type { EcosystemSupport } from './ecosystem';
import { cargoSupport } from './cargo';
import { composerSupport } from './composer';
import { gemSupport } from './gem';
import { golangSupport } from './golang';
import { mavenSupport } from './maven';
import { npmSupport } from './npm';
import { nugetSupport } from './nuget';
import { pypiSupport } from './pypi';

/** Every ecosystem the engine checks, in the order manifests are matched. */
export const ECOSYSTEMS: readonly EcosystemSupport[] = [npmSupport, pypiSupport, golangSupport, cargoSupport, mavenSupport, nugetSupport, composerSupport, gemSupport];

/** The ecosystem that reads this file as a manifest, if any. */
export function ecosystemForManifest(filePath: string): EcosystemSupport | undefined {
  const base = path.basename(filePath);
  return ECOSYSTEMS.find((e) => e.isManifest(base, filePath));
}
