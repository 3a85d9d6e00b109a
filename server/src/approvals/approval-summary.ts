import type { ApprovalEntry } from './approvals-log';
import { judgeApproval, type ReviewerRules } from './approval-validity';

/** Where an approvals-log entry stands today, for reports and the organisation inventory. */
export type ApprovalStanding = 'pending' | 'approved' | 'expired' | 'not-counting' | 'rejected';

export interface ApprovalSummary {
  readonly package: string;
  readonly version?: string;
  readonly license?: string;
  readonly standing: ApprovalStanding;
  readonly requestedBy?: string;
  readonly requestedAt?: string;
  readonly reviewedBy?: string;
  readonly reviewedAt?: string;
  readonly expires?: string;
}

export function summarizeApprovals(entries: readonly ApprovalEntry[], rules: ReviewerRules, today: string): ApprovalSummary[] {
  return entries.map((entry) => {
    let standing: ApprovalStanding;
    if (entry.status === 'requested') standing = 'pending';
    else if (entry.status === 'rejected') standing = 'rejected';
    else {
      const validity = judgeApproval(entry, rules, today);
      standing = validity.kind === 'valid' ? 'approved' : validity.kind === 'expired' ? 'expired' : 'not-counting';
    }
    const { package: pkg, version, license, requestedBy, requestedAt, reviewedBy, reviewedAt, expires } = entry;
    return withoutUndefined<ApprovalSummary>({ package: pkg, version, license, standing, requestedBy, requestedAt, reviewedBy, reviewedAt, expires });
  });
}

/** Keeps JSON output free of `"key": undefined` noise (dropped by JSON anyway, but not by deep equality). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
