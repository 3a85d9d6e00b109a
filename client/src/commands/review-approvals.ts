import * as vscode from 'vscode';
import { announceApprovalsLogChange } from '../approvals-log-notice';
import type { ApprovalEntry, ApprovalsFolder, ServerApi } from '../server-api';

/** Arguments that let automation (and tests) skip the prompts. */
export interface ReviewArgs {
  readonly folderUri?: string;
  readonly index?: number;
  readonly decision?: 'approved' | 'rejected';
  readonly comment?: string;
  /** A date, a period ("6 months") or "never"; absent: the policy's approvals.defaultExpiry. */
  readonly expires?: string;
  /** Ask for the expiry even though the decision is given (a decision taken from the report's row). */
  readonly promptExpiry?: boolean;
}

interface Pending {
  readonly folder: ApprovalsFolder;
  readonly entry: ApprovalEntry;
}

/** Approving a denied license overrides the policy; approving a reviewed one is what the policy asks for. */
function isDenyException(entry: ApprovalEntry): boolean {
  return entry.ruling.disposition === 'deny' || entry.detectedRuling?.disposition === 'deny';
}

function packageName(entry: ApprovalEntry): string {
  return decodeURIComponent(entry.package.replace(/^pkg:[^/]+\//, ''));
}

/** `requested X · detected Y` with the mismatch called out, for the picker and the dialog. */
function licenseLine(entry: ApprovalEntry): string {
  const requested = `requested ${entry.license ?? 'no license'}`;
  if (entry.detected === undefined) return `${requested} · detected: not checked yet`;
  return entry.licenseMismatch ? `${requested} · detected ${entry.detected} — mismatch` : `${requested} · detected ${entry.detected}`;
}

function requester(entry: ApprovalEntry): string {
  return `${entry.requestedBy ?? 'someone'}${entry.requestedAt ? ` on ${entry.requestedAt}` : ''}`;
}

const EXPIRY_INPUT = /^(\d{4}-\d{2}-\d{2}|never|[1-9]\d*\s*(d|days?|w|weeks?|m|months?|y|years?))$/;

/** Quick pick of pending requests, then approve (with an expiry) or reject with a comment; the server edits the log. */
export async function reviewPendingApprovals(api: ServerApi, given: ReviewArgs = {}): Promise<boolean> {
  const { folders } = await api.approvals();
  const pending: Pending[] = folders.flatMap((folder) => folder.entries.filter((e) => e.status === 'requested').map((entry) => ({ folder, entry })));
  let choice = pending.find((p) => p.entry.index === given.index && (given.folderUri === undefined || p.folder.folderUri === given.folderUri));
  if (!choice) {
    if (!pending.length) {
      void vscode.window.showInformationMessage('No approval requests are pending.');
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      pending.map((p) => ({
        label: `${isDenyException(p.entry) ? '$(error)' : '$(warning)'} ${packageName(p.entry)}${p.entry.version ? ` ${p.entry.version}` : ''}`,
        description: `${isDenyException(p.entry) ? 'denied by policy' : 'needs review'} · ${licenseLine(p.entry)}`,
        // The whole justification: the reviewer decides on it.
        detail: `${requester(p.entry)}: ${(p.entry.justification ?? '').replace(/\s+/g, ' ')}${p.entry.reviewable.ok ? '' : ` — you cannot approve: ${p.entry.reviewable.reason}`}`,
        p,
      })),
      { title: 'Review pending approvals', placeHolder: 'Request to review', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return false;
    choice = picked.p;
  }
  const { entry, folder } = choice;
  const denyException = isDenyException(entry);
  const interactive = given.decision === undefined;
  const decision = given.decision ?? (await askDecision(entry, denyException));
  if (!decision) return false;
  let expires = given.expires;
  if (decision === 'approved' && (interactive || (given.promptExpiry === true && given.expires === undefined))) {
    expires = await vscode.window.showInputBox({
      title: `Approval of ${packageName(entry)} expires on`,
      prompt: 'A date (YYYY-MM-DD), a period such as "6 months", or "never". The proposal is the policy\'s approvals.defaultExpiry.',
      value: folder.defaultExpires ?? 'never',
      ignoreFocusOut: true,
      validateInput: (value) => (EXPIRY_INPUT.test(value.trim()) ? undefined : 'Enter a date YYYY-MM-DD, a period such as "12 months", or "never".'),
    });
    if (expires === undefined) return false;
  }
  const comment =
    given.comment ??
    (await vscode.window.showInputBox({
      title: `${decision === 'approved' ? (denyException ? 'Approve an exception to a deny for' : 'Approve') : 'Reject'} ${packageName(entry)}`,
      prompt: decision === 'approved' && denyException ? 'Why the exception is acceptable (required)' : 'Comment (optional)',
      ignoreFocusOut: true,
      validateInput: (value) => (decision === 'approved' && denyException && value.trim().length < 3 ? 'An exception to a deny needs a reason.' : undefined),
    }));
  if (comment === undefined) return false;
  const result = await api.reviewApproval({
    folderUri: folder.folderUri,
    index: entry.index,
    decision,
    ...(comment ? { comment } : {}),
    ...(expires !== undefined ? { expires: expires.trim() } : {}),
  });
  if (!result.applied) {
    void vscode.window.showErrorMessage(`Could not record the review: ${result.error ?? 'unknown error'}`);
    return false;
  }
  void announceApprovalsLogChange(`${packageName(entry)} ${decision}.`, folder.log);
  return true;
}

/**
 * Reviews the pending request for a package from the audit report's row: the row knows the folder and the
 * package URL, the log knows the entry's index. The person still gives the comment (and the expiry).
 */
export async function reviewPendingRequestFor(api: ServerApi, root: string, purl: string, decision: 'approved' | 'rejected'): Promise<boolean> {
  const { folders } = await api.approvals();
  const folder = folders.find((f) => vscode.Uri.parse(f.folderUri).fsPath === vscode.Uri.file(root).fsPath);
  const entry = folder?.entries.find((e) => e.status === 'requested' && (e.package === purl || e.package.startsWith(`${purl}@`)));
  if (!folder || !entry) {
    void vscode.window.showInformationMessage(`No pending approval request for ${purl.replace(/^pkg:[^/]+\//, '')} was found; it may have been reviewed already.`);
    return false;
  }
  return reviewPendingApprovals(api, { folderUri: folder.folderUri, index: entry.index, decision, promptExpiry: true });
}

/** A modal dialog: it shows the whole request, and an exception to a deny is worded as one. */
async function askDecision(entry: ApprovalEntry, denyException: boolean): Promise<'approved' | 'rejected' | undefined> {
  const detail = [
    licenseLine(entry),
    entry.licenseMismatch
      ? `The package's metadata says ${entry.detected}, not ${entry.license}: an approval covers only ${entry.license}, so it will not apply while they differ.`
      : undefined,
    `Policy: ${denyException && entry.detectedRuling?.disposition === 'deny' && entry.ruling.disposition !== 'deny' ? entry.detectedRuling.why : entry.ruling.why}.`,
    `Requested by ${requester(entry)}:`,
    entry.justification ?? '(no justification)',
    entry.reviewable.ok ? undefined : `You cannot approve it: ${entry.reviewable.reason}.`,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n\n');
  const approve = denyException ? 'Approve Exception to Deny' : 'Approve';
  const buttons = entry.reviewable.ok ? [approve, 'Reject'] : ['Reject'];
  const message = denyException
    ? `${packageName(entry)}: ${entry.license ?? 'its license'} is denied by policy. Approving makes an exception to a deny.`
    : `${packageName(entry)}: ${entry.license ?? 'its license'} needs review.`;
  const picked = denyException
    ? await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons)
    : await vscode.window.showInformationMessage(message, { modal: true, detail }, ...buttons);
  return picked === approve ? 'approved' : picked === 'Reject' ? 'rejected' : undefined;
}
