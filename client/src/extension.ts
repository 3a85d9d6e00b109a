import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { interceptRequestApproval, registerApprovalCommands } from './approval-commands';
import { auditWorkspace, type AuditOutcome } from './commands/audit-workspace';
import { fixAllHeaders, insertLicenseHeader } from './commands/header-commands';
import { openPolicy } from './commands/open-policy';
import { reviewPendingApprovals, type ReviewArgs } from './commands/review-approvals';
import { exportReport } from './commands/export-report';
import { ServerApi } from './server-api';
import { OspoStatusBar } from './status-bar';
import { showAuditReport, type AuditReportData } from './report/audit-report-panel';

let client: LanguageClient | undefined;

/** What tests and other extensions can observe; returned from activate(). */
export interface OspoExtensionApi {
  readonly client: () => LanguageClient | undefined;
  readonly lastAudit: () => AuditOutcome | undefined;
  readonly statusText: () => string;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides per file whether it is a manifest or a header-checked source file.
    documentSelector: [{ scheme: 'file' }],
    outputChannel: output,
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    diagnosticCollectionName: 'ospo',
    middleware: { executeCommand: interceptRequestApproval },
  };
  return new LanguageClient('ospo', 'OSPO Guide', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<OspoExtensionApi> {
  const output = vscode.window.createOutputChannel('OSPO Guide', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  const api = () => (client ? new ServerApi(client) : undefined);
  const statusBar = new OspoStatusBar(api);
  context.subscriptions.push(statusBar);
  let lastAudit: AuditOutcome | undefined;

  const requireClient = (): LanguageClient => {
    if (!client) throw new Error('The OSPO Guide language server is not running.');
    return client;
  };
  const runAudit = async () => {
    const c = requireClient();
    const outcome = await auditWorkspace(c);
    if (!outcome) return undefined;
    lastAudit = outcome;
    showAuditReport(context, outcome as unknown as AuditReportData, { exportReport: (format) => exportReport(new ServerApi(c), { format }).then(() => undefined) });
    if (outcome.cancelled) void vscode.window.showWarningMessage('The audit was cancelled; the report shows what was checked until then.');
    return outcome;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('ospo.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('ospo.auditWorkspace', runAudit),
    vscode.commands.registerCommand('ospo.showReport', () =>
      lastAudit
        ? showAuditReport(context, lastAudit as unknown as AuditReportData, { exportReport: (format) => exportReport(new ServerApi(requireClient()), { format }).then(() => undefined) })
        : runAudit(),
    ),
    vscode.commands.registerCommand('ospo.exportReport', (args?: { format?: 'sarif' | 'markdown'; uri?: vscode.Uri }) => exportReport(new ServerApi(requireClient()), args ?? {})),
    vscode.commands.registerCommand('ospo.reviewApprovals', (args?: ReviewArgs) => reviewPendingApprovals(new ServerApi(requireClient()), args)),
    vscode.commands.registerCommand('ospo.insertLicenseHeader', () => insertLicenseHeader()),
    vscode.commands.registerCommand('ospo.fixAllHeaders', (args?: { confirm?: boolean }) => fixAllHeaders(requireClient(), new ServerApi(requireClient()), args)),
    vscode.commands.registerCommand('ospo.openPolicy', () => openPolicy(new ServerApi(requireClient()))),
    // Trust changes what the server may load (policies from outside the folder, request URLs): start afresh.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context, output);
      await client.start();
      await statusBar.refreshPolicy();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ospo')) setTimeout(() => void statusBar.refreshPolicy(), 200);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/[\\/]\.ospo[\\/]/.test(d.uri.fsPath)) void statusBar.refreshPolicy();
    }),
  );
  registerApprovalCommands(context, () => client);
  // Starting the server is not on the activation's critical path: the editor is usable at once.
  void client.start().then(
    () => statusBar.refreshPolicy(),
    (error: unknown) => output.error(`The language server failed to start: ${(error as Error).message}`),
  );
  return { client: () => client, lastAudit: () => lastAudit, statusText: () => statusBar.text };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
