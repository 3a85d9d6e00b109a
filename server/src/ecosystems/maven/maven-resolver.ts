import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, ResolveContext, ResolvedDependency, ResolvedPackage } from '../ecosystem';
import { walkDependencyGraph } from '../walk-dependency-graph';
import { LocalRepository, localRepositoryDir, type LocatedPom } from './local-repository';
import { mavenPurl, type MavenDependencyDeclaration } from './parse-pom';
import { licenseFromPomChain } from './pom-license';
import { effectiveProperties, interpolate } from './pom-interpolation';
import { readPom, type PomDependency } from './pom-model';

/** Cached POM graphs can be deep; past this many levels the chain is not followed. */
const MAX_DEPTH = 8;
/** Scopes Maven passes on to a dependency's users; `test` and `provided` stay with the artifact that names them. */
const TRANSITIVE_SCOPES = new Set(['compile', 'runtime']);

interface ArtifactNode {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version?: string;
  /** `groupId:artifactId` (either may be `*`) excluded below this node. */
  readonly exclusions: ReadonlySet<string>;
}

/** What the project's own POM and its parents define for every declaration: properties and managed versions. */
interface ProjectModel {
  readonly properties: ReadonlyMap<string, string>;
  readonly managed: ReadonlyMap<string, string>;
}

const keyOf = (groupId: string, artifactId: string): string => `${groupId}:${artifactId}`;

function isExcluded(exclusions: ReadonlySet<string>, groupId: string, artifactId: string): boolean {
  return exclusions.has(keyOf(groupId, artifactId)) || exclusions.has(keyOf(groupId, '*')) || exclusions.has(keyOf('*', artifactId)) || exclusions.has('*:*');
}

/** A version Maven would fetch as is: not a range (`[1.0,2.0)`) and with no reference left unresolved. */
function concreteVersion(spec: string | undefined): string | undefined {
  return spec && /^[\w.+-]+$/.test(spec.trim()) ? spec.trim() : undefined;
}

/**
 * Resolves pom.xml declarations against the local Maven repository: versions completed from the project's
 * parents and imported BOMs, licenses from the artifact's POM or its parents, and the compile/runtime graph of
 * the cached POMs (optional dependencies and exclusions left out, the project's dependencyManagement winning
 * for transitive versions as it does in Maven).
 */
export class MavenResolver implements DependencyResolver {
  private readonly repository: LocalRepository;
  private readonly memo = new Map<string, ResolvedDependency>();
  private project?: ProjectModel;

