import * as path from 'node:path';
import type {
  DependencyDeclaration,
  DependencyResolver,
  ResolveContext,
  ResolvedDependency,
  ResolvedPackage,
  TransitivePackage,
} from '../ecosystem';
import { cargoPurl, scanCargoManifest, type CargoDependencyEntry, type CargoManifestScan } from './cargo-manifest-parser';
import { findLockedReference, lockedByName, pickLockedVersion, readCargoLock, referenceName, type CargoLock, type LockedCrate } from './cargo-lock-reader';
import { findCrateLicense, findLocalCrateLicense } from './crate-licenses';

/** How far up from a member crate the workspace root and Cargo.lock are looked for. */
const MAX_ANCESTORS = 8;

/** What a declaration stands for once workspace inheritance is applied. */
type EffectiveDependency =
  | { readonly kind: 'registry'; readonly packageName: string; readonly versionSpec?: string }
  /** The workspace's own crate, reached through `[workspace.dependencies] foo = { path = … }`. */
  | { readonly kind: 'local'; readonly packageName: string; readonly dir: string };

/**
 * Resolves Cargo.toml dependencies: the exact version and the graph from Cargo.lock (the member crate's own
 * entry says which of several locked versions it uses), licenses from vendored or registry sources.
 */
export class CargoResolver implements DependencyResolver {
  private readonly manifestDir: string;
  private loaded?: { member?: CargoManifestScan; root?: { dir: string; scan: CargoManifestScan }; lock?: CargoLock; lockDir?: string };
  /**
   * Licenses and graphs read from registry sources and the lock, kept for the resolver's life (the engine makes
   * a new resolver when a watched input changes): typing in Cargo.toml re-reads nothing for the crates the
   * edit did not touch, and the same graph list is handed out for the same locked crate.
   */
  private readonly packages = new Map<string, ResolvedPackage>();
  private readonly graphs = new Map<LockedCrate, TransitivePackage[]>();

  constructor(
    private readonly manifestPath: string,
    private readonly context: ResolveContext,
  ) {
    this.manifestDir = path.dirname(manifestPath);
  }

