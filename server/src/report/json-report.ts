import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';
import type { PackageRow } from '../dependencies/check-manifest';
import type { DependencySubject, Finding, Severity } from '../findings/finding';

/** One finding of the machine-readable report: 1-based position, workspace-relative path. */
export interface JsonReportFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly dependency?: DependencySubject;
  readonly unknownLicense?: Finding['unknownLicense'];
}

/** The machine-readable audit output (`ospo-guide audit --format json`, the editor's report). */
export interface JsonReport {
  readonly policy: string;
  readonly stats: Omit<AuditResult['stats'], 'skipped'> & { readonly skipped: number };
  readonly findings: readonly JsonReportFinding[];
  readonly packages: readonly PackageRow[];
}

/** Machine-readable audit output: findings with 1-based positions and workspace-relative paths, plus packages. */
export function toJsonReport(result: AuditResult): JsonReport {
  const rel = (p: string) => path.relative(result.root, p).split(path.sep).join('/');
  return {
    policy: result.policySource,
    stats: { ...result.stats, skipped: result.stats.skipped.length },
    findings: result.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      file: rel(f.path),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      ...(f.subject.kind === 'dependency' ? { dependency: f.subject } : {}),
      ...(f.unknownLicense ? { unknownLicense: f.unknownLicense } : {}),
    })),
    packages: result.packages.map((p) => ({ ...p, manifest: rel(p.manifest) })),
  };
}
