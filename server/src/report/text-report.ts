import type { AuditResult } from '../audit/run-audit';
import { cliLine } from '../findings/render/cli-line';
import { renderContextFor } from '../findings/render/render-context';

/** A report for people: one line per finding as `file:line:col level code message`, then counts. */
export function toTextReport(result: AuditResult): string {
  const lines: string[] = [];
  const ctx = renderContextFor(result.root);
  for (const f of result.findings) lines.push(cliLine(f, ctx));
  if (lines.length) lines.push('');
  const bySeverity = { error: 0, warning: 0, information: 0 };
  const byCode = new Map<string, number>();
  for (const f of result.findings) {
    bySeverity[f.severity]++;
    byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  }
  const problems = result.packages.filter((p) => p.status === 'problem').length;
  lines.push(`Policy: ${result.policySource}`);
  lines.push(
    `Checked ${result.stats.manifestsChecked} manifest(s) with ${result.packages.length} package(s) (${problems} with problems) and ${result.stats.headerFilesChecked} source file(s) in ${(result.stats.durationMs / 1000).toFixed(2)} s.`,
  );
  lines.push(
    result.findings.length === 0
      ? 'No findings.'
      : `${result.findings.length} finding(s): ${bySeverity.error} error(s), ${bySeverity.warning} warning(s), ${bySeverity.information} info — ${[...byCode.entries()].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`,
  );
  return lines.join('\n') + '\n';
}
