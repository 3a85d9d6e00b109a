import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

/**
 * VS Code's own JSON support already reports syntax errors in `.ospo/*.json` (JSON with comments); the server
 * reports them too, for editors without it. In VS Code only one of the two is shown.
 */
export const policyDiagnosticsFilter: Middleware['handleDiagnostics'] = (uri, diagnostics, next) => {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const jsonHandled = document !== undefined && (document.languageId === 'jsonc' || document.languageId === 'json');
  next(uri, jsonHandled ? diagnostics.filter((d) => !/^(policy|approvals log) syntax error/.test(d.message)) : diagnostics);
};
