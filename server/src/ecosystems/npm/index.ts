import * as path from 'node:path';
import type {
  DependencyDeclaration,
  DependencyResolver,
  EcosystemSupport,
  LicenseEvidence,
  ResolveContext,
  ResolvedDependency,
  ResolvedPackage,
} from '../ecosystem';
import { traceLoad } from '../../io/load-trace';
import { NpmPackageGraph, readNpmLock, type NpmPackageEntry } from './npm-package-graph';
import { walkDependencyGraph } from '../walk-dependency-graph';
import { parsePackageJson } from './parse-package-json';
import { npmPurl } from './npm-purl';
import { NPM_MANIFESTS } from '../manifest-names';

// Evaluated when the registry first needs this ecosystem (see registry.ts), or by whatever imports it sooner.
traceLoad('npm support');

class NpmResolver implements DependencyResolver {
  private readonly graph: NpmPackageGraph;
  private readonly lockProblem: string | undefined;
  private readonly memo = new Map<string, ResolvedDependency>();

  constructor(
    private readonly projectDir: string,
    private readonly context: ResolveContext,
  ) {
    let lock;
    let problem: string | undefined;
    // npm-shrinkwrap.json wins over package-lock.json when both exist, as npm does.
    for (const file of ['npm-shrinkwrap.json', 'package-lock.json']) {
      const read = readNpmLock(path.join(projectDir, file), context.files.readText(path.join(projectDir, file)));
      if (read.kind === 'lock') {
        lock = read.lock;
        break;
      }
      if (read.kind === 'invalid') problem = read.error;
    }
    this.lockProblem = lock ? undefined : problem;
    this.graph = new NpmPackageGraph(projectDir, context.files, lock);
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const key = `${declaration.name}\0${declaration.purl}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const result = this.compute(declaration);
    this.memo.set(key, result);
    return result;
  }

  private compute(declaration: DependencyDeclaration): ResolvedDependency {
    const entry = this.graph.resolve(declaration.name, '');
    if (!entry) {
      const searched = [path.join(this.projectDir, 'package-lock.json'), path.join(this.projectDir, 'node_modules', declaration.name, 'package.json')];
      const pkg: ResolvedPackage = {
        ecosystem: 'npm',
        name: declaration.name,
        purl: declaration.purl,
        license: { kind: 'none', searched: this.lockProblem ? [...searched, this.lockProblem] : searched },
      };
      return { pkg, transitive: [] };
    }
    const pkg = this.toPackage(entry, declaration.purl);
    const transitive = walkDependencyGraph(entry, {
      key: (e) => e.location,
      children: (e) => e.dependencies.flatMap((name) => this.graph.resolve(name, e.location) ?? []),
      name: (e) => e.name,
      toPackage: (e) => this.toPackage(e),
    });
    return { pkg, transitive };
  }

  private toPackage(entry: NpmPackageEntry, purl = npmPurl(entry.name)): ResolvedPackage {
    const installed = path.join(this.projectDir, entry.location, 'package.json');
    const license: LicenseEvidence =
      entry.licenseText ??
      (entry.license
        ? { kind: 'declared', expression: entry.license.statement, source: entry.license.source }
        : {
            kind: 'none',
            searched: [path.join(this.projectDir, 'package-lock.json'), installed],
            // A lock entry alone does not make a package installed: only its package.json in node_modules does.
            ...(entry.location && this.context.files.exists(installed) ? { installedAt: installed } : {}),
          });
    const folder = entry.location && this.context.files.exists(installed) ? path.dirname(installed) : undefined;
    return { ecosystem: 'npm', name: entry.name, purl, ...(entry.version ? { version: entry.version } : {}), license, ...(folder ? { installedAt: folder } : {}) };
  }
}

export const npmSupport: EcosystemSupport = {
  ...NPM_MANIFESTS,
  parse: (text) => parsePackageJson(text),
  createResolver: (manifestPath, context) => new NpmResolver(path.dirname(manifestPath), context),
};
