import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import type { AuditReport } from '../../../server/src/protocol/ospo-protocol';
import type { ServerApi } from '../server-api';

export type AuditOutcome = AuditReport;

/**
 * Runs the server's audit under a cancellable notification. The progress travels as LSP work-done progress on
 * a token the client creates; cancelling the notification cancels the request, which stops the server's walk.
 */
export async function auditWorkspace(api: ServerApi, options: { readonly background?: boolean } = {}): Promise<AuditOutcome | undefined> {
  const client = api.client;
  // A re-run for the open report shows in the status bar, not as a notification that takes the focus.
  const where = options.background
    ? { location: vscode.ProgressLocation.Window, title: 'OSPO: Refreshing the audit report' }
    : { location: vscode.ProgressLocation.Notification, title: 'OSPO: Auditing workspace', cancellable: true };
  return vscode.window.withProgress(
    where,
    async (progress, cancellation) => {
      const token = randomUUID();
      const listening = client.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
      });
      try {
        return await api.audit({ workDoneToken: token, cancellation });
      } catch (error) {
        if (cancellation.isCancellationRequested) return { cancelled: true, restricted: !vscode.workspace.isTrusted, folders: [] };
        throw error;
      } finally {
        listening.dispose();
      }
    },
  );
}
