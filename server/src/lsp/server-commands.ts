import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type CancellationToken, type Connection, type ExecuteCommandParams, type Range } from 'vscode-languageserver';
import { appendApprovalRequestEdit, lastJustificationSpan, reviewApprovalEdit } from '../approvals/append-approval';
import { mayApprove } from '../approvals/approval-validity';
import { isoDate, sameLicense, samePackage } from '../approvals/find-approval';
import { planHeaderFixes } from '../audit/plan-header-fixes';
import { runAudit, type AuditProgress, type AuditResult } from '../audit/run-audit';
import { requestRuling } from '../dependencies/request-ruling';
import type { FileEdit } from '../findings/finding';
import { writeFileAtomic } from '../io/atomic-write';
import type { FileSource } from '../io/file-source';
import { chooseExpiry, expiryDate } from '../policy/approval-expiry';
import { projectLicense } from '../policy/load-policy';
import { starterPolicyText } from '../policy/starter-policy';
import { toJsonReport } from '../report/json-report';
import { toMarkdownReport } from '../report/markdown-report';
import { toSarif } from '../report/sarif-report';
import {
  SERVER_COMMANDS,
  serverCommandKey,
  type AppliedResult,
  type ApprovalsFolder,
  type AuditReport,
  type ExportFormat,
  type ExportReportResult,
  type HeaderFixPlan,
  type OspoStatus,
  type RequestApprovalParams,
  type RequestApprovalResult,
  type ReviewApprovalParams,
  type ServerCommandKey,
  type ServerCommandTypes,
  type StarterPolicyResult,
} from '../protocol/ospo-protocol';
import { LineIndex } from '../text/line-index';
import { applyOffsetEdits } from '../text/text-edit';
import { encodeUriComponentSafely } from '../text/uri-component';
import { TOOL_VERSION } from '../tool-version';
import { isSbomFormat } from '../sbom/sbom-format';
import { generateNotices } from './notices-request';
import { showPolicyEntry } from './policy-rule-actions';
import { showRuleDocumentation } from './rule-documentation';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import type { DocumentDiagnostics } from './document-diagnostics';
import { gitIdentity } from './git-identity';
import { pathToUri, toWorkspaceEdit } from './to-lsp';
import type { WorkspaceFolders } from './workspace-folders';

/** What the client said it can do, in `initialize`. */
export interface ClientAbilities {
  readonly applyEdit: boolean;
  readonly showDocument: boolean;
}

interface CommandContext {
  readonly connection: Connection;
  /** The status as `ospo/status` reports it. */
  readonly status: () => OspoStatus;
  readonly folders: WorkspaceFolders;
  readonly diagnostics: DocumentDiagnostics;
  readonly files: FileSource & { invalidate(path: string): void };
  readonly client: () => ClientAbilities;
}

/** How a command was asked for: the client's progress token and the request's cancellation. */
interface CommandRequest {
  readonly workDoneToken: string | number | undefined;
  readonly cancellation: CancellationToken;
}

/** One handler per declared command, returning exactly the declared result. */
type CommandHandlers = {
  readonly [K in ServerCommandKey]: (params: ServerCommandTypes[K]['params'], request: CommandRequest) => ServerCommandTypes[K]['result'] | Promise<ServerCommandTypes[K]['result']>;
};

/** Checks a command's argument against its declaration and runs its handler; bad params are answered InvalidParams. */
function runCommand<K extends ServerCommandKey>(key: K, handlers: CommandHandlers, argument: unknown, request: CommandRequest): ServerCommandTypes[K]['result'] | Promise<ServerCommandTypes[K]['result']> {
  const command = SERVER_COMMANDS[key];
  // A command without params may be sent with no argument at all.
  const checked = command.params(argument ?? {}, 'arguments[0]');
  if (!checked.ok) throw new ResponseError(ErrorCodes.InvalidParams, `${command.name}: ${checked.reason}`);
  return handlers[key](checked.value, request);
}