  constructor(
    private readonly manifestPath: string,
    private readonly context: ResolveContext,
  ) {
    this.repository = new LocalRepository(localRepositoryDir(context), context.files);
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const exclusions = (declaration as Partial<MavenDependencyDeclaration>).exclusions ?? [];
    const memoKey = `${declaration.name}@${declaration.versionSpec ?? ''}#${exclusions.join(',')}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    const [groupId, artifactId = ''] = declaration.name.split(':');
    const version = this.versionOf(groupId, artifactId, declaration.versionSpec);
    const start: ArtifactNode = { groupId, artifactId, ...(version ? { version } : {}), exclusions: new Set(exclusions) };
    const result = {
      pkg: this.packageFor(start),
      transitive: walkDependencyGraph(start, {
        key: (n) => keyOf(n.groupId, n.artifactId),
        children: (n) => this.childrenOf(n),
        name: (n) => keyOf(n.groupId, n.artifactId),
        toPackage: (n) => this.packageFor(n),
        maxDepth: MAX_DEPTH,
      }),
    };
    this.memo.set(memoKey, result);
    return result;
  }

  /** The declared version, else one filled from the project's parents' properties or managed versions. */
  private versionOf(groupId: string, artifactId: string, spec: string | undefined): string | undefined {
    const direct = concreteVersion(spec);
    if (direct) return direct;
    const project = this.projectModel();
    if (spec !== undefined) return concreteVersion(interpolate(spec, project.properties));
    return concreteVersion(project.managed.get(keyOf(groupId, artifactId)));
  }

  /** The manifest on disk with its parents: a parent in the workspace (`relativePath`, `../pom.xml` by default) first, else the repository's. */
  private projectModel(): ProjectModel {
    if (this.project) return this.project;
    const files = this.context.files;
    const text = files.readText(this.manifestPath);
    const chain: LocatedPom[] = text === undefined ? [] : [{ path: this.manifestPath, pom: readPom(text) }];
    while (chain.length && chain.length < 12) {
      const last = chain[chain.length - 1];
      const parent = last.pom.parent;
      if (!parent) break;
      const relative = parent.relativePath ?? '../pom.xml';
      let local: LocatedPom | undefined;
      if (relative.trim()) {
        const candidate = path.resolve(path.dirname(last.path), relative.endsWith('.xml') ? relative : path.join(relative, 'pom.xml'));
        const parentText = candidate === last.path || chain.some((p) => p.path === candidate) ? undefined : files.readText(candidate);
        const pom = parentText === undefined ? undefined : readPom(parentText);
        // Maven uses the workspace file only when it is the parent named; otherwise the repository's.
        if (pom && pom.groupId === parent.groupId && pom.artifactId === parent.artifactId) local = { path: candidate, pom };
      }
      if (local) chain.push(local);
      else {
        const fromRepository = this.repository.chain(parent);
        chain.push(...fromRepository.slice(0, 12 - chain.length));
        break;
      }
    }
    const properties = effectiveProperties(chain.map((p) => p.pom));
    this.project = { properties, managed: this.managedVersions(chain, properties, 0) };
    return this.project;
  }

  /**
   * `groupId:artifactId` → version from the chain's dependencyManagement, nearest POM first, with BOMs
   * (`<scope>import</scope>`) contributing their own managed versions after the POM's explicit entries.
   */
  private managedVersions(chain: readonly LocatedPom[], properties: ReadonlyMap<string, string>, depth: number): Map<string, string> {
    const managed = new Map<string, string>();
    const imports: PomDependency[] = [];
    for (const { pom } of chain) {
      for (const d of pom.managed) {
        if (d.scope === 'import') {
          imports.push(d);
          continue;
        }
        const key = keyOf(interpolate(d.groupId, properties) ?? d.groupId, interpolate(d.artifactId, properties) ?? d.artifactId);
        const version = interpolate(d.version, properties);
        if (version && !managed.has(key)) managed.set(key, version);
      }
    }
    if (depth < 3) {
      for (const bom of imports) {
        const version = concreteVersion(interpolate(bom.version, properties));
        const groupId = interpolate(bom.groupId, properties);
        const artifactId = interpolate(bom.artifactId, properties);
        if (!version || !groupId || !artifactId) continue;
        const bomChain = this.repository.chain({ groupId, artifactId, version });
        for (const [k, v] of this.managedVersions(bomChain, effectiveProperties(bomChain.map((p) => p.pom)), depth + 1)) if (!managed.has(k)) managed.set(k, v);
      }
    }
    return managed;
  }

  private childrenOf(node: ArtifactNode): ArtifactNode[] {
    if (!node.version) return [];
    const chain = this.repository.chain({ groupId: node.groupId, artifactId: node.artifactId, version: node.version });
    if (!chain.length) return [];
    const properties = effectiveProperties(chain.map((p) => p.pom));
    const ownManaged = this.managedVersions(chain, properties, 0);
    const projectManaged = this.projectModel().managed;
    // Dependencies are inherited from parents too; the nearest declaration of an artifact wins.
    const declared = new Map<string, PomDependency>();
    for (const { pom } of chain) for (const d of pom.dependencies) {
      const key = keyOf(interpolate(d.groupId, properties) ?? d.groupId, interpolate(d.artifactId, properties) ?? d.artifactId);
      if (!declared.has(key)) declared.set(key, d);
    }
    const children: ArtifactNode[] = [];
    for (const [key, d] of declared) {
      if (!TRANSITIVE_SCOPES.has(d.scope) || d.optional) continue;
      const [groupId, artifactId] = key.split(':');
      if (isExcluded(node.exclusions, groupId, artifactId)) continue;
      const version = concreteVersion(projectManaged.get(key) ?? interpolate(d.version, properties) ?? ownManaged.get(key));
      const exclusions = new Set([...node.exclusions, ...d.exclusions.map((e) => keyOf(e.groupId, e.artifactId))]);
      children.push({ groupId, artifactId, ...(version ? { version } : {}), exclusions });
    }
    return children;
  }

  private packageFor(node: ArtifactNode): ResolvedPackage {
    const base = { ecosystem: 'maven' as const, name: keyOf(node.groupId, node.artifactId), purl: mavenPurl(node.groupId, node.artifactId) };
    if (!node.version) return { ...base, license: { kind: 'none', searched: [this.repository.artifactDir(node.groupId, node.artifactId)] } };
    const coordinates = { groupId: node.groupId, artifactId: node.artifactId, version: node.version };
    const chain = this.repository.chain(coordinates);
    return { ...base, version: node.version, license: licenseFromPomChain(chain, this.repository.pomPath(coordinates)) };
  }
}
