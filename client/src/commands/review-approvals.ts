import * as vscode from 'vscode';
import type { ServerApi } from '../server-api';

/** Arguments that let automation (and tests) skip the prompts. */
export interface ReviewArgs {
  readonly folderUri?: string;
  readonly index?: number;
  readonly decision?: 'approved' | 'rejected';
  readonly comment?: string;
}

/** Quick pick of pending requests, then approve or reject with a comment; the server edits the log. */
export async function reviewPendingApprovals(api: ServerApi, given: ReviewArgs = {}): Promise<boolean> {
  const { folders } = await api.approvals();
  const pending = folders.flatMap((folder) => folder.entries.filter((e) => e.status === 'requested').map((entry) => ({ folder, entry })));
  let choice = pending.find((p) => p.entry.index === given.index && (given.folderUri === undefined || p.folder.folderUri === given.folderUri));
  if (!choice) {
    if (!pending.length) {
      void vscode.window.showInformationMessage('No approval requests are pending.');
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      pending.map((p) => ({
        label: p.entry.package.replace(/^pkg:[^/]+\//, '').replace(/%40/g, '@'),
        description: [p.entry.version, p.entry.license].filter(Boolean).join(' · '),
        detail: `${p.entry.requestedBy ?? 'someone'}${p.entry.requestedAt ? ` on ${p.entry.requestedAt}` : ''}: ${p.entry.justification ?? ''}`,
        p,
      })),
      { title: 'Review pending approvals', placeHolder: 'Request to review', matchOnDetail: true },
    );
    if (!picked) return false;
    choice = picked.p;
  }
  const decision =
    given.decision ??
    (
      await vscode.window.showQuickPick(
        [
          { label: '$(check) Approve', decision: 'approved' as const },
          { label: '$(close) Reject', decision: 'rejected' as const },
        ],
        { title: `Review ${choice.entry.package}` },
      )
    )?.decision;
  if (!decision) return false;
  const comment =
    given.comment ??
    (await vscode.window.showInputBox({ title: `${decision === 'approved' ? 'Approve' : 'Reject'} ${choice.entry.package}`, prompt: 'Comment (optional)', ignoreFocusOut: true }));
  if (comment === undefined) return false;
  const result = await api.reviewApproval({ folderUri: choice.folder.folderUri, index: choice.entry.index, decision, ...(comment ? { comment } : {}) });
  if (!result.applied) {
    void vscode.window.showErrorMessage(`Could not record the review: ${result.error ?? 'unknown error'}`);
    return false;
  }
  void vscode.window.showInformationMessage(`${choice.entry.package} ${decision}. Save the approvals log to share the decision.`);
  return true;
}
