import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import { parseProjectFile } from './parse-project-file';

export interface CentralVersions {
  /** The Directory.Packages.props that applies, if any. */
  readonly path?: string;
  /** Lower-case id → version as written. */
  readonly versions: ReadonlyMap<string, string>;
}

/** How many folders up from a project Directory.Packages.props is looked for. */
const MAX_LEVELS = 32;

/**
 * Central package management: MSBuild imports the nearest Directory.Packages.props walking up from the
 * project, and a `<PackageReference>` without a version takes the `<PackageVersion>` of the same id there.
 */
export function findCentralVersions(files: FileSource, projectDir: string): CentralVersions {
  let dir = projectDir;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const file = path.join(dir, 'Directory.Packages.props');
    const text = files.readText(file);
    if (text !== undefined) {
      const versions = new Map<string, string>();
      for (const d of parseProjectFile(text).declarations) {
        if (d.group === 'central' && d.versionSpec && !versions.has(d.name.toLowerCase())) versions.set(d.name.toLowerCase(), d.versionSpec);
      }
      return { path: file, versions };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { versions: new Map() };
}
