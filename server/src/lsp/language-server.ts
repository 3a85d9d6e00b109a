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
import { SelfWatching } from './self-watching';
import { SERVER_COMMANDS, ServerCommands } from './server-commands';
import { readServerSettings } from './server-settings';
import { pathToUri, uriToPath } from './to-lsp';
import { WorkspaceFolders } from './workspace-folders';

/** Wires the engine to an LSP connection: documents, diagnostics, code actions, hovers, commands, watching. */
export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const disk = new CachingFileSource();
  const files = new OpenDocumentsFileSource(disk);
  // Set when the client cannot watch files for the server (see onInitialized).
  let selfWatching: SelfWatching | undefined;
  let answerTimer: NodeJS.Timeout | undefined;
  // Online answers arrive in bursts: re-check once per burst.
  const folders = new WorkspaceFolders(files, () => {
    answerTimer ??= setTimeout(() => {
      answerTimer = undefined;
      diagnostics.recheckAll();
    }, 100);
  });
  const diagnostics = new DocumentDiagnostics(connection, documents, folders);
  const abilities = { applyEdit: false, showDocument: false };
  const commands = new ServerCommands({ connection, folders, diagnostics, files, client: () => abilities });
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let supportsConfigurationRegistration = false;
  // A client that says nothing of trust (any but VS Code, unless configured) runs restricted: say so in its log.
  let trustUnstated = false;
  let supportsWorkspaceFolders = false;

  // Settings a client pushed with workspace/didChangeConfiguration (`{ ospo: {…}, python: {…} }`, as
  // nvim-lspconfig, Helix and eglot send them). A client that answers workspace/configuration is asked per
  // folder first; pushed sections fill in where it has no answer, and are all there is for the others.
  const pushed: { ospo?: unknown; python?: unknown } = {};

  async function pullSettings(): Promise<void> {
    const list = folders.all();
    let raw: unknown[] = [];
    if (supportsConfiguration) {
      try {
        // Each folder's `ospo` section, and its `python` section for the interpreter's installed packages.
        raw = await connection.workspace.getConfiguration(
          list.flatMap((f) => [
            { scopeUri: pathToUri(f.root), section: 'ospo' },
            { scopeUri: pathToUri(f.root), section: 'python' },
          ]),
        );
      } catch (error) {
        connection.console.error(`reading settings failed: ${(error as Error).message}`);
        if (pushed.ospo === undefined && pushed.python === undefined) return;
      }
    } else if (pushed.ospo === undefined && pushed.python === undefined) {
      return;
    }
    const answered = (value: unknown) => (value !== null && typeof value === 'object' ? value : undefined);
    list.forEach((folder, i) =>
      folders.applySettings(folder, readServerSettings(answered(raw[2 * i]) ?? pushed.ospo, answered(raw[2 * i + 1]) ?? pushed.python)),
    );
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

  /** Files changed on disk, as the client's watcher or the server's own reports them. */
  function filesChanged(paths: readonly string[]): void {
    for (const filePath of paths) {
      for (const folder of folders.all()) {
        const rel = path.relative(folder.root, filePath);
        if (!rel.startsWith('..') || folders.isPolicyInput(folder, filePath)) folder.engine.fileChanged(filePath);
      }
    }
    if (paths.length) diagnostics.recheckAll();
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
    trustUnstated = options.trusted === undefined;
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsWatchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    supportsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
    abilities.applyEdit = params.capabilities.workspace?.applyEdit === true;
    abilities.showDocument = params.capabilities.window?.showDocument?.support === true;
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
    // Registering with a client that did not offer it draws a warning in eglot and Neovim; such clients send the
    // notification all the same.
    if (supportsConfigurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: ['ospo', 'python'] });
    if (!supportsWatchRegistration) {
      selfWatching = new SelfWatching({
        folders,
        disk,
        openFiles: () => documents.all().flatMap((d) => uriToPath(d.uri) ?? []),
        filesChanged,
        log: (line) => connection.console.warn(line),
      });
    } else {
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
        selfWatching?.refresh();
      });
    }
    await pullSettings();
    diagnostics.recheckAll();
    selfWatching?.refresh(true);
    connection.console.log(`OSPO Guide ${TOOL_VERSION} ready (${folders.size} folder(s), ${folders.trusted ? 'trusted' : 'restricted'} workspace)`);
    if (trustUnstated) {
      connection.console.info(
        'restricted: the client sent no initializationOptions.trusted, so no policy is loaded from outside the folder, no online lookup is made and no request URL is given; send { "trusted": true } for folders you trust',
      );
    }
  });

  connection.onDidChangeConfiguration(async (params) => {
    const settings: unknown = params.settings;
    if (settings !== null && typeof settings === 'object') {
      const sections = settings as Record<string, unknown>;
      if ('ospo' in sections) pushed.ospo = sections.ospo;
      if ('python' in sections) pushed.python = sections.python;
    }
    await pullSettings();
    diagnostics.recheckAll();
    // A setting may name another policy file.
    selfWatching?.refresh();
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
    selfWatching?.refresh();
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
    filesChanged(event.changes.flatMap((change) => uriToPath(change.uri) ?? []));
  });

  connection.onShutdown(() => {
    selfWatching?.dispose();
    selfWatching = undefined;
  });

  connection.onHover((params) => {
    const hits = diagnostics.findingsAt(params.textDocument.uri, params.position);
    if (!hits.length) {
      // A dependency without findings still says what its license is and where that came from.
      const notes = diagnostics.notesAt(params.textDocument.uri, params.position);
      return notes.length ? { contents: { kind: 'markdown', value: notes.map((n) => n.detail()).join('\n\n---\n\n') }, range: notes[0].range } : null;
    }
    return { contents: { kind: 'markdown', value: hits.map((f) => f.detail ?? f.message).join('\n\n---\n\n') }, range: hits[0].range };
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    try {
      const state = diagnostics.check(document);
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
      if (error instanceof ResponseError) return error;
      connection.console.error(`${params.command} failed: ${(error as Error).stack ?? error}`);
      return { error: (error as Error).message };
    }
  });

  documents.listen(connection);
  connection.listen();
}
