import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  ResponseError,
  TextDocuments,
  type Connection,
  type Hover,
  type Position,
  type InitializeParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ECOSYSTEMS } from '../ecosystems/registry';
import { CachingFileSource } from '../io/file-source';
import { TOOL_VERSION } from '../tool-version';
import { findingHover, dependencyHover } from '../findings/render/hover';
import { codeActionsFor } from './code-actions';
import { DocumentDiagnostics } from './document-diagnostics';
import { extendsHover } from './extends-hover';
import { dependencyInlayHints } from './inlay-hints';
import { policyRuleActions } from './policy-rule-actions';
import { OpenDocumentsFileSource } from './open-documents-file-source';
import { readInitializationOptions, StatusNotification } from '../protocol/ospo-protocol';
import { errorMessage, logUnknownError } from '../text/unknown-error';
import { localExceptionActions } from './local-exception-actions';
import { PolicyEditing } from './policy-editing';
import { ServerCommands } from './server-commands';
import { SelfWatching } from './self-watching';
import { readServerSettings } from './server-settings';
import { pathToUri, uriToPath } from './to-lsp';
import { WorkspaceFolders } from './workspace-folders';
import { StatusNotifier, workspaceStatus } from './workspace-status';

/**
 * Wires the engine to an LSP connection: documents, diagnostics, code actions, hovers, commands, watching. Called
 * when the client says `initialized`, with the params of the `initialize` that server.ts has already answered: the
 * client sends nothing else in between (LSP 3.17, "Initialized Notification").
 */
