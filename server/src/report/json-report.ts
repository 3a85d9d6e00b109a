import type { ApprovalSummary } from '../approvals/approval-summary';
import type { RepositoryIdentity } from '../audit/repository-identity';
import type { AuditResult } from '../audit/run-audit';
import type { PackageRow } from '../dependencies/check-manifest';
import { decidingEntries } from '../findings/dependency-facts';
import { isDependencyFinding, type DependencyFinding, type DependencySubject, type Severity } from '../findings/finding';
import { renderContextFor, type RenderContext } from '../findings/render/render-context';
import { findingReportWords } from '../findings/render/report-row';
import type { UnknownLicenseReason } from '../findings/unknown-license';
import { findingFingerprint } from './finding-fingerprint';

/** A policy entry that decided a finding, with a 1-based line, for tools that link to the policy. */
export interface JsonPolicyEntry {
  readonly key: string;
  readonly text: string;
  readonly file?: string;
  readonly line?: number;
}

/** One finding of the machine-readable report: 1-based position, workspace-relative path. */
export interface JsonReportFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** For a dependency: the policy trail behind the decision. */
  readonly why?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly dependency?: DependencySubject;
  readonly unknownLicense?: UnknownLicenseReason;
  readonly policyEntries?: readonly JsonPolicyEntry[];
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
  const ctx = renderContextFor(result.root);
  return {
    ...(context.toolVersion ? { tool: { name: 'ospo-guide', version: context.toolVersion } } : {}),
    ...(context.repository ? { repository: context.repository } : {}),
    ...(context.date ? { date: context.date } : {}),
    policy: result.policySource,
    stats: { ...result.stats, skipped: result.stats.skipped.length },
    findings: result.findings.map((f) => {
      const dependency = isDependencyFinding(f) ? f : undefined;
      return {
        code: f.code,
        severity: f.severity,
        ...findingReportWords(f, ctx),
        file: ctx.displayPath(f.path),
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        ...(dependency ? { dependency: dependency.subject } : {}),
        ...(dependency?.facts.rule === 'license-unknown' ? { unknownLicense: dependency.facts.reason } : {}),
        ...(dependency ? { policyEntries: policyEntries(dependency, ctx) } : {}),
        fingerprint: findingFingerprint(f, result.root),
      };
    }),
    packages: result.packages.map((p) => ({ ...p, manifest: ctx.displayPath(p.manifest), ...(p.installedAt ? { installedAt: ctx.displayPath(p.installedAt) } : {}) })),
    ...(context.approvals ? { approvals: context.approvals } : {}),
  };
}

/** The entries that decided, with 1-based lines, for tools that link to the policy. */
function policyEntries(finding: DependencyFinding, ctx: RenderContext): JsonPolicyEntry[] {
  return decidingEntries(finding.facts.ruling).map((e) => {
    const range = e.at ? ctx.rangeOf(e.at) : undefined;
    return { key: e.key, text: e.text, ...(e.at ? { file: ctx.displayPath(e.at.path) } : {}), ...(range ? { line: range.start.line + 1 } : {}) };
  });
}
