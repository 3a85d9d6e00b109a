import * as path from 'node:path';
import type { ApprovalSummary } from '../approvals/approval-summary';
import type { RepositoryIdentity } from '../audit/repository-identity';
import type { AuditResult } from '../audit/run-audit';
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
export function toJsonReport(result: AuditResult, context: JsonReportContext = {}): object {
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
    packages: result.packages.map((p) => ({ ...p, manifest: rel(p.manifest) })),
    ...(context.approvals ? { approvals: context.approvals } : {}),
  };
}
