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
import { evidenceFromLicenseFiles } from '../../licenses/license-file-evidence';
import { spdxForLicenseName } from '../../licenses/license-name-to-spdx';
import { childNamed, scanXml, textAt, type XmlElement } from '../xml/xml-scanner';
import { walkDependencyGraph } from '../walk-dependency-graph';

export const nugetPurl = (id: string): string => `pkg:nuget/${id}`;

function* walk(element: XmlElement | undefined): Generator<XmlElement> {
  if (!element) return;
  yield element;
  for (const child of element.children) yield* walk(child);
}

/** `<PackageReference Include="X" Version="1.0" />` (or `Update=`, or a `<Version>` child) in a project file. */
export function parseProjectFile(text: string): ParsedManifest {
  const { root, problems } = scanXml(text);
  const declarations: DependencyDeclaration[] = [];
  for (const element of walk(root)) {
    if (element.name !== 'PackageReference' && element.name !== 'PackageVersion' && element.name !== 'GlobalPackageReference') continue;
    const id = element.attributes.get('Include') ?? element.attributes.get('Update');
    if (!id || !id.value.trim()) continue;
    const version = element.attributes.get('Version')?.value ?? element.attributes.get('VersionOverride')?.value ?? textAt(element, 'Version');
    declarations.push({
      ecosystem: 'nuget',
      name: id.value.trim(),
      purl: nugetPurl(id.value.trim()),
      ...(version ? { versionSpec: version } : {}),
      group: element.name === 'PackageVersion' ? 'central' : element.attributes.has('PrivateAssets') ? 'development' : 'reference',
      nameSpan: id.span,
    });
  }
  return { declarations, problems: problems.map((p) => ({ message: `project file: ${p.message}`, span: p.span })) };
}

interface LockedNuget {
  readonly version?: string;
  readonly dependencies: readonly string[];
}

/** packages.lock.json: every framework's entries, merged by id (case-insensitive, as NuGet ids are). */
function readPackagesLock(text: string | undefined): Map<string, LockedNuget> {
  const map = new Map<string, LockedNuget>();
  if (!text) return map;
  try {
    const data = JSON.parse(text) as { dependencies?: Record<string, Record<string, { resolved?: string; dependencies?: Record<string, string> }>> };
    for (const framework of Object.values(data.dependencies ?? {})) {
      for (const [id, entry] of Object.entries(framework ?? {})) {
        if (!map.has(id.toLowerCase())) {
          map.set(id.toLowerCase(), { ...(entry?.resolved ? { version: entry.resolved } : {}), dependencies: Object.keys(entry?.dependencies ?? {}) });
        }
      }
    }
  } catch {
    // An unreadable lock file only costs the versions it would have given.
  }
  return map;
}

/** An exact version from a NuGet version range (`[1.2.3]`, `1.2.3`), or undefined for open ranges. */
function exactVersion(spec: string | undefined): string | undefined {
  const match = spec ? /^\[?\s*([0-9][\w.+-]*)\s*\]?$/.exec(spec.trim()) : null;
  return match?.[1];
}

class NugetResolver implements DependencyResolver {
  private readonly lock: Map<string, LockedNuget>;
  private readonly central: Map<string, string>;
  private readonly cache: string;
  private readonly memo = new Map<string, ResolvedDependency>();

  constructor(private readonly projectDir: string, private readonly context: ResolveContext) {
    this.lock = readPackagesLock(context.files.readText(path.join(projectDir, 'packages.lock.json')));
    this.central = this.centralVersions();
    this.cache = context.env.NUGET_PACKAGES || path.join(context.homeDir, '.nuget', 'packages');
  }

