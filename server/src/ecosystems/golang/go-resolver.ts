import * as path from 'node:path';
import type {
  DependencyDeclaration,
  DependencyResolver,
  LicenseEvidence,
  ResolveContext,
  ResolvedDependency,
  ResolvedPackage,
  TransitivePackage,
} from '../ecosystem';
import { findReplacement, parseGoMod, type GoModFile, type GoReplace } from './go-mod-parser';
import { findGoModuleLicense, goModCacheDir, moduleCacheDir } from './go-module-licenses';
import { escapeModulePath, escapeModuleVersion, golangPurl } from './module-path-escape';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';

/** Bounds the graph walk so a pathological cache cannot stall a keystroke. */
const MAX_TRANSITIVE = 5000;

type ModuleRef = { readonly kind: 'module'; readonly path: string; readonly version?: string } | { readonly kind: 'directory'; readonly name: string; readonly dir: string };

/**
 * Resolves go.mod requirements. The version is the one go.mod requires (since Go 1.17 the main go.mod lists
 * every module the build needs, at the version minimal version selection picked); `replace` directives are
 * followed. The graph comes from the cached go.mod files of the dependencies, with versions taken from the
 * main go.mod where it lists the module.
 */
export class GoResolver implements DependencyResolver {
  private readonly goModDir: string;
  private mainFile: GoModFile | undefined;
  /** The main go.mod's requirements and replacements by module path: looked up per module, so kept once. */
  private mainIndex: { readonly selected: ReadonlyMap<string, string | undefined>; readonly replaces: ReadonlyMap<string, GoReplace[]> } | undefined;
  /**
   * Licenses, requirements and graphs read from the module cache, kept for the resolver's life (the engine
   * makes a new resolver when a watched input changes): typing in go.mod re-reads nothing for the modules
   * the edit did not touch, and the same graph list is handed out for the same module.
   */
  private readonly packages = new Map<string, ResolvedPackage>();
  private readonly requirements = new Map<string, { path: string; version?: string }[]>();
  private readonly graphs = new Map<string, TransitivePackage[]>();

  constructor(
    private readonly manifestPath: string,
    private readonly context: ResolveContext,
  ) {
    this.goModDir = path.dirname(manifestPath);
  }

  private main(): GoModFile {
    this.mainFile ??= parseGoMod(this.context.files.readText(this.manifestPath) ?? '');
    return this.mainFile;
  }

  private index(): NonNullable<GoResolver['mainIndex']> {
    if (!this.mainIndex) {
      const replaces = new Map<string, GoReplace[]>();
      for (const r of this.main().replaces) {
        const list = replaces.get(r.oldPath);
        if (list) list.push(r);
        else replaces.set(r.oldPath, [r]);
      }
      this.mainIndex = { selected: new Map(this.main().requires.map((r) => [r.path, r.version])), replaces };
    }
    return this.mainIndex;
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const root = this.follow(declaration.name, declaration.versionSpec);
    const pkg = this.packageOf(root);
    const key = refKey(root);
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = this.transitive(root);
      this.graphs.set(key, graph);
    }
    return { pkg, transitive: graph };
  }

  /** Applies the main module's replace directives. */
  private follow(modulePath: string, version: string | undefined): ModuleRef {
    const replacement = findReplacement(this.index().replaces.get(modulePath) ?? [], modulePath, version);
    if (!replacement) return { kind: 'module', path: modulePath, version };
    if (replacement.target.kind === 'directory') {
      return { kind: 'directory', name: modulePath, dir: path.resolve(this.goModDir, replacement.target.dir) };
    }
    return { kind: 'module', path: replacement.target.path, version: replacement.target.version };
  }

  private packageOf(ref: ModuleRef): ResolvedPackage {
    const key = refKey(ref);
    let pkg = this.packages.get(key);
    if (!pkg) {
      pkg = this.readPackage(ref);
      this.packages.set(key, pkg);
    }
    return pkg;
  }

  private readPackage(ref: ModuleRef): ResolvedPackage {
    if (ref.kind === 'directory') {
      // Code of the workspace itself: its license is whatever the folder (or the enclosing one) ships.
      return { ecosystem: 'golang', name: ref.name, purl: golangPurl(ref.name), license: this.directoryLicense(ref.dir) };
    }
    const license = findGoModuleLicense(this.context.files, this.context, this.goModDir, ref.path, ref.version);
    return { ecosystem: 'golang', name: ref.path, purl: golangPurl(ref.path), version: ref.version, license };
  }

  private directoryLicense(dir: string): LicenseEvidence {
    const searched: string[] = [];
    for (let current = dir, depth = 0; depth < 4; current = path.dirname(current), depth++) {
      searched.push(current);
      const evidence = evidenceFromLicenseFiles(this.context.files, findLicenseFiles(this.context.files, current));
      if (evidence) return evidence;
      if (current === path.dirname(current)) break;
    }
    return { kind: 'none', searched, ...(this.context.files.exists(dir) ? { installedAt: dir } : {}) };
  }

  /** The requirements of a module version, from its go.mod in the module cache or the replacement folder. */
  private requirementsOf(ref: ModuleRef): { path: string; version?: string }[] {
    const key = refKey(ref);
    let list = this.requirements.get(key);
    if (!list) {
      list = this.readRequirements(ref);
      this.requirements.set(key, list);
    }
    return list;
  }

  private readRequirements(ref: ModuleRef): { path: string; version?: string }[] {
    const files = this.context.files;
    let text: string | undefined;
    if (ref.kind === 'directory') {
      text = files.readText(path.join(ref.dir, 'go.mod'));
    } else if (ref.version) {
      const cache = goModCacheDir(this.context);
      text =
        files.readText(path.join(cache, 'cache', 'download', escapeModulePath(ref.path), '@v', `${escapeModuleVersion(ref.version)}.mod`)) ??
        files.readText(path.join(moduleCacheDir(cache, ref.path, ref.version), 'go.mod'));
    }
    return text === undefined ? [] : parseGoMod(text).requires.map((r) => ({ path: r.path, version: r.version }));
  }

  private transitive(root: ModuleRef): TransitivePackage[] {
    const { selected } = this.index();
    const rootName = root.kind === 'module' ? root.path : root.name;
    const seen = new Set<string>([rootName]);
    const out: TransitivePackage[] = [];
    const queue: { ref: ModuleRef; chain: string[] }[] = [{ ref: root, chain: [rootName] }];
    while (queue.length > 0 && out.length < MAX_TRANSITIVE) {
      const { ref, chain } = queue.shift()!;
      for (const requirement of this.requirementsOf(ref)) {
        if (seen.has(requirement.path)) continue;
        seen.add(requirement.path);
        // Minimal version selection: the main go.mod records the version the build uses.
        const version = selected.get(requirement.path) ?? requirement.version;
        const next = this.follow(requirement.path, version);
        const nextChain = [...chain, requirement.path];
        out.push({ chain: nextChain, pkg: this.packageOf(next) });
        queue.push({ ref: next, chain: nextChain });
      }
    }
    return out;
  }
}

function refKey(ref: ModuleRef): string {
  return ref.kind === 'directory' ? `dir\0${ref.name}\0${ref.dir}` : `mod\0${ref.path}\0${ref.version ?? ''}`;
}
