import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams, ShowDocumentParams, ShowMessageParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

/** Diagnostics as this server publishes them: plain-text messages. */
export type TestDiagnostic = Diagnostic & { message: string };

export const SERVER_BUNDLE = path.resolve(__dirname, '../../../dist/server.js');

export interface TestClientOptions {
  readonly root: string;
  /** The `python` settings section, as the Python extension would hold it. */
  readonly python?: Record<string, unknown>;
  /** More workspace folders besides `root`, for multi-root workspaces. */
  readonly moreFolders?: readonly string[];
  /** `initializationOptions.trusted`; default true. `'unstated'` sends no initialization options, as most clients do. */
  readonly trusted?: boolean | 'unstated';
  readonly settings?: Record<string, unknown>;
  /** Environment variables the server process gets on top of this process's. */
  readonly env?: Record<string, string>;
  /**
   * The client capabilities sent in `initialize`, replacing those of a VS Code-like client (configuration pull,
   * file watching, workspace edits): e.g. Neovim 0.7's, which has none of the first two.
   */
  readonly capabilities?: Record<string, unknown>;
  /** How the client answers workspace/applyEdit; default: record and accept. */
  readonly onApplyEdit?: (edit: WorkspaceEdit) => Promise<boolean> | boolean;
}

/**
 * Drives `dist/server.js --stdio` as an editor would: initialize, open and change documents, ask for code
 * actions and commands, and wait for the diagnostics the server publishes.
 */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, { version: number; diagnostics: TestDiagnostic[] }>();
  private readonly waiters: Array<() => void> = [];
  private publishCount = 0;
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** `window/showDocument` requests and `window/showMessage` notifications, in order. */
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  /** What the server wrote to the client's log (`window/logMessage`). */
  readonly logs: string[] = [];
  /** Every publishDiagnostics in arrival order, with the document version the server says it is for. */
  readonly published: Array<{ uri: string; version?: number; count: number; at: bigint }> = [];
  private versions = new Map<string, number>();
  stderr = '';

  private settings: Record<string, unknown>;

  constructor(private readonly options: TestClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.publishCount++;
      this.published.push({ uri: params.uri, ...(params.version !== undefined ? { version: params.version } : {}), count: params.diagnostics.length, at: process.hrtime.bigint() });
      this.diagnostics.set(params.uri, { version: this.publishCount, diagnostics: params.diagnostics as TestDiagnostic[] });
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'python' ? (options.python ?? {}) : this.settings)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/applyEdit', async (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      const applied = options.onApplyEdit ? await options.onApplyEdit(params.edit) : true;
      return { applied };
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => void this.logs.push(params.message));
    this.connection.onNotification('window/showMessage', (params: ShowMessageParams) => void this.messages.push(params));
    this.connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.listen();
  }

  static uri(filePath: string): string {
    return URI.file(filePath).toString();
  }

  async start(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: LspTestClient.uri(this.options.root),
      workspaceFolders: [this.options.root, ...(this.options.moreFolders ?? [])].map((f) => ({ uri: LspTestClient.uri(f), name: path.basename(f) })),
      capabilities: this.options.capabilities ?? {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: { publishDiagnostics: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
        window: { workDoneProgress: true, showDocument: { support: true } },
      },
      ...(this.options.trusted === 'unstated' ? {} : { initializationOptions: { trusted: this.options.trusted ?? true } }),
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Pushes settings in workspace/didChangeConfiguration only, as a client without configuration pull does. */
  pushSettings(settings: Record<string, unknown>): void {
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Changes the `ospo` settings and tells the server, as VS Code does when the user edits them. */
  updateSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { ospo: settings } });
  }

  open(filePath: string, text: string, languageId = languageOf(filePath)): void {
    this.versions.set(filePath, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: LspTestClient.uri(filePath), languageId, version: 1, text } });
  }

  change(filePath: string, text: string): void {
    const version = (this.versions.get(filePath) ?? 1) + 1;
    this.versions.set(filePath, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: LspTestClient.uri(filePath), version }, contentChanges: [{ text }] });
  }

  close(filePath: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: LspTestClient.uri(filePath) } });
  }

  filesChanged(paths: string[], type: 1 | 2 | 3 = 2): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: paths.map((p) => ({ uri: LspTestClient.uri(p), type })) });
  }

  /** The latest diagnostics for a file, once `accept` says they are the awaited ones. */
  async diagnosticsFor(filePath: string, accept: (d: TestDiagnostic[]) => boolean = () => true, timeoutMs = 10000): Promise<TestDiagnostic[]> {
    const uri = LspTestClient.uri(filePath);
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current.diagnostics)) return current.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`timed out waiting for diagnostics of ${filePath}; last: ${JSON.stringify(current?.diagnostics.map((d) => [d.code, d.range.start.line, d.message]) ?? null)}\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves at the next publishDiagnostics for `filePath` after this call. */
  async nextDiagnostics(filePath: string, timeoutMs = 10000): Promise<TestDiagnostic[]> {
    const uri = LspTestClient.uri(filePath);
    const before = this.diagnostics.get(uri)?.version ?? 0;
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const current = this.diagnostics.get(uri);
      if (current && current.version > before) return current.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no new diagnostics for ${filePath}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The hover's Markdown at a position, or undefined when the server shows none. */
  async hoverText(filePath: string, position: { line: number; character: number }): Promise<string | undefined> {
    const hover = (await this.connection.sendRequest('textDocument/hover', { textDocument: { uri: LspTestClient.uri(filePath) }, position })) as { contents: { value: string } } | null;
    return hover?.contents.value;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may be gone already.
    }
    // Give the server a moment to leave on its own before the pipes close under it.
    await Promise.race([new Promise((r) => this.process.once('exit', r)), new Promise((r) => setTimeout(r, 1000))]);
    this.connection.dispose();
    this.process.kill();
  }
}

export function languageOf(filePath: string): string {
  const ext = path.extname(filePath);
  const map: Record<string, string> = { '.ts': 'typescript', '.js': 'javascript', '.py': 'python', '.sh': 'shellscript', '.json': 'json', '.go': 'go', '.rs': 'rust' };
  if (path.basename(filePath) === 'policy.json') return 'jsonc';
  return map[ext] ?? 'plaintext';
}