/** Executes `ospo.server.*` commands. */
export class ServerCommands {
  private lastAudit: AuditResult[] = [];
  private readonly handlers: CommandHandlers = {
    requestApproval: (params) => this.requestApproval(params),
    reviewApproval: (params) => this.reviewApproval(params),
    audit: (_params, request) => this.audit(request.workDoneToken, () => request.cancellation.isCancellationRequested),
    exportReport: (params) => this.exportReport(params.format ?? 'sarif'),
    status: () => this.ctx.status(),
    approvals: () => this.listApprovals(),
    headerFixPlan: (params) => this.headerFixPlan(params.folderUri),
    starterPolicy: (params) => this.starterPolicy(params.folderUri),
    showPolicyEntry: (params) => showPolicyEntry(this.ctx.connection, params),
    showRuleDocumentation: (params) => showRuleDocumentation(this.ctx.connection, params, this.ctx.client().showDocument),
    notices: (params, request) => generateNotices(this.ctx.connection, this.ctx.folders, params.format, request.workDoneToken, () => request.cancellation.isCancellationRequested),
  };

  constructor(private readonly ctx: CommandContext) {}

  async execute(params: ExecuteCommandParams, cancellation: CancellationToken): Promise<unknown> {
    const key = serverCommandKey(params.command);
    // A real error, so that the client reports it instead of taking an answer for success.
    if (!key) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    return runCommand(key, this.handlers, params.arguments?.[0], { workDoneToken: params.workDoneToken, cancellation });
  }

  private async requestApproval(args: RequestApprovalParams): Promise<RequestApprovalResult> {
    if (!args?.subject?.purl) return { applied: false, error: 'a dependency is required' };
    if (args.justification !== undefined && typeof args.justification !== 'string') return { applied: false, error: 'the justification must be a string' };
    if (args.license !== undefined && typeof args.license !== 'string') return { applied: false, error: 'the requested license must be a string' };
    const folder = this.ctx.folders.folderForUri(args.uri);
    if (!folder) return { applied: false, error: 'no workspace folder' };
    const logPath = folder.engine.approvalsPath;
    const refusal = folder.engine.approvalsLogRefusal();
    if (refusal) return { applied: false, error: refusal };
    const requestedBy = args.requestedBy ?? gitIdentity(folder.root) ?? os.userInfo().username;
    const versionSpec = args.subject.versionSpec ?? args.subject.version;
    const detected = args.subject.license;
    const license = args.license?.trim() || detected;
    // A client that cannot ask (any editor but VS Code) sends none: the entry is recorded with an empty
    // justification for the requester to fill in, and stays `requested` like any other.
    const justification = args.justification?.trim() ?? '';
    // A request for a license the metadata does not state is recorded with both, so the reviewer sees the gap.
    const mismatch = license !== undefined && detected !== undefined && !sameLicense(license, detected) ? { requested: license, detected } : undefined;
    const before = this.ctx.files.readText(logPath);
    const edit = appendApprovalRequestEdit(logPath, before, {
      package: args.subject.purl,
      ...(versionSpec ? { version: versionSpec } : {}),
      ...(license ? { license } : {}),
      ...(mismatch ? { detectedLicense: mismatch.detected } : {}),
      requestedBy,
      requestedAt: isoDate(new Date()),
      justification,
    });
    if ('error' in edit) return { applied: false, error: edit.error };
    const written = await this.writeLog(logPath, before, edit, `Request approval for ${args.subject.name}`);
    if (written.error !== undefined) return { applied: false, error: written.error };
    folder.engine.fileChanged(logPath);
    this.ctx.diagnostics.recheckAll();
    if (!justification) return { applied: true, ...(await this.showJustification(logPath, written.text, args.subject.name)), ...(mismatch ? { mismatch } : {}) };
    const template = folder.engine.policy.approvals.requestUrl;
    // A URL named by the workspace is opened only when the workspace is trusted; the requester is told it was not.
    if (!template) return { applied: true, ...(mismatch ? { mismatch } : {}) };
    if (!this.ctx.folders.trusted) return { applied: true, urlNotOpened: 'restricted', ...(mismatch ? { mismatch } : {}) };
    const title = `Approval request: ${args.subject.name}${license ? ` (${license})` : ''}`;
    const body = [
      `Package: ${args.subject.purl}`,
      ...(versionSpec ? [`Version: ${versionSpec}`] : []),
      `License: ${license ?? 'unknown'}`,
      ...(mismatch ? [`Detected license: ${mismatch.detected} (differs from the requested license)`] : []),
      `Requested by: ${requestedBy}`,
      '',
      justification,
    ].join('\n');
    return {
      applied: true,
      url: template.replace(/\{title\}/g, encodeUriComponentSafely(title)).replace(/\{body\}/g, encodeUriComponentSafely(body)),
      ...(mismatch ? { mismatch } : {}),
    };
  }

