import * as vscode from 'vscode';
import type { ServerApi } from './server-api';

const SAVE = 'Save the approvals log';
const OPEN = 'Open log';

/**
 * Says that the approvals log changed. "Save the approvals log" is offered only when the edit left the log
 * unsaved in an editor (VS Code applies an edit to a file that is not open in a hidden, unsaved buffer), and
 * "Open log" always, so the person sees the entry the team will review.
 */
export async function announceApprovalsLogChange(message: string, logPath: string | undefined): Promise<void> {
  const log = logPath ? vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === logPath) : undefined;
  const unsaved = log?.isDirty === true;
  const text = unsaved ? `${message} The approvals log has unsaved changes: save it and submit it for review.` : `${message} Submit the approvals log for review.`;
  const choice = await vscode.window.showInformationMessage(text, ...(unsaved ? [SAVE] : []), ...(logPath ? [OPEN] : []));
  if (choice === SAVE && log) await log.save();
  if (choice === OPEN && logPath) await vscode.window.showTextDocument(log?.uri ?? vscode.Uri.file(logPath), { preview: false });
}

/** The approvals log of the workspace folder holding `uri` (or the first folder), as the server names it. */
export async function approvalsLogFor(api: ServerApi, uri: string | undefined): Promise<string | undefined> {
  try {
    const listing = await api.approvals();
    const folders = [...listing.folders].sort((a, b) => b.folderUri.length - a.folderUri.length);
    return (uri ? folders.find((f) => uri.startsWith(`${f.folderUri}/`)) : undefined)?.log ?? folders[0]?.log;
  } catch {
    return undefined;
  }
}
