import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';

/** Machine-readable audit output: findings with 1-based positions and workspace-relative paths, plus packages. */
export function toJsonReport(result: AuditResult): object {
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
    packages: result.packages.map((p) => ({ ...p, manifest: rel(p.manifest), ...(p.installedAt ? { installedAt: rel(p.installedAt) } : {}) })),
  };
}
