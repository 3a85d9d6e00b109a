import * as path from 'node:path';
import type {
  DependencyDeclaration,
  DependencyResolver,
  EcosystemSupport,
  LicenseEvidence,
  ParsedManifest,
  ResolveContext,
  ResolvedDependency,
  ResolvedPackage,
} from '../ecosystem';
import type { FileSource } from '../../io/file-source';
import { spdxForLicenseName } from '../../licenses/license-name-to-spdx';
import { effectiveProperties, interpolate, readPom, type PomModel } from './pom-model';
import { walkDependencyGraph } from '../walk-dependency-graph';

export const mavenPurl = (groupId: string, artifactId: string): string => `pkg:maven/${groupId}/${artifactId}`;

/** Declarations of a pom.xml: its `<dependencies>`, versions completed from properties and dependencyManagement. */
export function parsePom(text: string): ParsedManifest {
  const pom = readPom(text);
  const props = effectiveProperties([pom]);
  const managed = new Map(pom.managed.map((d) => [`${d.groupId}:${d.artifactId}`, d.version]));
  const declarations: DependencyDeclaration[] = [];
  for (const dep of pom.dependencies) {
    if (!dep.artifactSpan) continue;
    const groupId = interpolate(dep.groupId, props) ?? dep.groupId;
    const artifactId = interpolate(dep.artifactId, props) ?? dep.artifactId;
    const version = interpolate(dep.version ?? managed.get(`${dep.groupId}:${dep.artifactId}`), props);
    declarations.push({
      ecosystem: 'maven',
      name: `${groupId}:${artifactId}`,
      purl: mavenPurl(groupId, artifactId),
      ...(version ? { versionSpec: version } : {}),
      group: dep.scope,
      nameSpan: dep.artifactSpan,
    });
  }
  return { declarations, problems: pom.problems.map((p) => ({ message: `pom.xml: ${p.message}`, span: p.span })) };
}

/** The local Maven repository: `MAVEN_REPO_LOCAL`, else `~/.m2/repository`. */
function repository(context: ResolveContext): string {
  return context.env.MAVEN_REPO_LOCAL || path.join(context.homeDir, '.m2', 'repository');
}

const MAX_DEPTH = 8;

class MavenResolver implements DependencyResolver {
  private readonly repo: string;
  private readonly poms = new Map<string, PomModel | null>();
  private readonly memo = new Map<string, ResolvedDependency>();

  constructor(private readonly files: FileSource, context: ResolveContext) {
    this.repo = repository(context);
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const key = `${declaration.name}@${declaration.versionSpec ?? ''}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const [groupId, artifactId] = declaration.name.split(':');
    const version = declaration.versionSpec && /^[\w.+-]+$/.test(declaration.versionSpec) ? declaration.versionSpec : undefined;
    const pkg = this.packageFor(groupId, artifactId, version);
    type Coordinates = { groupId: string; artifactId: string; version?: string };
    const transitive = walkDependencyGraph<Coordinates>({ groupId, artifactId, ...(version ? { version } : {}) }, {
      key: (c) => `${c.groupId}:${c.artifactId}`,
      children: (c) => this.runtimeDependencies(c.groupId, c.artifactId, c.version),
      name: (c) => `${c.groupId}:${c.artifactId}`,
      toPackage: (c) => this.packageFor(c.groupId, c.artifactId, c.version),
      maxDepth: MAX_DEPTH,
    });
    const result = { pkg, transitive };
    this.memo.set(key, result);
    return result;
  }

  private pomPath(groupId: string, artifactId: string, version: string): string {
    return path.join(this.repo, ...groupId.split('.'), artifactId, version, `${artifactId}-${version}.pom`);
  }

  private pom(groupId: string, artifactId: string, version: string): PomModel | undefined {
    const file = this.pomPath(groupId, artifactId, version);
    if (!this.poms.has(file)) {
      const text = this.files.readText(file);
      this.poms.set(file, text === undefined ? null : readPom(text));
    }
    return this.poms.get(file) ?? undefined;
  }

  /** The POM and its parents, nearest first; bounded so a parent loop cannot hang. */
  private chain(groupId: string, artifactId: string, version: string): PomModel[] {
    const chain: PomModel[] = [];
    let current = this.pom(groupId, artifactId, version);
    while (current && chain.length < 10) {
      chain.push(current);
      current = current.parent ? this.pom(current.parent.groupId, current.parent.artifactId, current.parent.version) : undefined;
    }
    return chain;
  }

  private runtimeDependencies(groupId: string, artifactId: string, version: string | undefined): Array<{ groupId: string; artifactId: string; version?: string }> {
    if (!version) return [];
    const chain = this.chain(groupId, artifactId, version);
    if (!chain.length) return [];
    const props = effectiveProperties(chain);
    const managed = new Map(chain.flatMap((p) => p.managed).reverse().map((d) => [`${d.groupId}:${d.artifactId}`, d.version]));
    // Test and provided dependencies are not passed on; optional ones are not pulled in.
    return chain[0].dependencies
      .filter((d) => (d.scope === 'compile' || d.scope === 'runtime') && !d.optional)
      .map((d) => {
        const v = interpolate(d.version ?? managed.get(`${d.groupId}:${d.artifactId}`), props);
        return { groupId: interpolate(d.groupId, props) ?? d.groupId, artifactId: interpolate(d.artifactId, props) ?? d.artifactId, ...(v ? { version: v } : {}) };
      });
  }

  private packageFor(groupId: string, artifactId: string, version: string | undefined): ResolvedPackage {
    const base = { ecosystem: 'maven' as const, name: `${groupId}:${artifactId}`, purl: mavenPurl(groupId, artifactId), ...(version ? { version } : {}) };
    if (!version) return { ...base, license: { kind: 'none', searched: [path.join(this.repo, ...groupId.split('.'), artifactId)] } };
    const chain = this.chain(groupId, artifactId, version);
    return { ...base, license: this.licenseOf(chain, this.pomPath(groupId, artifactId, version)) };
  }

  /** Licenses of the nearest POM in the parent chain that states any; several mean the user may choose. */
  private licenseOf(chain: readonly PomModel[], file: string): LicenseEvidence {
    const index = chain.findIndex((p) => p.licenses.length > 0);
    if (index < 0) return { kind: 'none', searched: [file] };
    const pom = chain[index];
    const source = { kind: 'installed' as const, path: index === 0 ? file : this.pomPath(pom.groupId ?? '', pom.artifactId ?? '', pom.version ?? '') };
    const ids = pom.licenses.map((l) => spdxForLicenseName(l.name, l.url));
    if (ids.every((id): id is string => id !== undefined)) {
      const unique = [...new Set(ids)];
      return { kind: 'declared', expression: unique.length === 1 ? unique[0] : unique.map((i) => (/\s/.test(i) ? `(${i})` : i)).join(' OR '), source };
    }
    return { kind: 'custom', text: pom.licenses.map((l) => l.name ?? l.url ?? '').join(' / '), source };
  }
}

export const mavenSupport: EcosystemSupport = {
  ecosystem: 'maven',
  isManifest: (fileName) => fileName === 'pom.xml',
  parse: (text) => parsePom(text),
  createResolver: (_manifestPath, context) => new MavenResolver(context.files, context),
  resolutionInputs: [],
};
