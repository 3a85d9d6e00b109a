import * as vscode from 'vscode';
import { CodeActionRequest } from 'vscode-languageclient';
import type { DependencySubject } from '../../server/src/findings/finding';
import { CLIENT_COMMANDS, SERVER_COMMANDS, type RequestApprovalActionArgs, type RequestApprovalParams, type ServerCommandTypes } from '../../server/src/protocol/ospo-protocol';
import type { ServerApi } from './server-api';
import { announceApprovalsLogChange, approvalsLogFor } from './approvals-log-notice';
import { diagnosticCode } from './diagnostic-code';

const APPROVABLE = new Set(['license-needs-approval', 'license-unknown', 'license-denied']);

function rulingLabel(args: RequestApprovalActionArgs): string {
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
async function pickDependency(api: ServerApi): Promise<RequestApprovalActionArgs | undefined> {
  const client = api.client;
  const items: Array<vscode.QuickPickItem & { args: RequestApprovalActionArgs }> = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== 'OSPO Guide' || !APPROVABLE.has(diagnosticCode(diagnostic) ?? '')) continue;
      const actions = await client.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri.toString() },
        range: client.code2ProtocolConverter.asRange(diagnostic.range),
        context: { diagnostics: [client.code2ProtocolConverter.asDiagnostic(diagnostic)], only: ['quickfix'] },
      });
      for (const action of actions ?? []) {
        const command = 'command' in action ? action.command : undefined;
        // The server names this command with these arguments (see the protocol module).
        const args = typeof command === 'object' && command.command === SERVER_COMMANDS.requestApproval.name ? (command.arguments?.[0] as RequestApprovalActionArgs | undefined) : undefined;
        if (args?.subject && !items.some((i) => i.args.subject.purl === args.subject.purl)) {
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

type RequestApprovalResult = ServerCommandTypes['requestApproval']['result'];
type SendRequest = (params: RequestApprovalParams) => Promise<RequestApprovalResult | undefined>;

/**
 * Asks the person for the justification (and the license, when the metadata names none), then has the server
 * record the request through `send`.
 */
async function askAndRequestApproval(api: ServerApi, args: RequestApprovalActionArgs, send: SendRequest): Promise<RequestApprovalResult | undefined> {
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
  const notOpened = result.urlNotOpened === 'restricted' ? " The policy's request URL was not opened: the workspace is in restricted mode." : '';
  const log = await approvalsLogFor(api, args.uri);
  void announceApprovalsLogChange(`Approval requested for ${subject.name}. It stays ${deny ? 'an error' : 'a warning'} until a reviewer approves it.${mismatch}${notOpened}`, log);
  return result;
}

/** The code action's arguments, when `value` is them and carries no justification yet. */
function unjustifiedRequest(value: unknown): RequestApprovalActionArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<RequestApprovalActionArgs> & { justification?: unknown };
  return candidate.subject && typeof candidate.uri === 'string' && candidate.justification === undefined ? (candidate as RequestApprovalActionArgs) : undefined;
}

/**
 * Client middleware for `workspace/executeCommand`: the quick fix's server command, run without a justification,
 * asks for one here first. Other clients send it as it is and complete the entry in the log.
 */
export function interceptRequestApproval(api: ServerApi) {
  return (command: string, args: unknown[], next: (command: string, args: unknown[]) => Promise<unknown>): Promise<unknown> => {
    const given = command === SERVER_COMMANDS.requestApproval.name ? unjustifiedRequest(args[0]) : undefined;
    if (!given) return next(command, args);
    return askAndRequestApproval(api, given, (full) => api.requestApproval(full));
  };
}

export function registerApprovalCommands(context: vscode.ExtensionContext, api: ServerApi): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.requestApproval, async (given?: RequestApprovalActionArgs) => {
      // From a code action the arguments are there; from the palette the person picks a dependency.
      const args = given?.subject ? given : await pickDependency(api);
      if (!args?.subject) return;
      await askAndRequestApproval(api, args, (full) => api.requestApproval(full));
    }),
  );
}
