import type { ResolvedPackage } from '../ecosystems/ecosystem';
import type { Severity } from '../findings/finding';
import type { UnknownLicenseReason } from '../findings/unknown-license';
import type { DependencyScope } from './dependency-scope';
import { packageRef } from './package-ref';

/** One package's row in an audit report. */
export interface PackageRow {
  readonly manifest: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly purl: string;
  readonly version?: string;
  readonly direct: boolean;
  /** For transitive packages: the chain from the direct dependency. */
  readonly via: readonly string[];
  /** `runtime` when any declaration that brings the package in ships with the product; `dev` otherwise. */
  readonly scope: DependencyScope;
  /** The package's versioned purl (`pkg:npm/a@1.2.0`), or its purl when no version is known: its identity in the graph. */
  readonly ref: string;
  /** The `ref`s of the packages in this manifest that depend on it; empty for a package only the manifest declares. */
  readonly dependents: readonly string[];
  /** The folder holding the package's files, when it is installed where the engine looked. */
  readonly installedAt?: string;
  readonly license?: string;
  readonly licenseSource: string;
  readonly status: 'allowed' | 'approved' | 'problem';
  readonly code?: string;
  /** For problems: the finding's severity, so a report can sort errors first. */
  readonly severity?: Severity;
  /** 1-based line of the declaration in the manifest (for transitive packages, the direct dependency's). */
  readonly line: number;
  readonly why: string;
  /** For `license-unknown`: why no license could be established. */
  readonly unknownLicense?: UnknownLicenseReason;
}

/**
 * The report's rows of one manifest: each package once (a direct declaration always gets its own row), with
 * the union of the scopes that bring it in and of the packages that depend on it.
 */
export class PackageRows {
  private readonly rows: PackageRow[] = [];
  private readonly byRef = new Map<string, { index: number; dependents: Set<string>; runtime: boolean }>();

  add(make: () => PackageRow, pkg: ResolvedPackage, direct: boolean, scope: DependencyScope, dependents: readonly string[]): void {
    const ref = packageRef(pkg);
    let entry = this.byRef.get(ref);
    if (!entry || direct) {
      entry = { index: this.rows.length, dependents: entry?.dependents ?? new Set(), runtime: entry?.runtime ?? false };
      this.rows.push(make());
      this.byRef.set(ref, entry);
    }
    for (const dependent of dependents) if (dependent !== ref) entry.dependents.add(dependent);
    if (scope === 'runtime') entry.runtime = true;
  }

  list(): PackageRow[] {
    const result = [...this.rows];
    for (const { index, dependents, runtime } of this.byRef.values()) {
      result[index] = { ...result[index], scope: runtime ? 'runtime' : 'dev', dependents: [...dependents].sort() };
    }
    return result;
  }
}
