import type { ApprovalsPolicy } from '../policy/policy-types';
import type { OffsetSpan } from '../text/line-index';
import type { ApprovalEntry } from './approvals-log';

/** The policy's say on who may approve. */
export type ReviewerRules = Pick<ApprovalsPolicy, 'reviewers' | 'allowSelfApproval'>;

interface Identity {
  readonly name?: string;
  readonly email?: string;
}

/** `Name <email>` (as git writes it), a bare email, or a name. */
function parseIdentity(text: string): Identity {
  const trimmed = text.trim();
  const angled = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(trimmed);
  if (angled) return { ...(angled[1] ? { name: normaliseName(angled[1]) } : {}), email: angled[2].toLowerCase() };
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(trimmed)) return { email: trimmed.toLowerCase() };
  return trimmed ? { name: normaliseName(trimmed) } : {};
}

function normaliseName(name: string): string {
  return name.trim().replace(/^"|"$/g, '').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Whether two identities may be the same person. Deliberately loose (same email or same name), because it
 * decides whether an approval is a self-approval, and a false "same" only asks for another reviewer.
 */
export function maybeSamePerson(a: string, b: string): boolean {
  const x = parseIdentity(a);
  const y = parseIdentity(b);
  return (x.email !== undefined && x.email === y.email) || (x.name !== undefined && x.name === y.name);
}

/**
 * Whether `who` is one of the listed reviewers. Strict, because it grants the right to approve: a listed email
 * must match the reviewer's email; a listed name (without email) matches the name.
 */
export function isListedReviewer(who: string, reviewers: readonly string[]): boolean {
  const person = parseIdentity(who);
  return reviewers.some((listed) => {
    const reviewer = parseIdentity(listed);
    if (reviewer.email !== undefined) return reviewer.email === person.email;
    return reviewer.name !== undefined && reviewer.name === person.name;
  });
}

/** Why an approval does not count, or that it does. */
export type ApprovalValidity =
  | { readonly kind: 'valid' }
  | { readonly kind: 'expired'; readonly on: string }
  | { readonly kind: 'no-reviewer' }
  | { readonly kind: 'self-approved'; readonly reviewer: string }
  | { readonly kind: 'not-a-reviewer'; readonly reviewer: string };

/** Judges an `approved` entry against the reviewer rules and the date. */
export function judgeApproval(entry: Pick<ApprovalEntry, 'reviewedBy' | 'requestedBy' | 'expires'>, rules: ReviewerRules, today: string): ApprovalValidity {
  const reviewer = entry.reviewedBy?.trim();
  if (!reviewer) return { kind: 'no-reviewer' };
  if (!rules.allowSelfApproval && entry.requestedBy && maybeSamePerson(reviewer, entry.requestedBy)) return { kind: 'self-approved', reviewer };
  if (rules.reviewers.length > 0 && !isListedReviewer(reviewer, rules.reviewers)) return { kind: 'not-a-reviewer', reviewer };
  if (entry.expires !== undefined && entry.expires < today) return { kind: 'expired', on: entry.expires };
  return { kind: 'valid' };
}

/** Whether `reviewer` may approve `entry` under the rules (the date aside). */
export function mayApprove(entry: Pick<ApprovalEntry, 'requestedBy'>, reviewer: string, rules: ReviewerRules): { ok: true } | { ok: false; reason: string } {
  const validity = judgeApproval({ ...(entry.requestedBy !== undefined ? { requestedBy: entry.requestedBy } : {}), reviewedBy: reviewer }, rules, '');
  return validity.kind === 'valid' ? { ok: true } : { ok: false, reason: describeInvalidApproval(validity) };
}

/** Why an approval does not count, in a few words, for messages. */
export function describeInvalidApproval(validity: Exclude<ApprovalValidity, { kind: 'valid' }>): string {
  switch (validity.kind) {
    case 'expired':
      return `it expired on ${validity.on}`;
    case 'no-reviewer':
      return 'it names no reviewer (reviewedBy)';
    case 'self-approved':
      return `${validity.reviewer} also requested it (approvals.allowSelfApproval is off)`;
    case 'not-a-reviewer':
      return `${validity.reviewer} is not in approvals.reviewers`;
  }
}

/** An `approved` entry of the log that does not count, at the value that makes it so. */
export interface ApprovalEntryProblem {
  readonly code: 'approval-invalid' | 'approval-expired';
  readonly entry: ApprovalEntry;
  readonly span: OffsetSpan;
  readonly message: string;
}

/**
 * Checks every approval in the log, whether or not a manifest uses its package, so that CI reports what the
 * editor shows on the log.
 */
export function approvalEntryProblems(entries: readonly ApprovalEntry[], rules: ReviewerRules, today: string): ApprovalEntryProblem[] {
  const problems: ApprovalEntryProblem[] = [];
  for (const entry of entries) {
    if (entry.status !== 'approved') continue;
    const validity = judgeApproval(entry, rules, today);
    if (validity.kind === 'valid') continue;
    const what = `approval of ${entry.package}${entry.version ? `@${entry.version}` : ''}`;
    if (validity.kind === 'expired') {
      problems.push({ code: 'approval-expired', entry, span: entry.valueSpans.expires ?? entry.span, message: `${what} expired on ${validity.on}; renew it or remove the entry` });
    } else {
      problems.push({
        code: 'approval-invalid',
        entry,
        span: entry.valueSpans.reviewedBy ?? entry.span,
        message: `${what} does not count: ${describeInvalidApproval(validity)}`,
      });
    }
  }
  return problems;
}
