import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, EcosystemSupport, LicenseEvidence, ResolveContext, ResolvedDependency, ResolvedPackage } from '../ecosystem';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import { licenseOf, readComposerLock, type ComposerLockedPackage } from './composer-lock';
import { composerPurl, parseComposerJson } from './parse-composer-json';
import { walkDependencyGraph } from '../walk-dependency-graph';

/** Licenses from composer.lock first, then the installed `vendor/<vendor>/<name>/composer.json`, then its license files. */
class ComposerResolver implements DependencyResolver {
  private readonly lock: Map<string, ComposerLockedPackage>;
  private readonly memo = new Map<string, ResolvedDependency>();

  constructor(private readonly dir: string, private readonly context: ResolveContext) {
    const lockPath = path.join(dir, 'composer.lock');
    this.lock = readComposerLock(lockPath, context.files.readText(lockPath));
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const cached = this.memo.get(declaration.name);
    if (cached) return cached;
    const pkg = this.packageFor(declaration.name);
    const transitive = walkDependencyGraph(declaration.name, {
      key: (name) => name.toLowerCase(),
      children: (name) => this.lock.get(name.toLowerCase())?.requires ?? [],
      name: (name) => this.lock.get(name.toLowerCase())?.name ?? name,
      toPackage: (name) => this.packageFor(name),
    });
    const result = { pkg, transitive };
    this.memo.set(declaration.name, result);
    return result;
  }

  private packageFor(name: string): ResolvedPackage {
    const locked = this.lock.get(name.toLowerCase());
    const installedDir = path.join(this.dir, 'vendor', ...name.toLowerCase().split('/'));
    let license: LicenseEvidence | undefined = locked?.license ? { kind: 'declared', expression: locked.license, source: locked.source } : undefined;
    if (!license) {
      const manifestPath = path.join(installedDir, 'composer.json');
      const text = this.context.files.readText(manifestPath);
      let installed: string | undefined;
      try {
        installed = text ? licenseOf((JSON.parse(text) as { license?: unknown }).license) : undefined;
      } catch {
        installed = undefined;
      }
      license = installed
        ? { kind: 'declared', expression: installed, source: { kind: 'installed', path: manifestPath } }
        : evidenceFromLicenseFiles(this.context.files, findLicenseFiles(this.context.files, installedDir)) ?? {
            kind: 'none',
            searched: [path.join(this.dir, 'composer.lock'), manifestPath],
          };
    }
    return { ecosystem: 'composer', name: locked?.name ?? name, purl: composerPurl(name), ...(locked?.version ? { version: locked.version } : {}), license };
  }
}

export const composerSupport: EcosystemSupport = {
  ecosystem: 'composer',
  isManifest: (fileName) => fileName === 'composer.json',
  parse: (text) => parseComposerJson(text),
  createResolver: (manifestPath, context) => new ComposerResolver(path.dirname(manifestPath), context),
  resolutionInputs: ['composer.lock', 'vendor/*/*/composer.json'],
};