  /** Central package management: the nearest Directory.Packages.props up the tree. */
  private centralVersions(): Map<string, string> {
    const versions = new Map<string, string>();
    let dir = this.projectDir;
    for (let i = 0; i < 20; i++) {
      const text = this.context.files.readText(path.join(dir, 'Directory.Packages.props'));
      if (text !== undefined) {
        for (const d of parseProjectFile(text).declarations) if (d.versionSpec) versions.set(d.name.toLowerCase(), d.versionSpec);
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return versions;
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const cached = this.memo.get(declaration.name);
    if (cached) return cached;
    const id = declaration.name;
    const version = this.lock.get(id.toLowerCase())?.version ?? exactVersion(declaration.versionSpec ?? this.central.get(id.toLowerCase()));
    const pkg = this.packageFor(id, version);
    const transitive = walkDependencyGraph<[string, string | undefined]>([id, version], {
      key: ([childId]) => childId.toLowerCase(),
      children: ([childId, childVersion]) => this.dependenciesOf(childId, childVersion),
      name: ([childId]) => childId,
      toPackage: ([childId, childVersion]) => this.packageFor(childId, childVersion),
      maxDepth: 10,
    });
    const result = { pkg, transitive };
    this.memo.set(declaration.name, result);
    return result;
  }

  private nuspecPath(id: string, version: string): string {
    return path.join(this.cache, id.toLowerCase(), version.toLowerCase(), `${id.toLowerCase()}.nuspec`);
  }

  private nuspec(id: string, version: string | undefined): XmlElement | undefined {
    if (!version) return undefined;
    const text = this.context.files.readText(this.nuspecPath(id, version));
    return text === undefined ? undefined : childNamed(scanXml(text).root, 'metadata');
  }

  /** The graph from packages.lock.json, else from the cached .nuspec `<dependencies>`. */
  private dependenciesOf(id: string, version: string | undefined): Array<[string, string | undefined]> {
    const locked = this.lock.get(id.toLowerCase());
    if (locked) return locked.dependencies.map((d) => [d, this.lock.get(d.toLowerCase())?.version]);
    const groups = childNamed(this.nuspec(id, version), 'dependencies');
    const out: Array<[string, string | undefined]> = [];
    for (const element of walk(groups)) {
      const depId = element.name === 'dependency' ? element.attributes.get('id')?.value : undefined;
      if (depId && !out.some(([d]) => d.toLowerCase() === depId.toLowerCase())) out.push([depId, exactVersion(element.attributes.get('version')?.value)]);
    }
    return out;
  }

  private packageFor(id: string, version: string | undefined): ResolvedPackage {
    return { ecosystem: 'nuget', name: id, purl: nugetPurl(id), ...(version ? { version } : {}), license: this.licenseOf(id, version) };
  }

  /** `<license type="expression">`, `<license type="file">`, or the legacy `<licenseUrl>`. */
  private licenseOf(id: string, version: string | undefined): LicenseEvidence {
    const file = version ? this.nuspecPath(id, version) : path.join(this.cache, id.toLowerCase());
    const metadata = this.nuspec(id, version);
    if (!metadata) return { kind: 'none', searched: [file] };
    const source = { kind: 'installed' as const, path: file };
    const license = childNamed(metadata, 'license');
    if (license?.attributes.get('type')?.value === 'expression' && license.text) return { kind: 'declared', expression: license.text, source };
    if (license?.attributes.get('type')?.value === 'file' && license.text) {
      const fromFile = evidenceFromLicenseFiles(this.context.files, [path.join(path.dirname(file), license.text)]);
      if (fromFile) return fromFile;
    }
    const url = textAt(metadata, 'licenseUrl');
    if (url) {
      const id = spdxForLicenseName(undefined, url);
      return id ? { kind: 'declared', expression: id, source } : { kind: 'custom', text: url, source };
    }
    return { kind: 'none', searched: [file] };
  }
}

export const nugetSupport: EcosystemSupport = {
  ecosystem: 'nuget',
  isManifest: (fileName) => /\.(cs|fs|vb)proj$/i.test(fileName) || fileName === 'Directory.Packages.props',
  parse: (text) => parseProjectFile(text),
  createResolver: (manifestPath, context) => new NugetResolver(path.dirname(manifestPath), context),
  resolutionInputs: ['packages.lock.json', 'Directory.Packages.props'],
};
