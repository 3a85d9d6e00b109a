import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, ResolveContext, ResolvedDependency, ResolvedPackage } from '../ecosystem';
import { walkDependencyGraph } from '../walk-dependency-graph';
import { childNamed, descendants, scanXml, type XmlElement } from '../../formats/xml-scanner';
import { findCentralVersions, type CentralVersions } from './central-package-versions';
import { licenseFromNuspec } from './nuspec-license';
import { lowestApplicableVersion, normalizeNugetVersion } from './nuget-version';
import { readPackagesLock, type PackagesLock } from './packages-lock';
import { nugetPurl } from './parse-project-file';

/** Graphs read from cached .nuspec files are bounded; the lock file's graph is finite anyway. */
const MAX_DEPTH = 10;

interface PackageNode {
  readonly id: string;
  readonly version?: string;
}

/** The global packages folder: `NUGET_PACKAGES` when set, else `~/.nuget/packages`. */
export function globalPackagesDir(context: Pick<ResolveContext, 'env' | 'homeDir'>): string {
  return context.env.NUGET_PACKAGES?.trim() || path.join(context.homeDir, '.nuget', 'packages');
}

/**
 * Resolves package references of a project: the version from packages.lock.json, else the reference's own
 * (or central) version; licenses from the package's .nuspec in the global packages folder; the graph from the
 * lock file, else from the .nuspec `<dependencies>`.
 */
export class NugetResolver implements DependencyResolver {
  private readonly projectDir: string;
  private readonly cacheDir: string;
  private readonly memo = new Map<string, ResolvedDependency>();
  private readonly nuspecs = new Map<string, XmlElement | null>();
  private loaded?: { lock: PackagesLock; central: CentralVersions };

  constructor(
    manifestPath: string,
    private readonly context: ResolveContext,
  ) {
    this.projectDir = path.dirname(manifestPath);
    this.cacheDir = globalPackagesDir(context);
  }

  private load(): NonNullable<NugetResolver['loaded']> {
    this.loaded ??= {
      lock: readPackagesLock(this.context.files.readText(path.join(this.projectDir, 'packages.lock.json'))),
      central: findCentralVersions(this.context.files, this.projectDir),
    };
    return this.loaded;
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const { lock, central } = this.load();
    const id = declaration.name;
    const version = lock.packages.get(id.toLowerCase())?.version ?? lowestApplicableVersion(declaration.versionSpec ?? central.versions.get(id.toLowerCase()));
    // By what the declaration resolves to: a version being typed over a locked one resolves to the same package
    // and graph, and the same graph list lets the caller keep its verdicts.
    const memoKey = `${id.toLowerCase()}@${version ?? ''}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    const start: PackageNode = { id, ...(version ? { version } : {}) };
    const result = {
      pkg: this.packageFor(start),
      transitive: walkDependencyGraph(start, {
        key: (n) => n.id.toLowerCase(),
        children: (n) => this.dependenciesOf(n),
        name: (n) => n.id,
        toPackage: (n) => this.packageFor(n),
        maxDepth: MAX_DEPTH,
      }),
    };
    this.memo.set(memoKey, result);
    return result;
  }

  /** `<cache>/<id lower>/<normalized version>/<id lower>.nuspec`, the global packages folder's layout. */
  private nuspecPath(id: string, version: string): string {
    const lower = id.toLowerCase();
    return path.join(this.cacheDir, lower, normalizeNugetVersion(version), `${lower}.nuspec`);
  }

  private nuspecMetadata(node: PackageNode): XmlElement | undefined {
    // Ids and versions come from documents: they must not lead out of the cache.
    if (!node.version || !/^[\w.+-]+$/.test(node.id) || !/^[\w.+-]+$/.test(node.version) || node.id.startsWith('.')) return undefined;
    const file = this.nuspecPath(node.id, node.version);
    if (!this.nuspecs.has(file)) {
      const text = this.context.files.readText(file);
      this.nuspecs.set(file, text === undefined ? null : childNamed(scanXml(text).root, 'metadata') ?? null);
    }
    return this.nuspecs.get(file) ?? undefined;
  }

  private dependenciesOf(node: PackageNode): PackageNode[] {
    const { lock } = this.load();
    const locked = lock.packages.get(node.id.toLowerCase());
    if (locked) {
      return locked.dependencies.map((d) => {
        const version = lock.packages.get(d.toLowerCase())?.version;
        return { id: lock.packages.get(d.toLowerCase())?.id ?? d, ...(version ? { version } : {}) };
      });
    }
    // Without a lock: every target framework's group, each id once; NuGet would pick the lowest applicable version.
    const children: PackageNode[] = [];
    for (const element of descendants(childNamed(this.nuspecMetadata(node), 'dependencies'))) {
      const id = element.name === 'dependency' ? element.attributes.get('id')?.value.trim() : undefined;
      if (!id || children.some((c) => c.id.toLowerCase() === id.toLowerCase())) continue;
      const version = lowestApplicableVersion(element.attributes.get('version')?.value);
      children.push({ id, ...(version ? { version } : {}) });
    }
    return children;
  }

  private packageFor(node: PackageNode): ResolvedPackage {
    const base = { ecosystem: 'nuget' as const, name: node.id, purl: nugetPurl(node.id), ...(node.version ? { version: node.version } : {}) };
    const metadata = this.nuspecMetadata(node);
    if (!metadata || !node.version) return { ...base, license: { kind: 'none', searched: [node.version ? this.nuspecPath(node.id, node.version) : path.join(this.cacheDir, node.id.toLowerCase())] } };
    return { ...base, license: licenseFromNuspec(metadata, this.nuspecPath(node.id, node.version), this.context.files) };
  }
}
