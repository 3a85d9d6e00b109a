import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../../../server/src/protocol/ospo-protocol';
import { diagnosticCode } from '../../../client/src/diagnostic-code';

export const EXTENSION_ID = 'ospo-guide.ospo-guide';

export interface OspoApi {
  client(): { sendRequest<T>(method: string, params: unknown): Promise<T> } | undefined;
  lastAudit(): { cancelled: boolean; folders: Array<{ findings: unknown[] }> } | undefined;
  statusText(): string;
  statusTooltip(): string;
  statusBackground(): string | undefined;
  /** Delivers a message as the report page's buttons send it. */
  reportMessage(message: { type: string; format?: string }): Promise<void>;
  auditReport():
    | { data: { restricted: boolean; folders: Array<{ findings: Array<{ code: string; file: string }> }> }; visible: boolean; stale: boolean; refreshing: boolean }
    | undefined;
}

/** Activates the extension and waits until its language server answers. */
export async function activate(): Promise<OspoApi> {
  const extension = vscode.extensions.getExtension<OspoApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await waitFor('the language server', () => api.client()?.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.status.name, arguments: [] }));
  return api;
}

/** Polls until `probe` returns a value that is not undefined (or false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, relative);
}

export function ospoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'OSPO Guide');
}

export function codes(uri: vscode.Uri): string[] {
  return ospoDiagnostics(uri).map((d) => `${d.range.start.line}:${diagnosticCode(d)}`).sort();
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(document);
}

export function lineOf(document: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.includes(needle)) return i;
  throw new Error(`${needle} not found`);
}

export async function readText(relative: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relative)));
}
