import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ECOSYSTEMS } from '../ecosystems/registry';
import { CachingFileSource } from '../io/file-source';
import { TOOL_VERSION } from '../tool-version';
import { codeActionsFor, FIX_ALL_KIND } from './code-actions';
import { DocumentDiagnostics } from './document-diagnostics';
import { INVALID_PARAMS_METHOD, type InvalidParamsRequest } from './lsp-params';
import { OpenDocumentsFileSource } from './open-documents-file-source';
import { SERVER_COMMANDS, ServerCommands } from './server-commands';
import { readServerSettings } from './server-settings';
import { pathToUri, uriToPath } from './to-lsp';
import { WorkspaceFolders } from './workspace-folders';

/** Wires the engine to an LSP connection: documents, diagnostics, code actions, hovers, commands, watching. */
export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const files = new OpenDocumentsFileSource(new CachingFileSource());
  let answerTimer: NodeJS.Timeout | undefined;
  // Online answers arrive in bursts: re-check once per burst.
  const folders = new WorkspaceFolders(files, () => {
    answerTimer ??= setTimeout(() => {
      answerTimer = undefined;
      diagnostics.recheckAll();
    }, 100);
  });
  const diagnostics = new DocumentDiagnostics(connection, documents, folders);
  const commands = new ServerCommands({ connection, folders, diagnostics, files });
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let supportsWorkspaceFolders = false;

  async function pullSettings(): Promise<void> {
    if (!supportsConfiguration) return;
    const list = folders.all();
    try {
      // Each folder's `ospo` section, and its `python` section for the interpreter's installed packages.
      const raw = await connection.workspace.getConfiguration(
        list.flatMap((f) => [
          { scopeUri: pathToUri(f.root), section: 'ospo' },
          { scopeUri: pathToUri(f.root), section: 'python' },
        ]),
      );
      list.forEach((folder, i) => folders.applySettings(folder, readServerSettings(raw[2 * i], raw[2 * i + 1])));
    } catch (error) {
      connection.console.error(`reading settings failed: ${(error as Error).message}`);
    }
  }

  /** A change to a policy input of any folder: reload it and re-check everything. Returns whether it was one. */
  function policyInputChanged(filePath: string): boolean {
    let matched = false;
    for (const folder of folders.all()) {
      if (folders.isPolicyInput(folder, filePath)) {
        folder.engine.fileChanged(filePath);
        matched = true;
      }
    }
    if (matched) diagnostics.recheckAll();
    return matched;
  }

  // Requests whose params failed their check at the entry (see validatingMessageStrategy).
  connection.onRequest(INVALID_PARAMS_METHOD, ({ method, reason }: InvalidParamsRequest) => {
    connection.console.warn(`rejected ${method}: ${reason}`);
    return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${reason}`);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { trusted?: boolean };
    // Without word from the client, assume the restricted mode: no policy from outside the folder.
    folders.trusted = options.trusted === true;
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsWatchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
    for (const folder of params.workspaceFolders ?? []) {
      const root = uriToPath(folder.uri);
      if (root) folders.add(root);
    }
    const rootUri = params.rootUri ? uriToPath(params.rootUri) : undefined;
    if (folders.size === 0 && rootUri) folders.add(rootUri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'OSPO Guide', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: ['ospo', 'python'] });
    if (supportsWatchRegistration) {
      const inputs = new Set(['**/.ospo/**', '**/package.json', ...ECOSYSTEMS.flatMap((e) => e.resolutionInputs.map((g) => `**/${g}`))]);
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [...inputs].map((globPattern) => ({ globPattern })) });
    }
    // Asking for folder events from a client that cannot send them throws.
    if (supportsWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        for (const removed of event.removed) {
          const root = uriToPath(removed.uri);
          if (root) folders.remove(root);
        }
        for (const added of event.added) {
          const root = uriToPath(added.uri);
          if (root) folders.add(root);
        }
        await pullSettings();
        diagnostics.recheckAll();
      });
    }
    await pullSettings();
    diagnostics.recheckAll();
    connection.console.log(`OSPO Guide ${TOOL_VERSION} ready (${folders.size} folder(s), ${folders.trusted ? 'trusted' : 'restricted'} workspace)`);
  });

  connection.onDidChangeConfiguration(async () => {
    await pullSettings();
    diagnostics.recheckAll();
  });

  documents.onDidOpen((event) => {
    const filePath = uriToPath(event.document.uri);
    if (filePath) files.setOpen(filePath, () => documents.get(event.document.uri)?.getText() ?? '');
  });
  documents.onDidChangeContent((event) => {
    const filePath = uriToPath(event.document.uri);
    // An unsaved policy or approvals log applies as it is typed.
    if (filePath && policyInputChanged(filePath)) return;
    diagnostics.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    const filePath = uriToPath(event.document.uri);
    if (filePath) {
      files.setClosed(filePath);
      policyInputChanged(filePath);
    }
    diagnostics.forget(event.document.uri);
  });

  connection.onDidChangeWatchedFiles((event) => {
    for (const change of event.changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      for (const folder of folders.all()) {
        const rel = path.relative(folder.root, filePath);
        if (!rel.startsWith('..') || folders.isPolicyInput(folder, filePath)) folder.engine.fileChanged(filePath);
      }
    }
    if (event.changes.length) diagnostics.recheckAll();
  });

  connection.onHover(async (params) => {
    const hits = await diagnostics.findingsAt(params.textDocument.uri, params.position);
    if (!hits.length) {
      // A dependency without findings still says what its license is and where that came from.
      const notes = await diagnostics.notesAt(params.textDocument.uri, params.position);
      return notes.length ? { contents: { kind: 'markdown', value: notes.map((n) => n.detail()).join('\n\n---\n\n') }, range: notes[0].range } : null;
    }
    return { contents: { kind: 'markdown', value: hits.map((f) => f.detail ?? f.message).join('\n\n---\n\n') }, range: hits[0].range };
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    try {
      const state = await diagnostics.analysis(document);
      const own = uriToPath(document.uri);
      const folder = own ? folders.folderFor(own) : undefined;
      const contextual = own && folder?.settings.enable ? folder.engine.contextualFixes(own, state.text) : [];
      return codeActionsFor(state, params, (p) => (p === own ? state.text : files.readText(p) ?? ''), contextual);
    } catch (error) {
      connection.console.error(`code actions failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  connection.onExecuteCommand(async (params, cancellation) => {
    try {
      return await commands.execute(params, cancellation);
    } catch (error) {
      connection.console.error(`${params.command} failed: ${(error as Error).stack ?? error}`);
      return { error: (error as Error).message };
    }
  });

  documents.listen(connection);
  connection.listen();
}
