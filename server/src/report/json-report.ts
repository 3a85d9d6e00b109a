import type { AuditResult } from '../audit/run-audit';
import { decidingEntries } from '../findings/dependency-facts';
import { isDependencyFinding, type DependencyFinding } from '../findings/finding';
import { renderContextFor, type RenderContext } from '../findings/render/render-context';
import { findingReportWords } from '../findings/render/report-row';

/** Machine-readable audit output: findings with 1-based positions and workspace-relative paths, plus packages. */
export function toJsonReport(result: AuditResult): object {
  const ctx = renderContextFor(result.root);
  return {
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
      };
    }),
    packages: result.packages.map((p) => ({ ...p, manifest: ctx.displayPath(p.manifest) })),
  };
}

/** The entries that decided, with 1-based lines, for tools that link to the policy. */
function policyEntries(finding: DependencyFinding, ctx: RenderContext): object[] {
  return decidingEntries(finding.facts.ruling).map((e) => {
    const range = e.at ? ctx.rangeOf(e.at) : undefined;
    return { key: e.key, text: e.text, ...(e.at ? { file: ctx.displayPath(e.at.path) } : {}), ...(range ? { line: range.start.line + 1 } : {}) };
  });
}
