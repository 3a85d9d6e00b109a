import type { CancellationToken } from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SERVER_COMMANDS, type ExportFormat, type ServerCommandKey, type ServerCommandTypes } from '../../server/src/protocol/ospo-protocol';

export type { ApprovalsFolder, HeaderFixPlan, ListedApproval as ApprovalEntry, OspoStatus, FolderStatus } from '../../server/src/protocol/ospo-protocol';

interface CallOptions {
  /** A progress token the client created, for the server's work-done progress. */
  readonly workDoneToken?: string;
  readonly cancellation?: CancellationToken;
}

/**
 * Typed calls to the commands the language server executes: names, params and results come from the protocol
 * module the server implements, so the two cannot drift apart. One instance serves the whole extension; it
 * follows the client across restarts (a trust change starts a new one).
 */
export class ServerApi {
  constructor(private readonly currentClient: () => LanguageClient | undefined) {}

  get client(): LanguageClient {
    const client = this.currentClient();
    if (!client) throw new Error('The OSPO Guide language server is not running.');
    return client;
  }

  async execute<K extends ServerCommandKey>(key: K, params: ServerCommandTypes[K]['params'], options: CallOptions = {}): Promise<ServerCommandTypes[K]['result']> {
    const request = { command: SERVER_COMMANDS[key].name, arguments: [params], ...(options.workDoneToken ? { workDoneToken: options.workDoneToken } : {}) };
    // The server's handler table returns exactly the declared result (see the protocol module).
    return (await this.client.sendRequest(ExecuteCommandRequest.type, request, options.cancellation)) as ServerCommandTypes[K]['result'];
  }

  status() {
    return this.execute('status', {});
  }

  audit(options: CallOptions) {
    return this.execute('audit', {}, options);
  }

  requestApproval(params: ServerCommandTypes['requestApproval']['params']) {
    return this.execute('requestApproval', params);
  }

  approvals() {
    return this.execute('approvals', {});
  }

  reviewApproval(params: ServerCommandTypes['reviewApproval']['params']) {
    return this.execute('reviewApproval', params);
  }

  headerFixPlan(folderUri?: string) {
    return this.execute('headerFixPlan', folderUri ? { folderUri } : {});
  }

  starterPolicy(folderUri?: string) {
    return this.execute('starterPolicy', folderUri ? { folderUri } : {});
  }

  exportReport(format: ExportFormat) {
    return this.execute('exportReport', { format });
  }

  /** Runs a fresh audit on the server and returns the third-party notices of the shipped packages. */
  notices(format: 'text' | 'markdown', cancellation?: CancellationToken) {
    return this.execute('notices', { format }, cancellation ? { cancellation } : {});
  }
}
