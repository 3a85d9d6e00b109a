import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What the server's "Request approval" code action passes; mirrors the core's DependencySubject. */
interface DependencySubject {
  readonly purl: string;
  readonly name: string;
  readonly versionSpec?: string;
  readonly version?: string;
  readonly license?: string;
  readonly via: readonly string[];
}

interface RequestApprovalArgs {
  readonly subject?: DependencySubject;
  readonly uri?: string;
}

const APPROVABLE = new Set(['license-needs-approval', 'license-unknown', 'license-denied']);

/** Lets the person pick a dependency from the current diagnostics when the command comes from the palette. */
async function pickDependency(client: LanguageClient): Promise<RequestApprovalArgs | undefined> {
  const items: Array<vscode.QuickPickItem & { args: RequestApprovalArgs }> = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== 'OSPO Guide' || !APPROVABLE.has(String(diagnostic.code))) continue;
      const actions = await client.sendRequest<Array<{ command?: { command: string; arguments?: RequestApprovalArgs[] } }> | null>('textDocument/codeAction', {
        textDocument: { uri: uri.toString() },
        range: client.code2ProtocolConverter.asRange(diagnostic.range),
        context: { diagnostics: [client.code2ProtocolConverter.asDiagnostic(diagnostic)], only: ['quickfix'] },
      });
      for (const action of actions ?? []) {
        const args = action.command?.command === 'ospo.requestApproval' ? action.command.arguments?.[0] : undefined;
        if (args?.subject && !items.some((i) => i.args.subject?.purl === args.subject?.purl)) {
          items.push({ label: args.subject.name, description: args.subject.license ?? 'unknown license', detail: diagnostic.message, args });
        }
      }
    }
  }
  if (!items.length) {
    void vscode.window.showInformationMessage('No dependency needs an approval in the open files. Run "OSPO: Audit Workspace" to check the whole workspace.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Dependency to request an approval for' }))?.args;
}

export function registerApprovalCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ospo.requestApproval', async (given?: RequestApprovalArgs) => {
      const client = getClient();
      if (!client) return;
      const args = given?.subject ? given : await pickDependency(client);
      if (!args?.subject) return;
      const subject = args.subject;
      const justification = await vscode.window.showInputBox({
        title: `Request approval for ${subject.name}`,
        prompt: `Why does the project need ${subject.name}${subject.license ? ` (${subject.license})` : ''}?`,
        placeHolder: 'Justification for the OSPO reviewers',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim().length < 3 ? 'Please give a short justification.' : undefined),
      });
      if (justification === undefined) return;
      const result = await client.sendRequest<{ applied: boolean; url?: string; error?: string }>('workspace/executeCommand', {
        command: 'ospo.server.requestApproval',
        arguments: [{ subject, uri: args.uri, justification: justification.trim() }],
      });
      if (!result.applied) {
        void vscode.window.showErrorMessage(`Could not record the approval request: ${result.error ?? 'unknown error'}`);
        return;
      }
      if (result.url && vscode.workspace.isTrusted) await vscode.env.openExternal(vscode.Uri.parse(result.url, true));
      void vscode.window.showInformationMessage(`Approval requested for ${subject.name}. Save the approvals log and submit it for review.`);
    }),
  );
}
