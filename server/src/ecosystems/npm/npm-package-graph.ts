import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { LicenseEvidence, LicenseSource } from '../ecosystem';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import { npmLicenseStatement } from './npm-license-field';

/** One installed (or lock-recorded) package, keyed by its folder relative to the project: `node_modules/a/node_modules/b`. */
export interface NpmPackageEntry {
  readonly location: string;
  readonly name: string;
  readonly version?: string;
  readonly license?: { readonly statement: string; readonly source: LicenseSource };
  /** When the metadata names no license or points at a file: what the package's license files say. */
  readonly licenseText?: Extract<LicenseEvidence, { kind: 'declared' }>;
  /** Names it depends on at run time (dependencies, optional and peer). */
  readonly dependencies: readonly string[];
}

/**
 * Where packages are and what they declare, from package-lock.json (v1, v2 or v3) with node_modules as the
 * fallback for anything the lock does not say (v1 locks and lock entries without `license`).
 */
export class NpmPackageGraph {
  private readonly entries = new Map<string, NpmPackageEntry | null>();

  constructor(
    private readonly projectDir: string,
    private readonly files: FileSource,
    private readonly lock: NpmLock | undefined,
  ) {}

  /** Resolves `name` as Node's module resolution would from the package at `fromLocation` ('' = the project). */
  resolve(name: string, fromLocation: string): NpmPackageEntry | undefined {
    for (const base of ancestors(fromLocation)) {
      const entry = this.entryAt(base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`);
      if (entry) return entry;
    }
    return undefined;
  }

  private entryAt(location: string): NpmPackageEntry | undefined {
    const cached = this.entries.get(location);
    if (cached !== undefined) return cached ?? undefined;
    const entry = this.readEntry(location);
    this.entries.set(location, entry ?? null);
    return entry;
  }

  private readEntry(location: string): NpmPackageEntry | undefined {
    const locked = this.lock?.packages.get(location);
    const installed = locked?.license === undefined ? this.readInstalled(location) : undefined;
    if (!locked && !installed) return undefined;
    const name = locked?.name ?? installed?.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const license = locked?.license !== undefined
      ? { statement: locked.license, source: { kind: 'lockfile', path: this.lock!.path } as const }
      : installed?.license !== undefined
        ? { statement: installed.license, source: { kind: 'installed', path: installed.path } as const }
        : undefined;
    const version = locked?.version ?? installed?.version;
    const licenseText = !license || /^SEE LICEN[SC]E IN\b/i.test(license.statement) ? this.detectLicenseFiles(location, license?.statement) : undefined;
    return {
      location,
      name,
      ...(version !== undefined ? { version } : {}),
      ...(license ? { license } : {}),
      ...(licenseText ? { licenseText } : {}),
      dependencies: locked?.dependencies ?? installed?.dependencies ?? [],
    };
  }

  /** Detects the license from the files an installed package ships (the one `SEE LICENSE IN` names first). */
  private detectLicenseFiles(location: string, statement: string | undefined): Extract<LicenseEvidence, { kind: 'declared' }> | undefined {
    const dir = path.join(this.projectDir, location);
    const named = statement ? /^SEE LICEN[SC]E IN\s+(.+)$/i.exec(statement)?.[1]?.trim() : undefined;
    const candidates = named && !named.includes('..') ? [path.join(dir, named)] : findLicenseFiles(this.files, dir);
    const evidence = evidenceFromLicenseFiles(this.files, candidates);
    return evidence?.kind === 'declared' ? evidence : undefined;
  }

  private readInstalled(location: string):
    | { name?: string; version?: string; license?: string; dependencies: string[]; path: string }
    | undefined {
    const file = path.join(this.projectDir, location, 'package.json');
    const text = this.files.readText(file);
    if (text === undefined) return undefined;
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { dependencies: [], path: file };
    }
    if (!manifest || typeof manifest !== 'object') return { dependencies: [], path: file };
    return {
      ...(typeof manifest.name === 'string' ? { name: manifest.name } : {}),
      ...(typeof manifest.version === 'string' ? { version: manifest.version } : {}),
      ...optional('license', npmLicenseStatement(manifest)),
      dependencies: runtimeDependencyNames(manifest),
      path: file,
    };
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `node_modules/a/node_modules/@s/b` → itself, `node_modules/a`, ''. */
function* ancestors(location: string): Generator<string> {
  let current = location;
  while (true) {
    yield current;
    if (current === '') return;
    const cut = current.lastIndexOf('node_modules/');
    current = cut <= 0 ? '' : current.slice(0, cut - 1);
  }
}

export function runtimeDependencyNames(manifest: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const section = manifest[key];
    if (section && typeof section === 'object') for (const name of Object.keys(section)) names.add(name);
  }
  return [...names];
}

interface LockedPackage {
  readonly name?: string;
  readonly version?: string;
  readonly license?: string;
  readonly dependencies: string[];
}

export interface NpmLock {
  readonly path: string;
  readonly lockfileVersion: number;
  readonly packages: ReadonlyMap<string, LockedPackage>;
}

export type NpmLockRead = { readonly kind: 'lock'; readonly lock: NpmLock } | { readonly kind: 'none' } | { readonly kind: 'invalid'; readonly path: string; readonly error: string };

/** Reads package-lock.json (or npm-shrinkwrap.json): v2/v3 `packages`, or the nested v1 `dependencies` tree. */
export function readNpmLock(lockPath: string, text: string | undefined): NpmLockRead {
  if (text === undefined) return { kind: 'none' };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return { kind: 'invalid', path: lockPath, error: `cannot parse ${path.basename(lockPath)}: ${(error as Error).message}` };
  }
  if (!data || typeof data !== 'object') return { kind: 'invalid', path: lockPath, error: `${path.basename(lockPath)} is not an object` };
  const lockfileVersion = typeof data.lockfileVersion === 'number' ? data.lockfileVersion : 1;
  const packages = new Map<string, LockedPackage>();
  if (data.packages && typeof data.packages === 'object') {
    const raw = data.packages as Record<string, Record<string, unknown>>;
    for (const [location, entry] of Object.entries(raw)) {
      if (location === '' || !entry || typeof entry !== 'object') continue;
      // Workspace links point at the workspace folder's own entry.
      const target = entry.link === true && typeof entry.resolved === 'string' ? raw[entry.resolved] ?? entry : entry;
      const lockedName = typeof target.name === 'string' ? target.name : nameFromLocation(location);
      packages.set(location, {
        name: lockedName,
        ...(typeof target.version === 'string' ? { version: target.version } : {}),
        ...optional('license', npmLicenseStatement(target)),
        dependencies: runtimeDependencyNames(target),
      });
    }
  } else if (data.dependencies && typeof data.dependencies === 'object') {
    addV1(data.dependencies as Record<string, Record<string, unknown>>, '', packages);
  }
  return { kind: 'lock', lock: { path: lockPath, lockfileVersion, packages } };
}

function addV1(tree: Record<string, Record<string, unknown>>, parent: string, out: Map<string, LockedPackage>): void {
  for (const [name, entry] of Object.entries(tree)) {
    if (!entry || typeof entry !== 'object') continue;
    const location = parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
    const requires = entry.requires && typeof entry.requires === 'object' ? Object.keys(entry.requires) : [];
    out.set(location, {
      name,
      ...(typeof entry.version === 'string' && !entry.version.startsWith('npm:') ? { version: entry.version } : {}),
      dependencies: requires,
    });
    if (entry.dependencies && typeof entry.dependencies === 'object') addV1(entry.dependencies as Record<string, Record<string, unknown>>, location, out);
  }
}

function nameFromLocation(location: string): string {
  const cut = location.lastIndexOf('node_modules/');
  return cut < 0 ? path.basename(location) : location.slice(cut + 'node_modules/'.length);
}
