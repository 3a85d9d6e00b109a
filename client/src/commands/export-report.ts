import * as vscode from 'vscode';
import type { ServerApi } from '../server-api';

/** Saves the last audit as SARIF (for code scanning) or Markdown, where the person chooses or `uri` says. */
export async function exportReport(api: ServerApi, args: { format?: 'sarif' | 'markdown'; uri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
  const format =
    args.format ??
    ((await vscode.window.showQuickPick(['sarif', 'markdown'], { title: 'Export the audit report as' })) as 'sarif' | 'markdown' | undefined);
  if (!format) return undefined;
  const report = await api.exportReport(format);
  if ('error' in report) {
    void vscode.window.showErrorMessage(`Cannot export: ${report.error}`);
    return undefined;
  }
  // One folder: propose it. Several: the audit covers them all, so propose none of them over the others (the
  // saved workspace file's folder, if any) and let the person choose.
  const folders = vscode.workspace.workspaceFolders ?? [];
  const workspaceFile = vscode.workspace.workspaceFile;
  const folder = folders.length === 1 ? folders[0].uri : workspaceFile?.scheme === 'file' ? vscode.Uri.joinPath(workspaceFile, '..') : undefined;
  const defaultName = format === 'sarif' ? 'ospo-audit.sarif' : 'ospo-audit.md';
  const target =
    args.uri ??
    (await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}),
      filters: format === 'sarif' ? { SARIF: ['sarif', 'json'] } : { Markdown: ['md'] },
      title: `Export audit report (${format})`,
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.content));
  void vscode.window.showInformationMessage(`Audit report saved to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
