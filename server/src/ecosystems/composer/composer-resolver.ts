import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, LicenseEvidence, ResolveContext, ResolvedDependency, ResolvedPackage } from '../ecosystem';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import { walkDependencyGraph } from '../walk-dependency-graph';
import { composerLicenseExpression } from './composer-license';
import { readComposerLock, type ComposerLock, type ComposerLockedPackage } from './composer-lock';
import { composerPurl } from './parse-composer-json';

/**
 * Resolves composer.json requirements: the version and the graph from composer.lock; the license from the
 * lock's `license`, else the installed `vendor/<vendor>/<name>/composer.json`, else license files there.
 */
export class ComposerResolver implements DependencyResolver {
  private readonly dir: string;
  private readonly lockPath: string;
  private readonly memo = new Map<string, ResolvedDependency>();
  private loaded?: { lock: ComposerLock; providers: Map<string, string> };

  constructor(
    manifestPath: string,
    private readonly context: ResolveContext,
  ) {
    this.dir = path.dirname(manifestPath);
    this.lockPath = path.join(this.dir, 'composer.lock');
  }

  private load(): NonNullable<ComposerResolver['loaded']> {
    if (!this.loaded) {
      const lock = readComposerLock(this.context.files.readText(this.lockPath));
      // `symfony/polyfill-php80` may be replaced by `symfony/symfony`: requiring it leads to the replacement.
      const providers = new Map<string, string>();
      for (const [key, p] of lock.packages) for (const name of p.standsFor) if (!lock.packages.has(name.toLowerCase())) providers.set(name.toLowerCase(), key);
      this.loaded = { lock, providers };
    }
    return this.loaded;
  }

  resolve(declaration: DependencyDeclaration): ResolvedDependency {
    const key = declaration.name.toLowerCase();
    const cached = this.memo.get(key);
    if (cached) return cached;
    const { lock } = this.load();
    const start = this.locked(key) ?? key;
    const result = {
      pkg: this.packageFor(start, declaration.name),
      transitive: walkDependencyGraph(start, {
        key: (name) => name,
        children: (name) => this.childrenOf(name),
        name: (name) => lock.packages.get(name)?.name ?? name,
        toPackage: (name) => this.packageFor(name, name),
      }),
    };
    this.memo.set(key, result);
    return result;
  }

  /** The lock key for a required name, through `replace`/`provide`; undefined when nothing in the lock has it. */
  private locked(name: string): string | undefined {
    const { lock, providers } = this.load();
    const key = name.toLowerCase();
    return lock.packages.has(key) ? key : providers.get(key);
  }

  /**
   * What a locked package requires, as lock keys. A requirement that nothing in the lock satisfies is left out:
   * Composer installed nothing for it (a virtual package, or one the platform provides).
   */
  private childrenOf(key: string): string[] {
    const entry: ComposerLockedPackage | undefined = this.load().lock.packages.get(key);
    return (entry?.requires ?? []).flatMap((r) => this.locked(r) ?? []);
  }

  private packageFor(key: string, declaredName: string): ResolvedPackage {
    const locked = this.load().lock.packages.get(key);
    const name = locked?.name ?? declaredName;
    return { ecosystem: 'composer', name, purl: composerPurl(name), ...(locked?.version ? { version: locked.version } : {}), license: this.licenseOf(name, locked) };
  }

  private licenseOf(name: string, locked: ComposerLockedPackage | undefined): LicenseEvidence {
    if (locked?.license) return { kind: 'declared', expression: locked.license, source: { kind: 'lockfile', path: this.lockPath } };
    const parts = name.toLowerCase().split('/');
    // A name from a document must not lead out of vendor/.
    if (parts.length !== 2 || parts.some((p) => p === '' || p === '.' || p === '..')) return { kind: 'none', searched: [this.lockPath] };
    const installedDir = path.join(this.dir, 'vendor', ...parts);
    const installedManifest = path.join(installedDir, 'composer.json');
    const text = this.context.files.readText(installedManifest);
    if (text !== undefined) {
      let expression: string | undefined;
      try {
        expression = composerLicenseExpression((JSON.parse(text) as { license?: unknown } | null)?.license);
      } catch {
        expression = undefined;
      }
      if (expression) return { kind: 'declared', expression, source: { kind: 'installed', path: installedManifest } };
    }
    return (
      evidenceFromLicenseFiles(this.context.files, findLicenseFiles(this.context.files, installedDir)) ?? {
        kind: 'none',
        searched: [this.lockPath, installedManifest, installedDir],
        ...(text !== undefined ? { installedAt: installedManifest } : {}),
      }
    );
  }
}