  /**
   * Writes an edit of the approvals log: through the editor (undoable, and an open unsaved log is edited as it
   * is), or, for a client that cannot apply edits, straight to disk with an atomic write. Returns the log's text
   * after the edit.
   */
  private async writeLog(logPath: string, before: string | undefined, edit: FileEdit, label: string): Promise<{ text: string; error?: undefined } | { error: string }> {
    const after = applyOffsetEdits(before ?? '', edit.edits);
    if (!this.ctx.client().applyEdit) {
      try {
        fs.mkdirSync(path.dirname(logPath), { recursive: true });
        writeFileAtomic(logPath, after);
      } catch (error) {
        return { error: `could not write ${logPath}: ${(error as Error).message}` };
      }
      return { text: after };
    }
    const result = await this.ctx.connection.workspace.applyEdit({ label, edit: toWorkspaceEdit([edit], () => before ?? '') });
    if (!result.applied) return { error: result.failureReason ?? 'the editor did not apply the edit' };
    return { text: after };
  }

  /**
   * Puts the requester at the empty justification of the entry just recorded: `window/showDocument` where the
   * client supports it, a message naming the line elsewhere.
   */
  private async showJustification(logPath: string, text: string, name: string): Promise<{ uri: string; selection?: Range; shown: boolean }> {
    const uri = pathToUri(logPath);
    const span = lastJustificationSpan(text);
    const selection = span ? new LineIndex(text).rangeOf(span) : undefined;
    let shown = false;
    if (this.ctx.client().showDocument) {
      try {
        shown = (await this.ctx.connection.window.showDocument({ uri, takeFocus: true, ...(selection ? { selection } : {}) })).success;
      } catch (error) {
        this.ctx.connection.console.warn(`showing ${logPath} failed: ${(error as Error).message}`);
      }
    }
    if (!shown) {
      const where = selection ? `${logPath}:${selection.start.line + 1}` : logPath;
      // A notification: a request with no actions to choose would hold up a client that waits for an answer.
      void this.ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Approval requested for ${name}: write the justification at ${where}, then save the log and submit it for review.` });
    }
    return { uri, ...(selection ? { selection } : {}), shown };
  }

  private async reviewApproval(args: ReviewApprovalParams): Promise<AppliedResult> {
    const folder = this.ctx.folders.folderForUri(args.folderUri);
    if (!folder) return { applied: false, error: 'no workspace folder' };
    const logPath = folder.engine.approvalsPath;
    const refusal = folder.engine.approvalsLogRefusal();
    if (refusal) return { applied: false, error: refusal };
    const text = this.ctx.files.readText(logPath);
    const entry = folder.engine.approvals.entries.find((e) => e.index === args.index);
    if (text === undefined || !entry) return { applied: false, error: 'no such approval request' };
    if (entry.status !== 'requested') return { applied: false, error: `the entry for ${entry.package} is already ${entry.status}` };
    const reviewedBy = args.reviewedBy ?? gitIdentity(folder.root) ?? os.userInfo().username;
    const today = isoDate(new Date());
    let expires: string | undefined;
    if (args.decision === 'approved') {
      // The log would not count such an approval: refuse it here rather than record a decision that is not one.
      const allowed = mayApprove(entry, reviewedBy, folder.engine.policy.approvals);
      if (!allowed.ok) return { applied: false, error: `this approval would not count: ${allowed.reason}` };
      const chosen = chooseExpiry(args.expires, today, folder.engine.policy.approvals.defaultExpiry);
      if ('error' in chosen) return { applied: false, error: `expiry: ${chosen.error}` };
      expires = chosen.expires;
    }
    const edit = reviewApprovalEdit(logPath, text, {
      index: args.index,
      status: args.decision,
      reviewedBy,
      reviewedAt: today,
      ...(args.comment ? { comment: args.comment } : {}),
      ...(expires ? { expires } : {}),
    });
    const result = await this.ctx.connection.workspace.applyEdit({ label: `Review approval for ${entry.package}`, edit: toWorkspaceEdit([edit], () => text) });
    if (!result.applied) return { applied: false, error: result.failureReason ?? 'the editor did not apply the edit' };
    folder.engine.fileChanged(logPath);
    this.ctx.diagnostics.recheckAll();
    return { applied: true };
  }

  /** Cancelling the request (`$/cancelRequest`) stops the walk; what was found so far is still published. */
  private async audit(token: string | number | undefined, isCancelled: () => boolean): Promise<AuditReport> {
    const { connection } = this.ctx;
    // A client-created token shows progress where the client chose (a cancellable notification in VS Code).
    const reporter = token !== undefined ? connection.window.attachWorkDoneProgress(token) : await connection.window.createWorkDoneProgress();
    reporter.begin('Auditing workspace', 0, 'Walking files…', true);
    const results: AuditResult[] = [];
    const notLoaded = new Map<string, string[]>();
    const folders = this.ctx.folders.workspace().filter((folder) => folder.settings.enable);
    try {
      for (const [i, folder] of folders.entries()) {
        if (isCancelled()) continue;
        const place = folders.length > 1 ? `${path.basename(folder.root)} (${i + 1} of ${folders.length}): ` : '';
        const result = await runAudit(folder.engine, { isCancelled, onProgress: (progress) => reporter.report(place + auditProgressMessage(progress)) });
        results.push(result);
        notLoaded.set(result.root, notLoadedParts(folder.engine));
        connection.console.info(auditLogLine(result, isCancelled()));
      }
    } finally {
      reporter.done();
    }
    this.ctx.diagnostics.setAuditResults(results);
    this.lastAudit = results;
    return {
      cancelled: isCancelled(),
      restricted: !this.ctx.folders.trusted,
      folders: results.map((r) => ({ root: r.root, notLoaded: notLoaded.get(r.root) ?? [], ...toJsonReport(r) })),
    };
  }

  private async exportReport(format: ExportFormat): Promise<ExportReportResult> {
    if (!this.lastAudit.length) return { error: 'run an audit first' };
    if (format === 'markdown') return { format, content: this.lastAudit.map((r) => toMarkdownReport(r)).join('\n\n') };
    if (format === 'sarif') {
      const [first, ...rest] = this.lastAudit.map((r) => toSarif(r, TOOL_VERSION) as { runs: unknown[] });
      for (const other of rest) first.runs.push(...other.runs);
      return { format, content: JSON.stringify(first, null, 2) + '\n' };
    }
    if (isSbomFormat(format)) {
      // Loaded on first use: the CycloneDX library is not needed to check documents.
      const { renderSbom } = await import('../sbom/render-sbom');
      return { format, content: renderSbom(format, this.lastAudit, { toolVersion: TOOL_VERSION, env: process.env }) };
    }
    return { error: `unknown format ${String(format)}` };
  }

  /**
   * The log's entries, each with what a reviewer must see: what the policy says about the requested license,
   * the license the workspace detects for the package now, and whether the current reviewer may approve it.
   */
  private listApprovals(): { folders: ApprovalsFolder[] } {
    const today = isoDate(new Date());
    return {
      folders: this.ctx.folders.workspace().map((folder) => {
        const policy = folder.engine.policy;
        const reviewer = gitIdentity(folder.root) ?? os.userInfo().username;
        const defaultExpires = expiryDate(today, policy.approvals.defaultExpiry);
        return {
          folderUri: pathToUri(folder.root),
          log: folder.engine.approvalsPath,
          reviewer,
          ...(defaultExpires ? { defaultExpires } : {}),
          entries: folder.engine.approvals.entries.map(({ span: _span, valueSpans: _valueSpans, ...entry }) => {
            const detected = this.detectedLicense(folder.root, entry.package) ?? entry.detectedLicense;
            const mismatch = entry.license !== undefined && detected !== undefined && !sameLicense(entry.license, detected);
            const allowed = mayApprove(entry, reviewer, policy.approvals);
            return {
              ...entry,
              ruling: requestRuling(entry.package, undefined, entry.license, policy),
              ...(detected !== undefined ? { detected, detectedRuling: requestRuling(entry.package, undefined, detected, policy) } : {}),
              licenseMismatch: mismatch,
              reviewable: allowed,
            };
          }),
        };
      }),
    };
  }

  /** The license the open documents or the last audit found for a package of this folder. */
  private detectedLicense(root: string, purl: string): string | undefined {
    for (const [, finding] of this.ctx.diagnostics.shown()) {
      if (finding.subject.kind === 'dependency' && finding.subject.license && samePackage(finding.subject.purl, purl) && this.ctx.folders.folderFor(finding.path).root === root) {
        return finding.subject.license;
      }
    }
    const audit = this.lastAudit.find((r) => r.root === root);
    return audit?.packages.find((p) => p.license && samePackage(p.purl, purl))?.license;
  }

  private headerFixPlan(folderUri: string | undefined): HeaderFixPlan {
    const folder = this.ctx.folders.folderForUri(folderUri);
    if (!folder) return { files: [] };
    const plans = planHeaderFixes(folder.engine);
    const texts = new Map(plans.map((p) => [p.path, p.text]));
    return {
      files: plans.map((p) => ({ uri: pathToUri(p.path), relativePath: p.relativePath, titles: p.titles })),
      edit: toWorkspaceEdit(plans.flatMap((p) => p.edits), (p) => texts.get(p) ?? this.ctx.files.readText(p) ?? ''),
    };
  }

  private starterPolicy(folderUri: string | undefined): StarterPolicyResult {
    const folder = this.ctx.folders.folderForUri(folderUri);
    if (!folder) return { error: 'no workspace folder' };
    const policyPath = folder.engine.policyPath;
    return { uri: pathToUri(policyPath), exists: this.ctx.files.exists(policyPath), text: starterPolicyText(projectLicense(folder.root, this.ctx.files)) };
  }
}

/** The parts of a folder's policy a restricted workspace did not load (files outside the folder). */
function notLoadedParts(engine: WorkspaceEngine): string[] {
  const load = engine.policyLoad;
  return load.kind === 'invalid' ? [...new Set(load.problems.flatMap((p) => (p.notLoaded !== undefined ? [p.notLoaded] : [])))] : [];
}

/** The work-done progress message: how far the walk is, in counts a person can follow. */
export function auditProgressMessage(progress: AuditProgress): string {
  const counts = `${progress.filesSeen} files walked, ${progress.manifestsChecked} manifests checked, ${progress.headerFilesChecked} headers checked`;
  return progress.done ? `${counts} — done` : `${counts} — ${progress.current}`;
}

/** What the output channel says about an audit: where, how much was checked, what was found, how long it took. */
function auditLogLine(result: AuditResult, cancelled: boolean): string {
  const counts = { error: 0, warning: 0, information: 0 };
  for (const finding of result.findings) counts[finding.severity]++;
  const { filesSeen, manifestsChecked, headerFilesChecked, durationMs } = result.stats;
  return (
    `Audit of ${result.root}${cancelled ? ' (cancelled)' : ''}: ${filesSeen} files, ${manifestsChecked} manifests, ${headerFilesChecked} headers checked; ` +
    `${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} info in ${Math.round(durationMs)} ms`
  );
}
