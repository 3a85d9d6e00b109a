export interface LockedNugetPackage {
  readonly id: string;
  readonly version?: string;
  readonly type?: string;
  readonly dependencies: readonly string[];
}

export interface PackagesLock {
  /** By lower-case id, as NuGet ids compare case-insensitively. */
  readonly packages: ReadonlyMap<string, LockedNugetPackage>;
  readonly problem?: string;
}

/**
 * packages.lock.json: `dependencies.<target framework>.<id>` with `type` (Direct, Transitive, CentralTransitive,
 * Project), `resolved` and `dependencies`. Frameworks are merged, the first entry of an id winning; project
 * references are skipped, since they are the solution's own code.
 */
export function readPackagesLock(text: string | undefined): PackagesLock {
  const packages = new Map<string, LockedNugetPackage>();
  if (text === undefined) return { packages };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { packages, problem: `packages.lock.json could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const frameworks = isObject(data) && isObject(data.dependencies) ? data.dependencies : {};
  for (const framework of Object.values(frameworks)) {
    if (!isObject(framework)) continue;
    for (const [id, entry] of Object.entries(framework)) {
      if (!isObject(entry) || entry.type === 'Project' || packages.has(id.toLowerCase())) continue;
      packages.set(id.toLowerCase(), {
        id,
        ...(typeof entry.resolved === 'string' && entry.resolved.trim() ? { version: entry.resolved.trim() } : {}),
        ...(typeof entry.type === 'string' ? { type: entry.type } : {}),
        dependencies: isObject(entry.dependencies) ? Object.keys(entry.dependencies) : [],
      });
    }
  }
  return { packages };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
