import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';
import { readBaseline, splitByBaseline } from '../report/baseline';
import { findingFingerprint } from '../report/finding-fingerprint';
import { diagnosticMessage } from '../findings/render/diagnostic-message';

/**
 * `--baseline FILE`: the audit result with only the findings FILE (an earlier JSON or SARIF output) does not
 * have, and a line saying how many were left out; or an error message.
 */
export function applyBaselineFile(result: AuditResult, file: string, cwd: string): { result: AuditResult; summary: string } | { error: string } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    return { error: `cannot read the baseline ${file}: ${(error as Error).message}` };
  }
  const baseline = readBaseline(text);
  if (!baseline.ok) return { error: `the baseline ${file} is not an audit report: ${baseline.error}` };
  const split = splitByBaseline(result.findings, (f) => ({ fingerprint: findingFingerprint(f, result.root), message: diagnosticMessage(f) }), baseline.entries);
  const summary = `baseline ${file}: ${split.fresh.length} new finding(s), ${split.known} already in the baseline (not shown), ${split.gone} fixed since\n`;
  return { result: { ...result, findings: split.fresh }, summary };
}
