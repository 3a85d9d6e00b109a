import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, EcosystemSupport, LicenseEvidence, ResolveContext, ResolvedDependency, ResolvedPackage } from '../ecosystem';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import { readGemfileLock, type LockedGem } from './gemfile-lock';
import { gemspecLicense } from './gemspec-license';
import { gemPurl, parseGemfile } from './parse-gemfile';
import { walkDependencyGraph } from '../walk-dependency-graph';

/** Versions and the graph from Gemfile.lock; licenses from installed gem specifications. */
class GemResolver implements DependencyResolver {
  private readonly lock: Map<string, LockedGem>;
  private readonly specDirs: string[];
  private readonly memo = new Map<string, ResolvedDependency>();

  constructor(dir: string, private readonly context: ResolveContext) {
    this.lock = readGemfileLock(context.files.readText(path.join(dir, 'Gemfile.lock')));
    const bundle = path.join(dir, 'vendor', 'bundle', 'ruby');
    const rubies = context.files.listDir(bundle) ?? [];
    this.specDirs = [
      ...rubies.map((r) => path.join(bundle, r, 'specifications')),
      ...(context.env.GEM_HOME ? [path.join(context.env.GEM_HOME, 'specifications')] : []),
    ];
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const cached = this.memo.get(declaration.name);
    if (cached) return cached;
    const pkg = this.packageFor(declaration.name);
    const transitive = walkDependencyGraph(declaration.name, {
      key: (name) => name,
      children: (name) => this.lock.get(name)?.dependencies ?? [],
      name: (name) => name,
      toPackage: (name) => this.packageFor(name),
    });
    const result = { pkg, transitive };
    this.memo.set(declaration.name, result);
    return result;
  }

  private packageFor(name: string): ResolvedPackage {
    const version = this.lock.get(name)?.version;
    return { ecosystem: 'gem', name, purl: gemPurl(name), ...(version ? { version } : {}), license: this.licenseOf(name, version) };
  }

  private licenseOf(name: string, version: string | undefined): LicenseEvidence {
    const searched: string[] = [];
    for (const dir of this.specDirs) {
      const candidates = version
        ? [`${name}-${version}.gemspec`]
        : (this.context.files.listDir(dir) ?? []).filter((f) => f.startsWith(`${name}-`) && /^\d/.test(f.slice(name.length + 1)));
      for (const file of candidates) {
        const specPath = path.join(dir, file);
        searched.push(specPath);
        const text = this.context.files.readText(specPath);
        const license = text ? gemspecLicense(text) : undefined;
        if (license) return { kind: 'declared', expression: license, source: { kind: 'installed', path: specPath } };
        // A spec without a license: the gem's own files may still say it.
        const gemDir = path.join(path.dirname(dir), 'gems', file.replace(/\.gemspec$/, ''));
        const fromFiles = evidenceFromLicenseFiles(this.context.files, findLicenseFiles(this.context.files, gemDir));
        if (fromFiles) return fromFiles;
      }
    }
    return { kind: 'none', searched: searched.length ? searched : this.specDirs };
  }
}

export const gemSupport: EcosystemSupport = {
  ecosystem: 'gem',
  isManifest: (fileName) => fileName === 'Gemfile' || fileName === 'gems.rb',
  parse: (text) => parseGemfile(text),
  createResolver: (manifestPath, context) => new GemResolver(path.dirname(manifestPath), context),
  resolutionInputs: ['Gemfile.lock', 'gems.locked', 'vendor/bundle/ruby/*/specifications/*.gemspec'],
};
