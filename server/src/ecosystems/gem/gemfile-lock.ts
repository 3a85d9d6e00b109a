export interface LockedGem {
  readonly name: string;
  readonly version: string;
  readonly dependencies: readonly string[];
}

/**
 * Reads the `specs:` of a Gemfile.lock's GEM, GIT and PATH sections: four spaces and `name (version)` for a
 * gem, six spaces and `name (constraints)` for each of its dependencies.
 */
export function readGemfileLock(text: string | undefined): Map<string, LockedGem> {
  const gems = new Map<string, { name: string; version: string; dependencies: string[] }>();
  if (text === undefined) return gems;
  let inSpecs = false;
  let current: { name: string; version: string; dependencies: string[] } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inSpecs = false;
      current = undefined;
      continue;
    }
    if (/^ {2}specs:\s*$/.test(line)) {
      inSpecs = true;
      continue;
    }
    if (!inSpecs) continue;
    const spec = /^ {4}([A-Za-z0-9_.-]+) \(([^)]+)\)\s*$/.exec(line);
    if (spec) {
      // Platform builds (`1.15.0-x86_64-linux`) are the same version of the same gem.
      const version = spec[2].replace(/-(x86|x64|arm|aarch|java|universal|mswin|mingw|darwin|linux).*$/, '');
      current = gems.get(spec[1]) ?? { name: spec[1], version, dependencies: [] };
      gems.set(spec[1], current);
      continue;
    }
    const dep = /^ {6}([A-Za-z0-9_.-]+)(?: \(.*\))?\s*$/.exec(line);
    if (dep && current && !current.dependencies.includes(dep[1])) current.dependencies.push(dep[1]);
  }
  return gems;
}
