import * as vscode from 'vscode';
import type { ServerApi } from '../server-api';

/** Opens the workspace policy, first creating a commented starter from the embedded default when there is none. */
export async function openPolicy(api: ServerApi): Promise<vscode.TextEditor | undefined> {
  const folderUri = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  const starter = await api.starterPolicy(folderUri);
  if ('error' in starter) {
    void vscode.window.showErrorMessage(`Cannot open the policy: ${starter.error}`);
    return undefined;
  }
  const uri = vscode.Uri.parse(starter.uri, true);
  if (!starter.exists) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(starter.text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Could not create ${uri.fsPath}.`);
      return undefined;
    }
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) await document.save();
  return vscode.window.showTextDocument(document);
}
