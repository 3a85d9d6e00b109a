import * as path from 'node:path';
import type { ApprovalSummary } from '../approvals/approval-summary';
import type { RepositoryIdentity } from '../audit/repository-identity';
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
  /** Rule, file and package, never the line: what `--baseline` matches on. */
  readonly fingerprint: string;
}

/** The machine-readable audit output (`ospo-guide audit --format json`, the editor's report). */
export interface JsonReport {
  readonly tool?: { readonly name: string; readonly version: string };
  readonly repository?: RepositoryIdentity;
  readonly date?: string;
  readonly approvals?: readonly ApprovalSummary[];
  readonly policy: string;
  readonly stats: Omit<AuditResult['stats'], 'skipped'> & { readonly skipped: number };
  readonly findings: readonly JsonReportFinding[];
  readonly packages: readonly PackageRow[];
}

import { findingFingerprint } from './finding-fingerprint';

/** What the CLI knows besides the audit result: which repository it is, and the approvals log's standing. */
export interface JsonReportContext {
  readonly repository?: RepositoryIdentity;
  readonly approvals?: readonly ApprovalSummary[];
  /** `YYYY-MM-DD`, the day approvals were judged on. */
  readonly date?: string;
  readonly toolVersion?: string;
}

/**
 * Machine-readable audit output: findings with 1-based positions, workspace-relative paths and a fingerprint
 * (for `--baseline`), plus packages, the approvals log and the repository's identity (for `inventory`).
 */
export function toJsonReport(result: AuditResult, context: JsonReportContext = {}): JsonReport {
  const rel = (p: string) => path.relative(result.root, p).split(path.sep).join('/');
  return {
    ...(context.toolVersion ? { tool: { name: 'ospo-guide', version: context.toolVersion } } : {}),
    ...(context.repository ? { repository: context.repository } : {}),
    ...(context.date ? { date: context.date } : {}),
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
      fingerprint: findingFingerprint(f, result.root),
    })),
    packages: result.packages.map((p) => ({ ...p, manifest: rel(p.manifest), ...(p.installedAt ? { installedAt: rel(p.installedAt) } : {}) })),
    ...(context.approvals ? { approvals: context.approvals } : {}),
  };
}