  private load(): NonNullable<CargoResolver['loaded']> {
    if (this.loaded) return this.loaded;
    const files = this.context.files;
    const memberText = files.readText(this.manifestPath);
    const member = memberText === undefined ? undefined : scanCargoManifest(memberText);
    let root: { dir: string; scan: CargoManifestScan } | undefined;
    let lock: CargoLock | undefined;
    let lockDir: string | undefined;
    let dir = this.manifestDir;
    for (let depth = 0; depth < MAX_ANCESTORS; depth++) {
      if (!root) {
        const text = dir === this.manifestDir ? memberText : files.readText(path.join(dir, 'Cargo.toml'));
        const scan = text === undefined ? undefined : dir === this.manifestDir ? member : scanCargoManifest(text);
        if (scan?.isWorkspaceRoot) root = { dir, scan };
      }
      if (!lock) {
        const lockText = files.readText(path.join(dir, 'Cargo.lock'));
        lock = lockText === undefined ? undefined : readCargoLock(lockText);
        if (lock) lockDir = dir;
      }
      // The lock sits next to the workspace root; nothing above it belongs to this build.
      if ((root && lock) || (root && !lock && dir === root.dir)) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    this.loaded = { member, root, lock, lockDir };
    return this.loaded;
  }

  private workspaceDirs(): string[] {
    const { root, lockDir } = this.load();
    return [...new Set([this.manifestDir, ...(root ? [root.dir] : []), ...(lockDir ? [lockDir] : [])])];
  }

  private effective(declaration: DependencyDeclaration): EffectiveDependency {
    const inherits = (declaration as { inheritsWorkspace?: unknown }).inheritsWorkspace === true;
    if (!inherits) return { kind: 'registry', packageName: declaration.name, versionSpec: declaration.versionSpec };
    const { root } = this.load();
    const key = (declaration as { key?: unknown }).key;
    const inherited: CargoDependencyEntry | undefined = root?.scan.dependencies.find((d) => d.group === 'workspace.dependencies' && d.key === (typeof key === 'string' ? key : declaration.name));
    if (!inherited) return { kind: 'registry', packageName: declaration.name, versionSpec: declaration.versionSpec };
    if (inherited.path !== undefined && root) return { kind: 'local', packageName: inherited.packageName, dir: path.resolve(root.dir, inherited.path) };
    return { kind: 'registry', packageName: inherited.packageName, versionSpec: inherited.versionSpec };
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const dependency = this.effective(declaration);
    const { lock } = this.load();
    const locked = lock ? this.lockedFor(lock, dependency) : undefined;
    if (dependency.kind === 'local') {
      const license = findLocalCrateLicense(this.context.files, dependency.dir, this.load().root?.dir);
      const pkg: ResolvedPackage = { ecosystem: 'cargo', name: dependency.packageName, purl: cargoPurl(dependency.packageName), version: locked?.version, license };
      return { pkg, transitive: lock && locked ? this.graphOf(lock, locked) : [] };
    }
    const version = locked?.version ?? exactVersion(dependency.versionSpec);
    const pkg = this.packageOf(dependency.packageName, version);
    return { pkg, transitive: lock && locked ? this.graphOf(lock, locked) : [] };
  }

  private graphOf(lock: CargoLock, start: LockedCrate): TransitivePackage[] {
    let graph = this.graphs.get(start);
    if (!graph) {
      graph = this.transitive(lock, start);
      this.graphs.set(start, graph);
    }
    return graph;
  }

  private lockedFor(lock: CargoLock, dependency: EffectiveDependency): LockedCrate | undefined {
    const { member } = this.load();
    // The member's own lock entry lists exactly the versions it uses.
    const own = member?.packageName ? lockedByName(lock, member.packageName).find((p) => p.source === undefined) : undefined;
    if (own) {
      const used = own.dependencies.filter((ref) => referenceName(ref) === dependency.packageName).map((ref) => findLockedReference(lock, ref));
      const candidates = used.filter((c): c is LockedCrate => c !== undefined);
      if (candidates.length > 0) return pickLockedVersion(candidates, dependency.kind === 'registry' ? dependency.versionSpec : undefined);
    }
    const byName = lockedByName(lock, dependency.packageName);
    return byName.length > 0 ? pickLockedVersion(byName, dependency.kind === 'registry' ? dependency.versionSpec : undefined) : undefined;
  }

  private packageOf(name: string, version: string | undefined): ResolvedPackage {
    const key = `${name}\0${version ?? ''}`;
    let pkg = this.packages.get(key);
    if (!pkg) {
      const license = findCrateLicense(this.context.files, this.context, this.workspaceDirs(), name, version);
      pkg = { ecosystem: 'cargo', name, purl: cargoPurl(name), version, license };
      this.packages.set(key, pkg);
    }
    return pkg;
  }

  private transitive(lock: CargoLock, start: LockedCrate): TransitivePackage[] {
    const key = (c: LockedCrate) => `${c.name}\u0000${c.version}\u0000${c.source ?? ''}`;
    const seen = new Set([key(start)]);
    const out: TransitivePackage[] = [];
    const queue: { crate: LockedCrate; chain: string[] }[] = [{ crate: start, chain: [start.name] }];
    while (queue.length > 0) {
      const { crate, chain } = queue.shift()!;
      for (const reference of crate.dependencies) {
        const next = findLockedReference(lock, reference);
        if (!next || seen.has(key(next))) continue;
        seen.add(key(next));
        const nextChain = [...chain, next.name];
        // A locked crate without a source is a path crate of the workspace: walked through, not reported.
        if (next.source !== undefined) out.push({ chain: nextChain, pkg: this.packageOf(next.name, next.version) });
        queue.push({ crate: next, chain: nextChain });
      }
    }
    return out;
  }
}

/** `=1.2.3` pins one version; anything else is a range. */
function exactVersion(spec: string | undefined): string | undefined {
  const match = spec ? /^\s*=\s*(\d+\.\d+\.\d+\S*)\s*$/.exec(spec) : null;
  return match ? match[1] : undefined;
}
