import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';
import { RULES } from '../findings/rule-catalog';
import { diagnosticMessage } from '../findings/render/diagnostic-message';

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown report for pull requests and wikis: totals, the dependency table, and the files needing headers. */
export function toMarkdownReport(result: AuditResult): string {
  const rel = (p: string) => path.relative(result.root, p).split(path.sep).join('/');
  const out: string[] = [`# OSPO Guide audit`, '', `Folder: \`${result.root}\`  `, `Policy: ${result.policySource}`, ''];
  const byCode = new Map<string, number>();
  for (const f of result.findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  out.push('## Totals', '');
  if (byCode.size === 0) out.push('No findings.', '');
  else {
    out.push('| Rule | Findings |', '| --- | ---: |');
    for (const [code, n] of [...byCode.entries()].sort()) out.push(`| \`${code}\` (${RULES[code as keyof typeof RULES]?.title ?? code}) | ${n} |`);
    out.push('');
  }
  const byLicense = new Map<string, number>();
  for (const p of result.packages) byLicense.set(p.license ?? 'unknown', (byLicense.get(p.license ?? 'unknown') ?? 0) + 1);
  if (byLicense.size) {
    out.push('## Licenses', '', '| License | Packages |', '| --- | ---: |');
    for (const [license, n] of [...byLicense.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`| ${cell(license)} | ${n} |`);
    out.push('');
  }
  if (result.packages.length) {
    out.push('## Dependencies', '', '| Package | Version | License | Source | Status | Manifest |', '| --- | --- | --- | --- | --- | --- |');
    for (const p of result.packages) {
      const status = p.status === 'problem' ? `**${p.code}**` : p.status;
      const name = p.direct ? p.name : `${p.name} (via ${p.via.slice(0, -1).join(' > ')})`;
      out.push(`| ${cell(name)} | ${cell(p.version)} | ${cell(p.license ?? 'unknown')} | ${cell(p.licenseSource)} | ${status} | ${cell(rel(p.manifest))} |`);
    }
    out.push('');
  }
  const headerFindings = result.findings.filter((f) => f.code.startsWith('header-'));
  if (headerFindings.length) {
    out.push('## Files needing a license header', '');
    for (const f of headerFindings) out.push(`- \`${rel(f.path)}\`:${f.range.start.line + 1} — ${cell(diagnosticMessage(f))}`);
    out.push('');
  }
  const others = result.findings.filter((f) => !f.code.startsWith('header-') && f.subject.kind !== 'dependency');
  if (others.length) {
    out.push('## Other findings', '');
    for (const f of others) out.push(`- \`${f.code}\` \`${rel(f.path)}\`:${f.range.start.line + 1} — ${cell(diagnosticMessage(f))}`);
    out.push('');
  }
  return out.join('\n');
}
