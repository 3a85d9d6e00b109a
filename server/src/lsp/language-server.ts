import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { appendApprovalRequestEdit, reviewApprovalEdit } from '../approvals/append-approval';
import { isoDate } from '../approvals/find-approval';
import { runAudit, type AuditResult } from '../audit/run-audit';
import { ECOSYSTEMS } from '../ecosystems/registry';
import type { DependencySubject, Finding } from '../findings/finding';
import { CachingFileSource } from '../io/file-source';
import { toJsonReport } from '../report/json-report';
import { toMarkdownReport } from '../report/markdown-report';
import { toSarif } from '../report/sarif-report';
import { TOOL_VERSION } from '../tool-version';
import { WorkspaceEngine } from '../workspace/workspace-engine';
import { planHeaderFixes } from '../audit/plan-header-fixes';
import { projectLicense } from '../policy/load-policy';
import { starterPolicyText } from '../policy/starter-policy';
import { gitIdentity } from './git-identity';
import { OpenDocumentsFileSource } from './open-documents-file-source';
import { DEFAULT_SETTINGS, readServerSettings, type ServerSettings } from './server-settings';
import { pathToUri, toDiagnostic, toWorkspaceEdit, uriToPath } from './to-lsp';

/** Commands the server executes; the client's own commands gather input and call these. */
export const SERVER_COMMANDS = {
  requestApproval: 'ospo.server.requestApproval',
  reviewApproval: 'ospo.server.reviewApproval',
  audit: 'ospo.server.audit',
  exportReport: 'ospo.server.exportReport',
  status: 'ospo.server.status',
  approvals: 'ospo.server.approvals',
  headerFixPlan: 'ospo.server.headerFixPlan',
  starterPolicy: 'ospo.server.starterPolicy',
} as const;

/** The client command a "Request approval" code action runs: it asks the person for a justification. */
export const CLIENT_REQUEST_APPROVAL_COMMAND = 'ospo.requestApproval';

interface Folder {
  readonly root: string;
  settings: ServerSettings;
  engine: WorkspaceEngine;
}

interface DocumentCheckState {
  readonly version: number;
  readonly text: string;
  readonly findings: readonly Finding[];
}

export interface RequestApprovalArgs {
  readonly subject: DependencySubject;
  readonly justification: string;
  /** The manifest the request came from; picks the workspace folder. */
  readonly uri?: string;
  readonly requestedBy?: string;
}

export interface ReviewApprovalArgs {
  readonly folderUri?: string;
  readonly index: number;
  readonly decision: 'approved' | 'rejected';
  readonly comment?: string;
  readonly reviewedBy?: string;
}

