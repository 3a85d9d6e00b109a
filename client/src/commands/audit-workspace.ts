import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { ServerApi } from '../server-api';

export interface AuditOutcome {
  readonly cancelled: boolean;
  readonly folders: ReadonlyArray<{ readonly root: string; readonly findings: readonly unknown[] }>;
}

/**
 * Runs the server's audit under a cancellable notification. The progress travels as LSP work-done progress on
 * a token the client creates; cancelling the notification cancels the request, which stops the server's walk.
 */
export async function auditWorkspace(client: LanguageClient): Promise<AuditOutcome | undefined> {
  const api = new ServerApi(client);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'OSPO: Auditing workspace', cancellable: true },
    async (progress, cancellation) => {
      const token = randomUUID();
      const listening = client.onProgress(WorkDoneProgress.type, token, (value: { kind: string; message?: string }) => {
        if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
      });
      try {
        return await api.execute<AuditOutcome>('ospo.server.audit', undefined, token, cancellation);
      } catch (error) {
        if (cancellation.isCancellationRequested) return { cancelled: true, folders: [] };
        throw error;
      } finally {
        listening.dispose();
      }
    },
  );
}
