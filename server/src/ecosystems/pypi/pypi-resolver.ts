import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, LicenseEvidence, ResolveContext, ResolvedDependency, ResolvedPackage, TransitivePackage } from '../ecosystem';
import { InstalledDistributions, sitePackagesDirs, VENV_NAMES } from './installed-distributions';
import { parsePep508, pinnedVersion } from './pep508-requirement';
import { requestedExtras } from './pypi-declaration';
import { pythonLicenseEvidence } from './python-license-evidence';
import { baseEnvironmentOfVenv, debianEvidence, findSystemPythonEnvironment, systemPackageEvidence, type SystemPythonEnvironment } from './system-python-environment';
import { readPipfileLock, readPoetryLock, readUvLock, type LockedDistribution, type LockedEdge, type PythonLock } from './python-lock-readers';
import { normalizePythonName, pypiPurl } from './python-names';
import { parseRequirementsFile } from './requirements-parser';

/** How many folders above a manifest a lock file (a uv workspace root) is looked for. */
const MAX_LOCK_ANCESTORS = 4;
/** How deep `-r`/`-c` includes are followed for version pins. */
const MAX_INCLUDE_DEPTH = 5;

export type PythonManifestKind = 'requirements' | 'pyproject' | 'pipfile';

const LOCK_READERS = {
  'poetry.lock': readPoetryLock,
  'uv.lock': readUvLock,
  'Pipfile.lock': readPipfileLock,
} as const;
type LockName = keyof typeof LOCK_READERS;

/** Locks in the order a manifest kind trusts them: its own tool's lock first. */
function lockPreference(kind: PythonManifestKind, manifestText: string | undefined): LockName[] {
  if (kind === 'pipfile') return ['Pipfile.lock'];
  if (kind === 'pyproject') return /^\s*\[tool\.poetry[\].]/m.test(manifestText ?? '') ? ['poetry.lock', 'uv.lock'] : ['uv.lock', 'poetry.lock'];
  return ['uv.lock', 'poetry.lock', 'Pipfile.lock'];
}

/**
 * Resolves Python declarations. Versions: the lock (poetry.lock, uv.lock, Pipfile.lock), else the installed
 * distribution, else an exact pin in the requirements file or the files it includes (`-r`, `-c`). Graph: the
 * lock's when it has one, else the installed distributions' `Requires-Dist`. Licenses: installed metadata only
 * (no lock format records licenses), from the project's virtual environment or, when it has none, from the
 * system's Python installation, where Debian's copyright files count as evidence too.
 */
export class PypiResolver implements DependencyResolver {
  private readonly manifestDir: string;
  private state?: { lock?: PythonLock; installed: InstalledDistributions; pins: Map<string, string>; system?: SystemPythonEnvironment };
  /**
   * What was read from installed metadata, kept for the resolver's life (the engine makes a new resolver when
   * a lock or installed file changes): an edit of one requirement re-reads nothing for the others, and the
   * same graph list is handed out for the same package, so its verdicts can be kept by the caller too.
   */
  private readonly packages = new Map<string, ResolvedPackage>();
  private readonly graphs = new Map<string, TransitivePackage[]>();

  constructor(
    private readonly manifestPath: string,
    private readonly kind: PythonManifestKind,
    private readonly context: ResolveContext,
  ) {
    this.manifestDir = path.dirname(manifestPath);
  }

