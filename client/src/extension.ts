import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusNotification, type InitializationOptions } from '../../server/src/protocol/ospo-protocol';
import { errorMessage, logUnknownError } from '../../server/src/text/unknown-error';
import { interceptRequestApproval, registerApprovalCommands } from './approval-commands';
import { auditWorkspace, type AuditOutcome } from './commands/audit-workspace';
import { fixAllHeaders, insertLicenseHeader } from './commands/header-commands';
import { openPolicy } from './commands/open-policy';
import { reviewPendingApprovals, reviewPendingRequestFor, type ReviewArgs } from './commands/review-approvals';
import { exportReport, type ReportFormat } from './commands/export-report';
import { generateNotices } from './commands/generate-notices';
import { ServerApi } from './server-api';
import { OspoStatusBar } from './status-bar';
import { auditReportFindingsChanged, currentAuditReport, receiveReportMessage, showAuditReport, type ReportActions } from './report/audit-report-panel';
import { policyDiagnosticsFilter } from './policy-diagnostics-filter';

let client: LanguageClient | undefined;
/** Outlives `context.subscriptions`: VS Code disposes those without awaiting deactivate(), while the client still logs. */
let output: vscode.LogOutputChannel | undefined;

/** What tests and other extensions can observe; returned from activate(). */
export interface OspoExtensionApi {
  readonly client: () => LanguageClient | undefined;
  readonly lastAudit: () => AuditOutcome | undefined;
  readonly statusText: () => string;
  readonly statusTooltip: () => string;
  /** The theme color of the status bar item's background, e.g. `statusBarItem.warningBackground`. */
  readonly statusBackground: () => string | undefined;
  readonly reportMessage: typeof receiveReportMessage;
  /** The audit report on screen: its data, and whether it is out of date or being refreshed. */
  readonly auditReport: () => ReturnType<typeof currentAuditReport>;
}

function createClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel, api: ServerApi): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides per file whether it is a manifest or a header-checked source file.
    documentSelector: [{ scheme: 'file' }],
    outputChannel: channel,
    initializationOptions: { trusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    diagnosticCollectionName: 'ospo',
    middleware: { handleDiagnostics: policyDiagnosticsFilter, executeCommand: interceptRequestApproval(api) },
  };
  return new LanguageClient('ospo', 'OSPO Guide', serverOptions, clientOptions);
}

export function activate(context: vscode.ExtensionContext): OspoExtensionApi {
  const channel = vscode.window.createOutputChannel('OSPO Guide', { log: true });
  output = channel;
  const api = new ServerApi(() => client);
  const statusBar = new OspoStatusBar();
  context.subscriptions.push(statusBar);
  let lastAudit: AuditOutcome | undefined;

  /** A new client, whose status notifications drive the status bar and whose state shows when it stops. */
  const startClient = async (): Promise<void> => {
    const next = createClient(context, channel, api);
    client = next;
    next.onNotification(StatusNotification, (status) => {
      statusBar.update(status);
      // The open report follows the findings: it re-runs its audit or says it is out of date.
      auditReportFindingsChanged(status);
    });
    next.onDidChangeState(({ newState }) => {
      if (client !== next) return;
      statusBar.setServerProblem(newState === State.Stopped ? 'the server stopped; see the output for why' : undefined);
    });
    try {
      await next.start();
    } catch (error) {
      logUnknownError((line) => channel.error(line), 'starting the language server', error);
      statusBar.setServerProblem(`it failed to start: ${errorMessage(error)}`);
    }
  };

  /** A command whose failure is logged with its cause before VS Code reports it. */
  const command = <A extends unknown[]>(name: string, run: (...args: A) => unknown) =>
    vscode.commands.registerCommand(name, async (...args: A) => {
      try {
        return await run(...args);
      } catch (error) {
        logUnknownError((line) => channel.error(line), name, error);
        throw error;
      }
    });

  const reportActions: ReportActions = {
    exportReport: (format) => exportReport(api, { format }).then(() => undefined),
    rerun: async () => {
      const outcome = await auditWorkspace(api, { background: true });
      if (outcome && !outcome.cancelled) lastAudit = outcome;
      return outcome;
    },
    review: (root, purl, decision) => reviewPendingRequestFor(api, root, purl, decision),
    status: () => api.status(),
  };
  const showReport = (outcome: AuditOutcome) => showAuditReport(context, outcome, reportActions);
  const runAudit = async () => {
    const outcome = await auditWorkspace(api);
    if (!outcome) return undefined;
    lastAudit = outcome;
    showReport(outcome);
    if (outcome.cancelled) void vscode.window.showWarningMessage('The audit was cancelled; the report shows what was checked until then.');
    return outcome;
  };

  context.subscriptions.push(
    command('ospo.showOutput', () => channel.show(true)),
    command('ospo.auditWorkspace', runAudit),
    command('ospo.showReport', () => (lastAudit ? showReport(lastAudit) : runAudit())),
    command('ospo.exportReport', (args?: { format?: ReportFormat; uri?: vscode.Uri }) => exportReport(api, args ?? {})),
    command('ospo.generateNotices', (args?: { format?: 'text' | 'markdown'; uri?: vscode.Uri }) => generateNotices(api, args ?? {})),
    command('ospo.reviewApprovals', async (args?: ReviewArgs) => {
      const reviewed = await reviewPendingApprovals(api, args);
      if (reviewed) auditReportFindingsChanged();
      return reviewed;
    }),
    command('ospo.insertLicenseHeader', () => insertLicenseHeader()),
    command('ospo.fixAllHeaders', (args?: { confirm?: boolean }) => fixAllHeaders(api, args)),
    command('ospo.openPolicy', () => openPolicy(api)),
    // Trust changes what the server may load (policies from outside the folder, request URLs): start afresh.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      channel.info('Workspace trust granted: restarting the language server, which may now load policies and approvals logs from outside the folder.');
      const previous = client;
      client = undefined;
      await previous?.stop();
      await startClient();
    }),
  );
  registerApprovalCommands(context, api);
  channel.info(`OSPO Guide activated in a ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'} workspace.`);
  // Starting the server is not on the activation's critical path: the editor is usable at once.
  void startClient();
  return {
    client: () => client,
    lastAudit: () => lastAudit,
    statusText: () => statusBar.text,
    statusTooltip: () => statusBar.tooltip,
    statusBackground: () => statusBar.background,
    // What a click on the report page sends (`{ type: 'export', format: 'cyclonedx' }`), for tests that cannot reach into the webview.
    reportMessage: receiveReportMessage,
    auditReport: () => currentAuditReport(),
  };
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  try {
    await stopping?.stop();
  } catch (error) {
    if (output) logUnknownError((line) => output?.error(line), 'stopping the language server', error);
  } finally {
    // Only now: the client logs to the channel while it stops.
    output?.dispose();
    output = undefined;
  }
}