export function startLanguageServer(connection: Connection, params: InitializeParams): void {
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
  const logError = (line: string) => connection.console.error(line);
  const status = new StatusNotifier(
    (serverError) => workspaceStatus(folders, diagnostics.published(), serverError),
    (current) => void connection.sendNotification(StatusNotification, current),
    (line) => connection.console.info(line),
  );
  const diagnostics = new DocumentDiagnostics(
    connection,
    documents,
    folders,
    () => status.schedule(),
    (filePath, error) => status.outcome(`checking ${filePath}`, error === undefined ? undefined : errorMessage(error)),
  );
  const abilities = { applyEdit: false, showDocument: false };
  const commands = new ServerCommands({ connection, folders, diagnostics, files, status: () => status.current(), client: () => abilities });
  const policyEditing = new PolicyEditing(folders, diagnostics);
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let supportsConfigurationRegistration = false;
  // A client that says nothing of trust (any but VS Code, unless configured) runs restricted: say so in its log.
  let trustUnstated = false;
  let supportsWorkspaceFolders = false;
  let supportsInlayHintRefresh = false;

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
        logUnknownError(logError, 'reading settings', error);
        status.outcome('reading settings', errorMessage(error));
        if (pushed.ospo === undefined && pushed.python === undefined) return;
      }
    } else if (pushed.ospo === undefined && pushed.python === undefined) {
      return;
    }
    const answered = (value: unknown) => (value !== null && typeof value === 'object' ? value : undefined);
    list.forEach((folder, i) =>
      folders.applySettings(folder, readServerSettings(answered(raw[2 * i]) ?? pushed.ospo, answered(raw[2 * i + 1]) ?? pushed.python)),
    );
    status.outcome('reading settings', undefined);
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

  /** What the client said of itself and its folders in `initialize`. */
  function applyInitialize(init: InitializeParams): void {
    const options = readInitializationOptions(init.initializationOptions);
    // Without word from the client, assume the restricted mode: no policy from outside the folder.
    folders.trusted = options.trusted === true;
    trustUnstated = options.trusted === undefined;
    supportsConfiguration = init.capabilities.workspace?.configuration === true;
    supportsWatchRegistration = init.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsConfigurationRegistration = init.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    supportsWorkspaceFolders = init.capabilities.workspace?.workspaceFolders === true;
    abilities.applyEdit = init.capabilities.workspace?.applyEdit === true;
    abilities.showDocument = init.capabilities.window?.showDocument?.support === true;
    supportsInlayHintRefresh = init.capabilities.workspace?.inlayHint?.refreshSupport === true;
    for (const folder of init.workspaceFolders ?? []) {
      const root = uriToPath(folder.uri);
      if (root) folders.add(root);
    }
    const rootUri = init.rootUri ? uriToPath(init.rootUri) : undefined;
    if (folders.size === 0 && rootUri) folders.add(rootUri);
  }

  async function initialized(): Promise<void> {
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
          if (root) {
            folders.remove(root);
            diagnostics.forgetAuditUnder(root);
          }
        }
        for (const added of event.added) {
          const root = uriToPath(added.uri);
          if (root) folders.add(root);
        }
        await pullSettings();
        diagnostics.recheckAll();
        status.schedule();
        selfWatching?.refresh();
      });
    }
    await pullSettings();
    diagnostics.recheckAll();
    selfWatching?.refresh(true);
    connection.console.log(`OSPO Guide ${TOOL_VERSION} ready (${folders.size} folder(s), ${folders.trusted ? 'trusted' : 'restricted'} workspace)`);
    status.start();
    if (trustUnstated) {
      connection.console.info(
        'restricted: the client sent no initializationOptions.trusted, so no policy is loaded from outside the folder, no online lookup is made and no request URL is given; send { "trusted": true } for folders you trust',
      );
    }
  }

  connection.onDidChangeConfiguration(async (params) => {
    const settings: unknown = params.settings;
    if (settings !== null && typeof settings === 'object') {
      const sections = settings as Record<string, unknown>;
      if ('ospo' in sections) pushed.ospo = sections.ospo;
      if ('python' in sections) pushed.python = sections.python;
    }
    await pullSettings();
    diagnostics.recheckAll();
    status.schedule();
    // A setting may name another policy file.
    selfWatching?.refresh();
    // Hints are asked for by the client; a setting that turns them on or off must make it ask again.
    if (supportsInlayHintRefresh) void connection.languages.inlayHint.refresh();
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

  connection.onCompletion((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? policyEditing.completion(document, params) : [];
  });

  connection.onHover(async (params) => {
    const filePath = uriToPath(params.textDocument.uri);
    if (!filePath) return null;
    const ctx = folders.folderFor(filePath).engine.renderContext();
    const hits = await diagnostics.findingsAt(params.textDocument.uri, params.position);
    // An `extends` entry says what it resolved to; the rest of a policy file gets the policy-editing hovers.
    const base = baseHover(params.textDocument.uri, params.position, hits.map((f) => findingHover(f, ctx)));
    if (base) return base;
    const policyDocument = documents.get(params.textDocument.uri);
    if (policyDocument && policyEditing.isPolicyDocument(policyDocument)) return policyEditing.hover(policyDocument, params);
    // A dependency that passes still says what its license is, where that came from and why it passes, also
    // below the findings of packages it brings in.
    const notes = await diagnostics.notesAt(params.textDocument.uri, params.position);
    const parts = [...hits.map((f) => findingHover(f, ctx)), ...notes.map((n) => dependencyHover(n.facts, ctx))];
    const range = hits[0]?.range ?? notes[0]?.range;
    return range ? { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range } : null;
  });

  connection.languages.inlayHint.on(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const filePath = uriToPath(params.textDocument.uri);
    if (!document || !filePath || !folders.folderFor(filePath).settings.inlayHints) return [];
    const state = await diagnostics.analysis(document);
    return dependencyInlayHints(state.text, state.findings, state.notes, params.range);
  });

  /** The hover on an `extends` entry of a folder's policy chain. */
  function baseHover(uri: string, position: Position, findings: readonly string[]): Hover | null {
    const filePath = uriToPath(uri);
    const document = documents.get(uri);
    if (!filePath || !document) return null;
    const folder = folders.all().find((f) => folders.isPolicyInput(f, filePath) && filePath !== f.engine.approvalsPath);
    return folder ? extendsHover(folder.engine, filePath, document.getText(), position, findings) : null;
  }

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    try {
      const state = await diagnostics.analysis(document);
      const own = uriToPath(document.uri);
      const folder = own ? folders.folderFor(own) : undefined;
      const contextual = own && folder?.settings.enable ? folder.engine.contextualFixes(own, state.text) : [];
      const textOf = (p: string) => (p === own ? state.text : files.readText(p));
      const local = folder?.settings.enable ? localExceptionActions(state.findings, params, folder, textOf) : [];
      const rules = folder ? policyRuleActions(state.findings, params, folder.engine.renderContext()) : [];
      return [...codeActionsFor(state, params, (p) => textOf(p) ?? '', contextual), ...rules, ...local, ...policyEditing.codeActions(document, params)];
    } catch (error) {
      logUnknownError(logError, 'code actions', error);
      return [];
    }
  });

  // Not `onExecuteCommand`: its wrapper deletes `workDoneToken` from the params, and the audit reports its progress
  // on the token the client created (VS Code shows it in the cancellable notification the client opened).
  connection.onRequest(ExecuteCommandRequest.type, async (params, cancellation) => {
    try {
      const result = await commands.execute(params, cancellation);
      status.outcome(params.command, undefined);
      return result;
    } catch (error) {
      // Params the command's declaration rejects are the client's mistake: answered as such, not logged.
      if (error instanceof ResponseError) throw error;
      logUnknownError(logError, params.command, error);
      status.outcome(params.command, errorMessage(error));
      return { error: errorMessage(error) };
    }
  });

  documents.listen(connection);
  applyInitialize(params);
  initialized().catch((error: unknown) => logUnknownError(logError, 'initialized', error));
}
