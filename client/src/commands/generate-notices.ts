import * as vscode from 'vscode';
import type { ServerApi } from '../server-api';

/**
 * Asks the server for the third-party notices of the workspace and saves them where the person chooses (or
 * `uri` says). Packages of unknown license are named in a warning: the file lists them as needing attention.
 */
export async function generateNotices(api: ServerApi, args: { format?: 'text' | 'markdown'; uri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
  const format =
    args.format ??
    (
      await vscode.window.showQuickPick(
        [
          { id: 'text' as const, label: 'Plain text', detail: 'THIRD-PARTY-NOTICES.txt, to ship beside the product' },
          { id: 'markdown' as const, label: 'Markdown', detail: 'THIRD-PARTY-NOTICES.md, to read in a repository' },
        ],
        { title: 'Generate third-party notices as' },
      )
    )?.id;
  if (!format) return undefined;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'OSPO: collecting third-party notices', cancellable: true }, (_progress, token) =>
    api.notices(format, token),
  );
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Cannot generate notices: ${result.error}`);
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = format === 'markdown' ? 'THIRD-PARTY-NOTICES.md' : 'THIRD-PARTY-NOTICES.txt';
  const target =
    args.uri ??
    (await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
      filters: format === 'markdown' ? { Markdown: ['md'] } : { Text: ['txt'] },
      title: 'Save third-party notices',
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  const where = vscode.workspace.asRelativePath(target);
  if (result.attention.length) {
    void vscode.window.showWarningMessage(`Notices for ${result.packages} package(s) saved to ${where}; ${result.attention.length} shipped package(s) have an unknown license and need attention: ${result.attention.slice(0, 5).join(', ')}${result.attention.length > 5 ? ', …' : ''}`);
  } else {
    void vscode.window.showInformationMessage(`Notices for ${result.packages} package(s) saved to ${where}.`);
  }
  return target;
}