  private load(): NonNullable<PypiResolver['state']> {
    if (this.state) return this.state;
    const files = this.context.files;
    const manifestText = files.readText(this.manifestPath);
    // `requirements/*.txt` belong to the project in the folder above.
    const projectDir = this.kind === 'requirements' && path.basename(this.manifestDir) === 'requirements' ? path.dirname(this.manifestDir) : this.manifestDir;
    let lock: PythonLock | undefined;
    let lockDir: string | undefined;
    const preference = lockPreference(this.kind, manifestText);
    for (let dir = projectDir, depth = 0; depth <= MAX_LOCK_ANCESTORS && !lock; depth++) {
      for (const name of preference) {
        const lockPath = path.join(dir, name);
        const text = files.readText(lockPath);
        lock = text === undefined ? undefined : LOCK_READERS[name](text, lockPath);
        if (lock) {
          lockDir = dir;
          break;
        }
      }
      // A repository root bounds the search: a lock above it belongs to something else.
      if (files.exists(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
    const venvRoots = [...new Set([this.manifestDir, projectDir, ...(lockDir ? [lockDir] : [])])];
    const virtualEnv = this.context.env.VIRTUAL_ENV;
    const venvs = [...venvRoots.flatMap((root) => VENV_NAMES.map((venv) => path.join(root, venv))), ...(virtualEnv ? [virtualEnv] : [])];
    const found = venvs.map((venv) => ({ venv, dirs: sitePackagesDirs(files, venv) })).filter((v) => v.dirs.length > 0);
    const sitePackages = found.flatMap((v) => v.dirs);
    const pins = this.kind === 'requirements' ? this.includedPins(this.manifestPath, manifestText, 0, new Set()) : new Map<string, string>();
    // Without a virtual environment, packages come from the interpreter's own installation; a virtual environment
    // made with --system-site-packages sees that installation after its own folders.
    const system =
      found.length === 0
        ? findSystemPythonEnvironment(files, this.context.env)
        : found.map((v) => baseEnvironmentOfVenv(files, v.venv, this.context.env)).find((base) => base !== undefined);
    if (system) sitePackages.push(...system.sitePackages);
    this.state = { lock, installed: new InstalledDistributions(files, [...new Set(sitePackages)]), pins, ...(system ? { system } : {}) };
    return this.state;
  }

  /** Exact pins (`name==1.2.3`) in a requirements file and everything it includes; the first pin wins. */
  private includedPins(file: string, text: string | undefined, depth: number, visited: Set<string>): Map<string, string> {
    const pins = new Map<string, string>();
    if (text === undefined || depth > MAX_INCLUDE_DEPTH || visited.has(file)) return pins;
    visited.add(file);
    const parsed = parseRequirementsFile(text, 'requirements');
    for (const declaration of parsed.declarations) {
      const pin = pinnedVersion(declaration.versionSpec);
      const name = normalizePythonName(declaration.name);
      if (pin && !pins.has(name)) pins.set(name, pin);
    }
    for (const include of parsed.includes) {
      if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(include.path)) continue;
      const included = path.resolve(path.dirname(file), include.path);
      for (const [name, pin] of this.includedPins(included, this.context.files.readText(included), depth + 1, visited)) if (!pins.has(name)) pins.set(name, pin);
    }
    return pins;
  }

  private locked(name: string): LockedDistribution | undefined {
    const candidates = this.load().lock?.packages.get(normalizePythonName(name)) ?? [];
    return candidates.find((c) => c.version !== '') ?? candidates[0];
  }

  private versionOf(name: string, declaredSpec?: string): string | undefined {
    const { installed, pins } = this.load();
    const locked = this.locked(name)?.version;
    if (locked) return locked;
    return pinnedVersion(declaredSpec) ?? pins.get(normalizePythonName(name)) ?? installed.find(name)?.version;
  }

  private packageOf(name: string, version: string | undefined): ResolvedPackage {
    const key = `${name}\0${version ?? ''}`;
    let pkg = this.packages.get(key);
    if (!pkg) {
      pkg = this.readPackage(name, version);
      this.packages.set(key, pkg);
    }
    return pkg;
  }

  private readPackage(name: string, version: string | undefined): ResolvedPackage {
    const { installed, system } = this.load();
    const distribution = installed.find(name, version);
    // Only what the system installation holds is the system's: a virtual environment's own packages keep their metadata.
    const inSystem = distribution && system?.sitePackages.some((dir) => distribution.dir.startsWith(dir + path.sep));
    const license: LicenseEvidence = distribution
      ? system && inSystem
        ? systemPackageEvidence(
            pythonLicenseEvidence(this.context.files, distribution),
            debianEvidence(this.context.files, system, distribution),
            distribution.metadata.licenseExpression !== undefined,
          )
        : pythonLicenseEvidence(this.context.files, distribution)
      : { kind: 'none', searched: installed.sitePackages.length > 0 ? [...installed.sitePackages] : [path.join(this.manifestDir, '.venv')] };
    return { ecosystem: 'pypi', name: normalizePythonName(name), purl: pypiPurl(name), version: version ?? distribution?.version, license };
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const version = this.versionOf(declaration.name, declaration.versionSpec);
    const pkg = this.packageOf(declaration.name, version);
    return { pkg, transitive: this.transitive(declaration.name, requestedExtras(declaration)) };
  }

  /** What a package depends on, with the extras asked of it: from the lock's graph or installed metadata. */
  private edges(name: string, extras: readonly string[]): LockedEdge[] {
    const { lock, installed } = this.load();
    if (lock?.hasGraph) {
      const locked = this.locked(name);
      if (!locked) return [];
      return [...locked.dependencies, ...extras.flatMap((extra) => locked.optional.get(extra) ?? [])];
    }
    const distribution = installed.find(name, this.versionOf(name));
    if (!distribution) return [];
    const edges: LockedEdge[] = [];
    for (const requirement of distribution.metadata.requiresDist) {
      const parsed = parsePep508(requirement);
      if (!parsed.ok) continue;
      const marker = parsed.requirement.marker ?? '';
      // `extra == "socks"` markers limit a dependency to an extra; other markers (platform, Python version)
      // cannot be evaluated offline for the target environment, so those dependencies count.
      const extraMatch = /\bextra\s*==\s*["']([^"']+)["']/.exec(marker);
      if (extraMatch && !extras.some((e) => normalizePythonName(e) === normalizePythonName(extraMatch[1]))) continue;
      edges.push({ name: normalizePythonName(parsed.requirement.name), extras: parsed.requirement.extras });
    }
    return edges;
  }

  private transitive(rootName: string, rootExtras: readonly string[]): TransitivePackage[] {
    const key = `${normalizePythonName(rootName)}[${rootExtras.join(',')}]`;
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = this.walk(rootName, rootExtras);
      this.graphs.set(key, graph);
    }
    return graph;
  }

  private walk(rootName: string, rootExtras: readonly string[]): TransitivePackage[] {
    const root = normalizePythonName(rootName);
    const seen = new Set([root]);
    const out: TransitivePackage[] = [];
    const queue: { name: string; extras: readonly string[]; chain: string[] }[] = [{ name: root, extras: rootExtras, chain: [root] }];
    while (queue.length > 0) {
      const { name, extras, chain } = queue.shift()!;
      for (const edge of this.edges(name, extras)) {
        if (seen.has(edge.name)) continue;
        seen.add(edge.name);
        const nextChain = [...chain, edge.name];
        out.push({ chain: nextChain, pkg: this.packageOf(edge.name, this.versionOf(edge.name)) });
        queue.push({ name: edge.name, extras: edge.extras, chain: nextChain });
      }
    }
    return out;
  }
}
