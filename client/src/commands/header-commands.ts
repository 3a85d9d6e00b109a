import * as vscode from 'vscode';
import type { ServerApi } from '../server-api';
import { diagnosticCode } from '../diagnostic-code';

/** Applies the server's "Insert license header" quick fix to the active editor. */
export async function insertLicenseHeader(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a source file to insert a license header.');
    return false;
  }
  const uri = editor.document.uri;
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.source === 'OSPO Guide' && diagnosticCode(d) === 'header-missing');
  const range = diagnostic?.range ?? new vscode.Range(0, 0, 0, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const insert = actions.find((a) => a.title.startsWith('Insert license header') && a.edit);
  if (!insert?.edit) {
    void vscode.window.showInformationMessage(diagnostic ? 'No header fix is available for this file.' : 'This file already has a license header, or the policy does not ask for one.');
    return false;
  }
  return vscode.workspace.applyEdit(insert.edit);
}

/**
 * Fixes every file's header in the workspace after showing which files change: a pre-selected multi-pick the
 * person can narrow down, so nothing is written without a confirmation.
 */
export async function fixAllHeaders(api: ServerApi, args: { confirm?: boolean } = {}): Promise<number> {
  const folderUri = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'OSPO: Finding files without compliant headers' }, () => api.headerFixPlan(folderUri));
  if (!plan.files.length || !plan.edit) {
    void vscode.window.showInformationMessage('Every selected file already has a compliant license header.');
    return 0;
  }
  let selected = new Set(plan.files.map((f) => f.uri));
  if (!args.confirm) {
    const picked = await vscode.window.showQuickPick(
      plan.files.map((f) => ({ label: f.relativePath, description: f.titles.join(', '), picked: true, uri: f.uri })),
      { canPickMany: true, title: `Fix license headers in ${plan.files.length} file(s)`, placeHolder: 'Files that will change; untick any to leave alone, then press Enter' },
    );
    if (!picked?.length) return 0;
    selected = new Set(picked.map((p) => p.uri));
  }
  const edit = api.client.protocol2CodeConverter.asWorkspaceEdit({
    documentChanges: (plan.edit.documentChanges ?? []).filter((change) => ('textDocument' in change ? selected.has(change.textDocument.uri) : 'uri' in change && selected.has(change.uri))),
  });
  const applied = await vscode.workspace.applyEdit(await edit);
  if (!applied) {
    void vscode.window.showErrorMessage('The header edits could not be applied.');
    return 0;
  }
  // Bulk edits leave many dirty editors; save just the files this command changed.
  for (const uri of selected) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (document?.isDirty) await document.save();
  }
  void vscode.window.showInformationMessage(`Fixed license headers in ${selected.size} file(s).`);
  return selected.size;
}
