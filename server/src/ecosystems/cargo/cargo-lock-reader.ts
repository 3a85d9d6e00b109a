import { parseStrictToml } from '../../formats/strict-toml';
import { semver } from '../../text/lazy-semver';

export interface LockedCrate {
  readonly name: string;
  readonly version: string;
  /** `registry+https://…`, `git+https://…#rev`; absent for the workspace's own crates. */
  readonly source?: string;
  /** References as the lock writes them: `name`, `name version` or `name version (source)`. */
  readonly dependencies: readonly string[];
}

export interface CargoLock {
  readonly packages: readonly LockedCrate[];
}

/** Reads Cargo.lock (format versions 1 to 4); undefined when it is not a lock file we can read. */
export function readCargoLock(text: string): CargoLock | undefined {
  const parsed = parseStrictToml(text);
  if (!parsed.ok || !Array.isArray(parsed.value.package)) return undefined;
  const packages: LockedCrate[] = [];
  for (const raw of parsed.value.package as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as Record<string, unknown>;
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string') continue;
    const dependencies = Array.isArray(entry.dependencies) ? entry.dependencies.filter((d): d is string => typeof d === 'string') : [];
    packages.push({ name: entry.name, version: entry.version, source: typeof entry.source === 'string' ? entry.source : undefined, dependencies });
  }
  return { packages };
}

/**
 * The package a dependency reference names. Cargo writes the shortest unambiguous form: the name alone when
 * only one version is locked, `name version` when several are, and adds `(source)` when one version comes from
 * two sources.
 */
export function findLockedReference(lock: CargoLock, reference: string): LockedCrate | undefined {
  const match = /^(\S+)(?:\s+(\S+))?(?:\s+\((.+)\))?$/.exec(reference.trim());
  if (!match) return undefined;
  const [, name, version, source] = match;
  return lockedByName(lock, name).find((p) => (version === undefined || p.version === version) && (source === undefined || p.source === source));
}

const lockIndexes = new WeakMap<CargoLock, Map<string, LockedCrate[]>>();

/** The locked crates of one name, in lock order: a graph walk looks up every edge, so a lock is indexed once. */
export function lockedByName(lock: CargoLock, name: string): readonly LockedCrate[] {
  let index = lockIndexes.get(lock);
  if (!index) {
    index = new Map();
    for (const crate of lock.packages) {
      const list = index.get(crate.name);
      if (list) list.push(crate);
      else index.set(crate.name, [crate]);
    }
    lockIndexes.set(lock, index);
  }
  return index.get(name) ?? [];
}

/** The crate name in a dependency reference. */
export function referenceName(reference: string): string {
  return reference.trim().split(/\s+/)[0];
}

/**
 * Cargo's version requirement as a semver range: a bare version means a caret requirement, and comparators are
 * separated by commas (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html).
 */
export function cargoRequirementToRange(requirement: string): string | undefined {
  const parts = requirement.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  const range = parts.map((part) => (/^\d/.test(part) ? `^${part}` : part.replace(/^([<>=~^]+)\s+/, '$1'))).join(' ');
  return semver().validRange(range) ?? undefined;
}

/** Of several locked versions of a crate, the newest one the requirement accepts (or the newest at all). */
export function pickLockedVersion(candidates: readonly LockedCrate[], requirement: string | undefined): LockedCrate | undefined {
  const range = requirement ? cargoRequirementToRange(requirement) : undefined;
  const accepted = range ? candidates.filter((c) => semver().valid(c.version) && semver().satisfies(c.version, range)) : [...candidates];
  const pool = accepted.length > 0 ? accepted : [...candidates];
  return pool.sort((a, b) => (semver().valid(a.version) && semver().valid(b.version) ? semver().rcompare(a.version, b.version) : 0))[0];
}