/** Wires the engine to an LSP connection: documents, diagnostics, code actions, hovers, commands, watching. */
export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const disk = new CachingFileSource();
  const files = new OpenDocumentsFileSource(disk);
  const folders = new Map<string, Folder>();
  const checks = new Map<string, DocumentCheckState>();
  const policyDiagnostics = new Map<string, Finding[]>();
  const auditDiagnostics = new Map<string, Finding[]>();
  const pending = new Map<string, NodeJS.Immediate>();
  let trusted = false;
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let lastAudit: AuditResult[] = [];

  const log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);
  const guard = <T>(what: string, fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (error) {
      connection.console.error(`${what} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  };

  function createEngine(root: string, settings: ServerSettings): WorkspaceEngine {
    return new WorkspaceEngine({
      root,
      files,
      trusted,
      ...(settings.policyFile ? { policyFile: settings.policyFile } : {}),
      checkHeaders: settings.headersEnabled,
      checkDependencies: settings.dependenciesEnabled,
      env: process.env,
      homeDir: os.homedir(),
    });
  }

  function addFolder(root: string): void {
    folders.set(root, { root, settings: DEFAULT_SETTINGS, engine: createEngine(root, DEFAULT_SETTINGS) });
  }

  /** The folder that holds a file: the deepest workspace folder containing it, else one rooted at its directory. */
  function folderFor(filePath: string): Folder {
    let best: Folder | undefined;
    for (const folder of folders.values()) {
      const rel = path.relative(folder.root, filePath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    if (best) return best;
    const root = path.dirname(filePath);
    addFolder(root);
    return folders.get(root)!;
  }

  function publish(uri: string): void {
    const filePath = uriToPath(uri);
    const own = documents.get(uri) ? checks.get(uri)?.findings ?? [] : auditDiagnostics.get(uri) ?? [];
    const policy = filePath ? policyDiagnostics.get(filePath) ?? [] : [];
    void connection.sendDiagnostics({ uri, diagnostics: [...own, ...policy].map(toDiagnostic) });
  }

  function refreshPolicyDiagnostics(): void {
    const next = new Map<string, Finding[]>();
    for (const folder of folders.values()) {
      if (!folder.settings.enable) continue;
      for (const finding of folder.engine.policyFindings()) {
        next.set(finding.path, [...(next.get(finding.path) ?? []), finding]);
      }
    }
    const touched = new Set([...policyDiagnostics.keys(), ...next.keys()]);
    policyDiagnostics.clear();
    for (const [p, f] of next) policyDiagnostics.set(p, f);
    for (const p of touched) publish(pathToUri(p));
  }

  function check(document: TextDocument): DocumentCheckState {
    const existing = checks.get(document.uri);
    if (existing && existing.version === document.version) return existing;
    const filePath = uriToPath(document.uri);
    let findings: readonly Finding[] = [];
    if (filePath) {
      const folder = folderFor(filePath);
      if (folder.settings.enable) {
        findings = guard(`checking ${filePath}`, () => folder.engine.checkDocument(filePath, document.getText(), document.languageId).findings, []);
      }
    }
    const state = { version: document.version, text: document.getText(), findings };
    checks.set(document.uri, state);
    return state;
  }

  /** Coalesces bursts of edits: the check runs once the current batch of messages has been read. */
  function schedule(uri: string): void {
    if (pending.has(uri)) return;
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        const document = documents.get(uri);
        if (!document) return;
        check(document);
        publish(uri);
      }),
    );
  }

  function recheckAll(): void {
    checks.clear();
    refreshPolicyDiagnostics();
    for (const document of documents.all()) schedule(document.uri);
  }

  function isPolicyInput(folder: Folder, filePath: string): boolean {
    const source = folder.engine.policyLoad.policy.source;
    return filePath === folder.engine.policyPath || filePath === folder.engine.approvalsPath || (source.kind === 'file' && source.chain.includes(filePath));
  }

  async function pullSettings(): Promise<void> {
    if (!supportsConfiguration) return;
    const list = [...folders.values()];
    const raw = await connection.workspace.getConfiguration(list.map((f) => ({ scopeUri: pathToUri(f.root), section: 'ospo' })));
    list.forEach((folder, i) => {
      folder.settings = readServerSettings(raw[i]);
      folder.engine = createEngine(folder.root, folder.settings);
    });
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { trusted?: boolean };
    // Without word from the client, assume the restricted mode: no policy from outside the folder.
    trusted = options.trusted === true;
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    supportsWatchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    for (const folder of params.workspaceFolders ?? []) {
      const root = uriToPath(folder.uri);
      if (root) addFolder(root);
    }
    if (folders.size === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) addFolder(root);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.ospo`], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'OSPO Guide', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ospo' });
    if (supportsWatchRegistration) {
      const inputs = new Set(['**/.ospo/**', '**/package.json', ...ECOSYSTEMS.flatMap((e) => e.resolutionInputs.map((g) => `**/${g}`))]);
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [...inputs].map((globPattern) => ({ globPattern })) });
    }
    connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const removed of event.removed) {
        const root = uriToPath(removed.uri);
        if (root) folders.delete(root);
      }
      for (const added of event.added) {
        const root = uriToPath(added.uri);
        if (root) addFolder(root);
      }
      await pullSettings();
      recheckAll();
    });
    await guard('reading settings', () => pullSettings(), Promise.resolve());
    recheckAll();
    log(`OSPO Guide ${TOOL_VERSION} ready (${folders.size} folder(s), ${trusted ? 'trusted' : 'restricted'} workspace)`);
  });

  connection.onDidChangeConfiguration(async () => {
    await guard('reading settings', () => pullSettings(), Promise.resolve());
    recheckAll();
  });

  documents.onDidOpen((event) => {
    const filePath = uriToPath(event.document.uri);
    if (filePath) files.setOpen(filePath, () => documents.get(event.document.uri)?.getText() ?? '');
  });
  documents.onDidChangeContent((event) => {
    const filePath = uriToPath(event.document.uri);
    if (filePath) {
      for (const folder of folders.values()) {
        if (isPolicyInput(folder, filePath)) {
          folder.engine.fileChanged(filePath);
          recheckAll();
          return;
        }
      }
    }
    schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    checks.delete(event.document.uri);
    const filePath = uriToPath(event.document.uri);
    if (filePath) {
      files.setClosed(filePath);
      for (const folder of folders.values()) if (isPolicyInput(folder, filePath)) folder.engine.fileChanged(filePath);
    }
    publish(event.document.uri);
  });

  connection.onDidChangeWatchedFiles((event) => {
    let changed = false;
    for (const change of event.changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      for (const folder of folders.values()) {
        const rel = path.relative(folder.root, filePath);
        if (rel.startsWith('..') || path.isAbsolute(rel)) {
          if (isPolicyInput(folder, filePath)) folder.engine.fileChanged(filePath);
          continue;
        }
        folder.engine.fileChanged(filePath);
        changed = true;
      }
    }
    if (changed || event.changes.length) recheckAll();
  });

  connection.onHover((params) => {
    const state = checks.get(params.textDocument.uri);
    if (!state) return null;
    const { line, character } = params.position;
    const hits = state.findings.filter(
      (f) =>
        (f.range.start.line < line || (f.range.start.line === line && f.range.start.character <= character)) &&
        (f.range.end.line > line || (f.range.end.line === line && f.range.end.character >= character)),
    );
    if (!hits.length) return null;
    return { contents: { kind: 'markdown', value: hits.map((f) => f.detail ?? f.message).join('\n\n---\n\n') }, range: hits[0].range };
  });

  connection.onCodeAction((params) =>
    guard('code actions', () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const state = check(document);
      const only = params.context.only;
      const wantsFixAll = only?.some((k) => k === CodeActionKind.SourceFixAll || k === `${CodeActionKind.SourceFixAll}.ospo` || k === CodeActionKind.Source);
      const textOf = (p: string) => (p === uriToPath(document.uri) ? state.text : files.readText(p) ?? '');
      const actions: CodeAction[] = [];
      if (wantsFixAll) {
        const edits = state.findings.flatMap((f) => f.fixes).filter((fix) => fix.kind === 'edit' && fix.fixAll);
        if (edits.length) {
          actions.push({
            title: 'Fix all OSPO Guide problems',
            kind: `${CodeActionKind.SourceFixAll}.ospo`,
            edit: toWorkspaceEdit(edits.flatMap((fix) => (fix.kind === 'edit' ? fix.edits : [])), textOf),
          });
        }
        if (only && !only.includes(CodeActionKind.QuickFix)) return actions;
      }
      const { start, end } = params.range;
      const overlapping = state.findings.filter((f) => !(f.range.end.line < start.line || f.range.start.line > end.line));
      for (const finding of overlapping) {
        const diagnostic = toDiagnostic(finding);
        for (const fix of finding.fixes) {
          if (fix.kind === 'edit') {
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diagnostic], edit: toWorkspaceEdit(fix.edits, textOf) });
          } else {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              command: { title: fix.title, command: CLIENT_REQUEST_APPROVAL_COMMAND, arguments: [{ subject: fix.subject, uri: document.uri }] },
            });
          }
        }
      }
      return actions;
    }, []),
  );

  connection.onExecuteCommand(async (params, cancellation) => {
    const args = (params.arguments ?? [])[0] as Record<string, unknown> | undefined;
    switch (params.command) {
      case SERVER_COMMANDS.requestApproval:
        return requestApproval(args as unknown as RequestApprovalArgs);
      case SERVER_COMMANDS.reviewApproval:
        return reviewApproval(args as unknown as ReviewApprovalArgs);
      case SERVER_COMMANDS.audit:
        return audit(params.workDoneToken, () => cancellation.isCancellationRequested);
      case SERVER_COMMANDS.exportReport:
        return exportReport((args?.format as string) ?? 'sarif');
      case SERVER_COMMANDS.status:
        return status();
      case SERVER_COMMANDS.approvals:
        return listApprovals();
      case SERVER_COMMANDS.headerFixPlan:
        return headerFixPlan(args?.folderUri as string | undefined);
      case SERVER_COMMANDS.starterPolicy:
        return starterPolicy(args?.folderUri as string | undefined);
      default:
        return { error: `unknown command ${params.command}` };
    }
  });

  function folderForUri(uri: string | undefined): Folder | undefined {
    const filePath = uri ? uriToPath(uri) : undefined;
    if (filePath) return folderFor(filePath);
    return folders.values().next().value;
  }

  async function requestApproval(args: RequestApprovalArgs): Promise<{ applied: boolean; url?: string; error?: string }> {
    if (!args?.subject?.purl || typeof args.justification !== 'string') return { applied: false, error: 'a dependency and a justification are required' };
    const folder = folderForUri(args.uri);
    if (!folder) return { applied: false, error: 'no workspace folder' };
    const logPath = folder.engine.approvalsPath;
    const requestedBy = args.requestedBy ?? gitIdentity(folder.root) ?? os.userInfo().username;
    const versionSpec = args.subject.versionSpec ?? args.subject.version;
    const edit = appendApprovalRequestEdit(logPath, files.readText(logPath), {
      package: args.subject.purl,
      ...(versionSpec ? { version: versionSpec } : {}),
      ...(args.subject.license ? { license: args.subject.license } : {}),
      requestedBy,
      requestedAt: isoDate(new Date()),
      justification: args.justification,
    });
    if ('error' in edit) return { applied: false, error: edit.error };
    const result = await connection.workspace.applyEdit({ label: `Request approval for ${args.subject.name}`, edit: toWorkspaceEdit([edit], (p) => files.readText(p) ?? '') });
    if (!result.applied) return { applied: false, error: result.failureReason ?? 'the editor did not apply the edit' };
    folder.engine.fileChanged(logPath);
    recheckAll();
    const template = folder.engine.policy.approvals.requestUrl;
    if (!template || !trusted) return { applied: true };
    const title = `Approval request: ${args.subject.name}${args.subject.license ? ` (${args.subject.license})` : ''}`;
    const body = [`Package: ${args.subject.purl}`, versionSpec ? `Version: ${versionSpec}` : '', `License: ${args.subject.license ?? 'unknown'}`, `Requested by: ${requestedBy}`, '', args.justification]
      .filter((l, i) => l !== '' || i === 4)
      .join('\n');
    return { applied: true, url: template.replace(/\{title\}/g, encodeURIComponent(title)).replace(/\{body\}/g, encodeURIComponent(body)) };
  }

  async function reviewApproval(args: ReviewApprovalArgs): Promise<{ applied: boolean; error?: string }> {
    const folder = folderForUri(args?.folderUri);
    if (!folder) return { applied: false, error: 'no workspace folder' };
    const logPath = folder.engine.approvalsPath;
    const text = files.readText(logPath);
    const entry = folder.engine.approvals.entries.find((e) => e.index === args.index);
    if (text === undefined || !entry) return { applied: false, error: 'no such approval request' };
    const edit = reviewApprovalEdit(logPath, text, {
      index: args.index,
      status: args.decision,
      reviewedBy: args.reviewedBy ?? gitIdentity(folder.root) ?? os.userInfo().username,
      reviewedAt: isoDate(new Date()),
      ...(args.comment ? { comment: args.comment } : {}),
    });
    const result = await connection.workspace.applyEdit({ label: `Review approval for ${entry.package}`, edit: toWorkspaceEdit([edit], () => text) });
    if (!result.applied) return { applied: false, error: result.failureReason ?? 'the editor did not apply the edit' };
    folder.engine.fileChanged(logPath);
    recheckAll();
    return { applied: true };
  }

  /** Cancelling the request (`$/cancelRequest`) stops the walk; what was found so far is still published. */
  async function audit(token: string | number | undefined, isCancelled: () => boolean): Promise<object> {
    // A client-created token shows the progress where the client chose (a cancellable notification in VS Code).
    const reporter = token !== undefined ? connection.window.attachWorkDoneProgress(token) : await connection.window.createWorkDoneProgress();
    reporter.begin('Auditing workspace', 0, 'Walking files…', true);
    const results: AuditResult[] = [];
    try {
      for (const folder of folders.values()) {
        if (!folder.settings.enable) continue;
        // Yield to the event loop between folders so the cancellation can arrive.
        await new Promise((resolve) => setImmediate(resolve));
        results.push(await runAudit(folder.engine, { isCancelled, onProgress: (n, current) => reporter.report(`${n} files… ${current}`) }));
      }
    } finally {
      reporter.done();
    }
    const previous = new Set(auditDiagnostics.keys());
    auditDiagnostics.clear();
    for (const result of results) {
      for (const finding of result.findings) {
        if (finding.code === 'policy-invalid') continue;
        const uri = pathToUri(finding.path);
        auditDiagnostics.set(uri, [...(auditDiagnostics.get(uri) ?? []), finding]);
      }
    }
    for (const uri of new Set([...previous, ...auditDiagnostics.keys()])) publish(uri);
    lastAudit = results;
    return { cancelled: isCancelled(), folders: results.map((r) => ({ root: r.root, ...toJsonReport(r) })) };
  }

  function exportReport(format: string): { format: string; content: string } | { error: string } {
    if (!lastAudit.length) return { error: 'run an audit first' };
    if (format === 'markdown') return { format, content: lastAudit.map((r) => toMarkdownReport(r)).join('\n\n') };
    if (format === 'sarif') {
      const [first, ...rest] = lastAudit.map((r) => toSarif(r, TOOL_VERSION) as { runs: unknown[] });
      for (const other of rest) first.runs.push(...other.runs);
      return { format, content: JSON.stringify(first, null, 2) + '\n' };
    }
    return { error: `unknown format ${format}` };
  }

  function listApprovals(): object {
    return {
      folders: [...folders.values()].map((folder) => ({
        folderUri: pathToUri(folder.root),
        log: folder.engine.approvalsPath,
        entries: folder.engine.approvals.entries.map(({ span: _span, ...entry }) => entry),
      })),
    };
  }

  function headerFixPlan(folderUri: string | undefined): object {
    const folder = folderForUri(folderUri);
    if (!folder) return { files: [] };
    const plans = guard('planning header fixes', () => planHeaderFixes(folder.engine), []);
    const texts = new Map(plans.map((p) => [p.path, p.text]));
    return {
      files: plans.map((p) => ({ uri: pathToUri(p.path), relativePath: p.relativePath, titles: p.titles })),
      edit: toWorkspaceEdit(plans.flatMap((p) => p.edits), (p) => texts.get(p) ?? files.readText(p) ?? ''),
    };
  }

  function starterPolicy(folderUri: string | undefined): object {
    const folder = folderForUri(folderUri);
    if (!folder) return { error: 'no workspace folder' };
    const policyPath = folder.engine.policyPath;
    return {
      uri: pathToUri(policyPath),
      exists: files.exists(policyPath),
      text: starterPolicyText(projectLicense(folder.root, files)),
    };
  }

  function status(): object {
    return {
      trusted,
      folders: [...folders.values()].map((folder) => {
        const source = folder.engine.policy.source;
        const counts = { error: 0, warning: 0, information: 0 };
        for (const [uri, state] of checks) {
          const filePath = uriToPath(uri);
          if (filePath && folderFor(filePath) === folder) for (const f of state.findings) counts[f.severity]++;
        }
        for (const [uri, findings] of auditDiagnostics) {
          if (documents.get(uri)) continue;
          const filePath = uriToPath(uri);
          if (filePath && folderFor(filePath) === folder) for (const f of findings) counts[f.severity]++;
        }
        return {
          root: folder.root,
          enabled: folder.settings.enable,
          policy: source.kind === 'file' ? { kind: 'file', path: source.path } : { kind: 'default', reason: source.reason },
          policyValid: folder.engine.policyLoad.kind === 'loaded',
          counts,
        };
      }),
    };
  }

  documents.listen(connection);
  connection.listen();
}
