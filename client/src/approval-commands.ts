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

/** What the server's "Request approval" code action passes (server/src/lsp/code-actions.ts). */
interface RequestApprovalArgs {
  readonly subject?: DependencySubject;
  readonly uri?: string;
  /** `deny`: the request asks an exception to a deny. */
  readonly exceptionTo?: 'deny' | 'review';
  /** False when the detected license is no SPDX expression (e.g. just "LGPL"). */
  readonly licenseRecognised?: boolean;
}

const APPROVABLE = new Set(['license-needs-approval', 'license-unknown', 'license-denied']);

function rulingLabel(args: RequestApprovalArgs): string {
  return args.exceptionTo === 'deny' ? 'denied by policy' : 'needs review';
}

/** The requester names the license they ask for when the metadata does not say one; the detected text stays beside it. */
async function askLicense(subject: DependencySubject): Promise<string | undefined> {
  const detected = subject.license;
  return vscode.window.showInputBox({
    title: `License of ${subject.name}`,
    prompt: `The package's metadata says ${detected ? `"${detected}"` : 'nothing'}, which is no SPDX license. Which license do you ask approval for?`,
    value: detected ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const text = value.trim();
      if (!text) return 'Name the license, e.g. LGPL-3.0-or-later.';
      if (detected !== undefined && text !== detected) {
        return {
          message: `Mismatch: the metadata says "${detected}". Reviewers see both, and an approval covers only ${text}.`,
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      }
      return undefined;
    },
  });
}

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
        const args = action.command?.command === SERVER_REQUEST_APPROVAL ? action.command.arguments?.[0] : undefined;
        if (args?.subject && !items.some((i) => i.args.subject?.purl === args.subject?.purl)) {
          const deny = args.exceptionTo === 'deny';
          items.push({
            label: `${deny ? '$(error)' : '$(warning)'} ${args.subject.name}`,
            description: `${rulingLabel(args)} · detected ${args.subject.license ?? 'no license'}`,
            detail: diagnostic.message,
            args,
          });
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

/** The server command of the "Request approval" quick fix; called without a justification, it records an empty one. */
export const SERVER_REQUEST_APPROVAL = 'ospo.server.requestApproval';

interface RequestApprovalResult {
  readonly applied: boolean;
  readonly url?: string;
  readonly error?: string;
  readonly mismatch?: { readonly requested: string; readonly detected: string };
}

type SendRequest = (args: Record<string, unknown>) => Promise<RequestApprovalResult | undefined>;

/**
 * Asks the person for the justification (and the license, when the metadata names none), then has the server
 * record the request through `send`.
 */
async function askAndRequestApproval(args: RequestApprovalArgs & { subject: DependencySubject }, send: SendRequest): Promise<RequestApprovalResult | undefined> {
  const subject = args.subject;
  const license = args.licenseRecognised === false ? await askLicense(subject) : subject.license;
  if (args.licenseRecognised === false && license === undefined) return undefined;
  const deny = args.exceptionTo === 'deny';
  const justification = await vscode.window.showInputBox({
    title: `${deny ? 'Request an exception to a deny' : 'Request approval'} for ${subject.name} (${license ?? 'unknown license'}: ${rulingLabel(args)})`,
    prompt: deny
      ? `The policy denies ${license ?? 'this license'}. Why does the project need ${subject.name} all the same?`
      : `Why does the project need ${subject.name}${license ? ` (${license})` : ''}?`,
    placeHolder: 'Justification for the OSPO reviewers',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length < 3 ? 'Please give a short justification.' : undefined),
  });
  if (justification === undefined) return undefined;
  const result = await send({ subject, uri: args.uri, justification: justification.trim(), ...(license && license !== subject.license ? { license: license.trim() } : {}) });
  if (!result?.applied) {
    void vscode.window.showErrorMessage(`Could not record the approval request: ${result?.error ?? 'unknown error'}`);
    return result;
  }
  if (result.url && vscode.workspace.isTrusted) await vscode.env.openExternal(vscode.Uri.parse(result.url, true));
  const mismatch = result.mismatch ? ` The request names ${result.mismatch.requested}; the metadata says ${result.mismatch.detected}.` : '';
  void vscode.window.showInformationMessage(
    `Approval requested for ${subject.name}. It stays ${deny ? 'an error' : 'a warning'} until a reviewer approves it.${mismatch} Save the approvals log and submit it for review.`,
  );
  return result;
}

/**
 * Client middleware for `workspace/executeCommand`: the quick fix's server command, run without a justification,
 * asks for one here first. Other clients send it as it is and complete the entry in the log.
 */
export function interceptRequestApproval(command: string, args: unknown[], next: (command: string, args: unknown[]) => Promise<unknown>): Promise<unknown> {
  const given = args[0] as (RequestApprovalArgs & { justification?: unknown }) | undefined;
  if (command !== SERVER_REQUEST_APPROVAL || !given?.subject || given.justification !== undefined) return next(command, args);
  return askAndRequestApproval({ ...given, subject: given.subject }, (full) => next(command, [full]) as Promise<RequestApprovalResult | undefined>);
}

export function registerApprovalCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ospo.requestApproval', async (given?: RequestApprovalArgs) => {
      const client = getClient();
      if (!client) return;
      const args = given?.subject ? given : await pickDependency(client);
      if (!args?.subject) return;
      await askAndRequestApproval({ ...args, subject: args.subject }, (full) =>
        client.sendRequest<RequestApprovalResult>('workspace/executeCommand', { command: SERVER_REQUEST_APPROVAL, arguments: [full] }),
      );
    }),
  );
}
