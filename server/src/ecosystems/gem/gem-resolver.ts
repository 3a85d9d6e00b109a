import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, LicenseEvidence, ResolveContext, ResolvedDependency, ResolvedPackage } from '../ecosystem';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import { walkDependencyGraph } from '../walk-dependency-graph';
import { readGemfileLock, type LockedGem } from './gemfile-lock';
import { gemspecLicense } from './gemspec-license';
import { gemPurl } from './parse-gemfile';

/** The lock file Bundler writes next to a Gemfile (`Gemfile.lock`) or a `gems.rb` (`gems.locked`). */
export function lockFileFor(manifestPath: string): string {
  return path.basename(manifestPath) === 'gems.rb' ? path.join(path.dirname(manifestPath), 'gems.locked') : `${manifestPath}.lock`;
}

/** Orders `1.10.0` after `1.9.1`: numeric parts as numbers, pre-release parts (letters) before releases. */
function compareGemVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (nx !== ny) return nx ? 1 : -1;
    if (!nx && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Resolves Gemfile declarations: versions and the graph from the lock file; licenses from installed gem
 * specifications (`vendor/bundle/ruby/*\/specifications` in the project, then `$GEM_HOME` and `$GEM_PATH`),
 * else from license files in the installed gem.
 */
export class GemResolver implements DependencyResolver {
  private readonly dir: string;
  private readonly lockPath: string;
  private readonly memo = new Map<string, ResolvedDependency>();
  private loaded?: { lock: Map<string, LockedGem>; specDirs: string[] };

  constructor(
    manifestPath: string,
    private readonly context: ResolveContext,
  ) {
    this.dir = path.dirname(manifestPath);
    this.lockPath = lockFileFor(manifestPath);
  }

  private load(): NonNullable<GemResolver['loaded']> {
    if (!this.loaded) {
      const files = this.context.files;
      const bundle = path.join(this.dir, 'vendor', 'bundle', 'ruby');
      const rubies = [...(files.listDir(bundle) ?? [])].sort().reverse();
      const gemPath = (this.context.env.GEM_PATH ?? '').split(path.delimiter).filter(Boolean);
      const homes = [...new Set([this.context.env.GEM_HOME, ...gemPath].filter((d): d is string => !!d?.trim()))];
      this.loaded = {
        lock: readGemfileLock(files.readText(this.lockPath)),
        specDirs: [...rubies.map((r) => path.join(bundle, r, 'specifications')), ...homes.map((h) => path.join(h, 'specifications'))],
      };
    }
    return this.loaded;
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const cached = this.memo.get(declaration.name);
    if (cached) return cached;
    const { lock } = this.load();
    const result = {
      pkg: this.packageFor(declaration.name),
      transitive: walkDependencyGraph(declaration.name, {
        key: (name) => name,
        children: (name) => lock.get(name)?.dependencies ?? [],
        name: (name) => name,
        toPackage: (name) => this.packageFor(name),
      }),
    };
    this.memo.set(declaration.name, result);
    return result;
  }

  private packageFor(name: string): ResolvedPackage {
    const locked = this.load().lock.get(name);
    return { ecosystem: 'gem', name, purl: gemPurl(name), ...(locked ? { version: locked.version } : {}), license: this.licenseOf(name, locked) };
  }

  /** Specification files for the gem: the locked version (with or without platform), else the newest installed. */
  private specFiles(dir: string, name: string, locked: LockedGem | undefined): string[] {
    if (locked) return [...new Set([locked.lockedVersion, locked.version])].map((v) => `${name}-${v}.gemspec`);
    const prefix = `${name}-`;
    const installed = (this.context.files.listDir(dir) ?? []).filter((f) => f.startsWith(prefix) && f.endsWith('.gemspec') && /^\d/.test(f.slice(prefix.length)));
    return installed.sort((a, b) => compareGemVersions(b.slice(prefix.length, -8), a.slice(prefix.length, -8)));
  }

  private licenseOf(name: string, locked: LockedGem | undefined): LicenseEvidence {
    const files = this.context.files;
    const searched: string[] = [];
    let installedAt: string | undefined;
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) return { kind: 'none', searched: [this.lockPath] };
    for (const dir of this.load().specDirs) {
      for (const file of this.specFiles(dir, name, locked)) {
        const specPath = path.join(dir, file);
        const text = files.readText(specPath);
        if (text === undefined) {
          searched.push(specPath);
          continue;
        }
        const expression = gemspecLicense(text);
        if (expression) return { kind: 'declared', expression, source: { kind: 'installed', path: specPath } };
        // A specification without a license: the gem's own files may still say which it is.
        const gemDir = path.join(path.dirname(dir), 'gems', file.replace(/\.gemspec$/, ''));
        const fromFiles = evidenceFromLicenseFiles(files, findLicenseFiles(files, gemDir));
        if (fromFiles) return fromFiles;
        searched.push(specPath, gemDir);
        installedAt ??= specPath;
      }
    }
    return { kind: 'none', searched: searched.length ? searched : this.load().specDirs, ...(installedAt ? { installedAt } : {}) };
  }
}
