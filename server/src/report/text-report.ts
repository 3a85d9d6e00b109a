import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';
import type { Severity } from '../findings/finding';

const LABEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'info' };

/** A report for people: one line per finding as `file:line:col level code message`, then counts. */
export function toTextReport(result: AuditResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const file = path.relative(result.root, f.path).split(path.sep).join('/') || path.basename(f.path);
    lines.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${LABEL[f.severity]}  ${f.code}  ${f.message}`);
  }
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
