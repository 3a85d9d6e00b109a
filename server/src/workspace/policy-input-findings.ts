import type { ApprovalsLog } from '../approvals/approvals-log';
import { approvalEntryProblems } from '../approvals/approval-validity';
import type { Finding } from '../findings/finding';
import type { PolicyLoadResult } from '../policy/load-policy';
import type { ApprovalsPolicy } from '../policy/policy-types';
import type { PolicyProblem } from '../policy/read-policy-layer';
import { LineIndex } from '../text/line-index';

/** What a folder's policy inputs are in: the policy chain as loaded, and the approvals log. */
export interface PolicyInputs {
  readonly result: PolicyLoadResult;
  readonly approvalsLog: ApprovalsLog;
  /** Why the approvals log may not be read where it is, if it may not. */
  readonly approvalsOutside: string | undefined;
  /** Whether some earlier load was valid: then that policy stays in force while this one is broken. */
  readonly hadValidPolicy: boolean;
  readonly approvalRules: ApprovalsPolicy;
  /** `YYYY-MM-DD`, for approvals' expiry. */
  readonly today: string;
  readonly readText: (path: string) => string | undefined;
}

/** Problems in the policy chain and the approvals log (including approvals that do not count), as findings in the files where they occur. */
export function policyInputFindings(inputs: PolicyInputs): Finding[] {
  const { result, approvalsLog } = inputs;
  const problems: PolicyProblem[] = result.kind === 'invalid' ? [...result.problems] : result.kind === 'loaded' ? [...(result.warnings ?? [])] : [];
  if (result.kind === 'missing') {
    problems.push({ path: result.path, span: { start: 0, end: 0 }, message: `policy file not found: ${result.path}` });
  }
  for (const p of approvalsLog.problems) problems.push({ path: approvalsLog.path, span: p.span, message: `approvals log: ${p.message}` });
  const source = result.policy.source;
  if (inputs.approvalsOutside && source.kind === 'file') problems.push({ path: source.path, span: { start: 0, end: 0 }, message: inputs.approvalsOutside });
  // One line index per file: an approvals log of thousands of broken entries has thousands of problems.
  const lineIndexes = new Map<string, LineIndex>();
  const linesOf = (filePath: string) => {
    let lines = lineIndexes.get(filePath);
    if (!lines) {
      lines = new LineIndex(inputs.readText(filePath) ?? '');
      lineIndexes.set(filePath, lines);
    }
    return lines;
  };
  const fallbackNote = result.kind !== 'invalid' ? '' : inputs.hadValidPolicy ? ' (the last valid policy stays in force)' : ' (the rest of the policy applies)';
  const findings = problems.map((problem): Finding => {
    const range = linesOf(problem.path).rangeOf(problem.span);
    // Skipped for want of trust, not broken: it loads once the workspace is trusted, so it is no error.
    if (problem.notLoaded !== undefined) {
      // Each such message already says that restricted mode is why.
      return { code: 'policy-not-loaded', severity: 'warning', message: problem.message, path: problem.path, range, subject: { kind: 'file' }, fixes: [] };
    }
    return {
      code: 'policy-invalid',
      severity: problem.severity ?? 'error',
      message: problem.severity === 'warning' ? problem.message : problem.message + fallbackNote,
      path: problem.path,
      range,
      subject: { kind: 'file' },
      fixes: (problem.fixes ?? []).map((fix, i) => ({ kind: 'edit', title: fix.title, preferred: i === 0, fixAll: false, edits: [{ path: problem.path, edits: fix.edits }] })),
    };
  });
  // Approvals in the log that do not count (reviewer rules, expiry), on the value that makes them not count.
  for (const p of approvalEntryProblems(approvalsLog.entries, inputs.approvalRules, inputs.today)) {
    findings.push({ code: p.code, severity: 'warning', message: p.message, path: approvalsLog.path, range: linesOf(approvalsLog.path).rangeOf(p.span), subject: { kind: 'file' }, fixes: [] });
  }
  return findings;
}
