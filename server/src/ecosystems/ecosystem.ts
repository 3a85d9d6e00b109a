import type { ManifestProblem } from '../formats/manifest-problem';
import type { FileSource } from '../io/file-source';
import type { Ecosystem, ResolvedPackage } from '../licenses/resolved-package';
import type { OffsetSpan } from '../text/line-index';

export type { Ecosystem, ResolvedPackage } from '../licenses/resolved-package';

/** A dependency as written in a manifest. */
export interface DependencyDeclaration {
  readonly ecosystem: Ecosystem;
  /** The name as the ecosystem spells it (`@scope/pkg`, `group:artifact`, `github.com/x/y`). */
  readonly name: string;
  /** Package URL without version (`pkg:npm/%40scope/pkg`, `pkg:maven/org.acme/lib`). */
  readonly purl: string;
  /** The version or range as written, if any. */
  readonly versionSpec?: string;
  /** Where it is declared: `dependencies`, `devDependencies`, `tool.poetry.group.dev`, … */
  readonly group: string;
  /** The span of the name in the manifest text: the diagnostic's place. */
  readonly nameSpan: OffsetSpan;
}

export type { ManifestProblem } from '../formats/manifest-problem';

export interface ParsedManifest {
  readonly declarations: readonly DependencyDeclaration[];
  /** Syntax errors and the like; parsing goes on past them so a half-typed file still yields declarations. */
  readonly problems: readonly ManifestProblem[];
}

export type { LicenseEvidence, LicenseSource } from '../findings/license-evidence';

export interface TransitivePackage {
  /** Names from the direct dependency (first) down to this package (last). */
  readonly chain: readonly string[];
  readonly pkg: ResolvedPackage;
  /**
   * The chains of every package of this tree that depends on it (the first being `chain` without its last
   * name), for a dependency graph with every edge; absent when the resolver knows only the shortest chain.
   */
  readonly dependents?: ReadonlyArray<readonly string[]>;
}

export interface ResolvedDependency {
  readonly pkg: ResolvedPackage;
  /** Every package the dependency brings in, each once, by its shortest chain. */
  readonly transitive: readonly TransitivePackage[];
}

/** Resolves the declarations of one manifest; created per manifest path, cheap to call per keystroke. */
export interface DependencyResolver {
  resolve(declaration: DependencyDeclaration): ResolvedDependency;
}

export interface ResolveContext {
  readonly files: FileSource;
  /** Process environment to consult for caches (`CARGO_HOME`, `GOMODCACHE`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
}

/** One ecosystem's support: which files are its manifests, how to read them and how to find licenses. */
export interface EcosystemSupport {
  readonly ecosystem: Ecosystem;
  /**
   * True for a manifest this ecosystem reads, by base name (`package.json`, `requirements-dev.txt`); the full
   * path is given too for the few that depend on the folder (`requirements/*.txt`).
   */
  isManifest(fileName: string, filePath?: string): boolean;
  parse(text: string, path: string): ParsedManifest;
  createResolver(manifestPath: string, context: ResolveContext): DependencyResolver;
  /**
   * Globs (relative to a manifest's folder) of files whose change alters resolution results, so the server
   * can watch them and re-check: lock files, installed metadata.
   */
  readonly resolutionInputs: readonly string[];
}
