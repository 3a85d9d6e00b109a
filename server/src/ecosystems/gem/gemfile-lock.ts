export interface LockedGem {
  readonly name: string;
  /** The version without a platform suffix: `1.15.5` for `1.15.5-x86_64-linux`. */
  readonly version: string;
  /** The version as locked, platform included: part of the installed specification's file name. */
  readonly lockedVersion: string;
  readonly dependencies: readonly string[];
}

const PLATFORM_SUFFIX = /-(x86|x64|arm|aarch|java|jruby|universal|mswin|mingw|darwin|linux|freebsd|solaris).*$/;

/**
 * Reads the `specs:` of a Gemfile.lock's GEM, GIT and PATH sections: four spaces and `name (version)` for a
 * gem, six spaces and `name (constraints)` for each of its dependencies. A gem locked for several platforms
 * is one gem; the first entry wins.
 */
export function readGemfileLock(text: string | undefined): Map<string, LockedGem> {
  const gems = new Map<string, { name: string; version: string; lockedVersion: string; dependencies: string[] }>();
  if (text === undefined) return gems;
  let inSpecs = false;
  let current: { dependencies: string[] } | undefined;
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
      const lockedVersion = spec[2].trim();
      const existing = gems.get(spec[1]);
      current = existing ?? { name: spec[1], version: lockedVersion.replace(PLATFORM_SUFFIX, ''), lockedVersion, dependencies: [] };
      if (!existing) gems.set(spec[1], current as { name: string; version: string; lockedVersion: string; dependencies: string[] });
      continue;
    }
    const dep = /^ {6}([A-Za-z0-9_.-]+)(?: \(.*\))?\s*$/.exec(line);
    if (dep && current && !current.dependencies.includes(dep[1])) current.dependencies.push(dep[1]);
  }
  return gems;
}
