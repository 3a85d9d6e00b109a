import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type CancellationToken, type Connection, type ExecuteCommandParams, type Range } from 'vscode-languageserver';
import { appendApprovalRequestEdit, lastJustificationSpan, reviewApprovalEdit } from '../approvals/append-approval';
import { mayApprove } from '../approvals/approval-validity';
import { isoDate, sameLicense, samePackage } from '../approvals/find-approval';
import { planHeaderFixes } from '../audit/plan-header-fixes';
import { runAudit, type AuditResult } from '../audit/run-audit';
import { requestRuling } from '../dependencies/request-ruling';
import type { DependencySubject, FileEdit } from '../findings/finding';
import { writeFileAtomic } from '../io/atomic-write';
import type { FileSource } from '../io/file-source';
import { chooseExpiry, expiryDate } from '../policy/approval-expiry';
import { projectLicense } from '../policy/load-policy';
import { starterPolicyText } from '../policy/starter-policy';
import { toJsonReport } from '../report/json-report';
import { toMarkdownReport } from '../report/markdown-report';
import { toSarif } from '../report/sarif-report';
import { LineIndex } from '../text/line-index';
import { applyOffsetEdits } from '../text/text-edit';
import { encodeUriComponentSafely } from '../text/uri-component';
import { TOOL_VERSION } from '../tool-version';
import type { DocumentDiagnostics } from './document-diagnostics';
import { gitIdentity } from './git-identity';
import { pathToUri, toWorkspaceEdit, uriToPath } from './to-lsp';
import type { WorkspaceFolders } from './workspace-folders';

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

export interface RequestApprovalArgs {
  readonly subject: DependencySubject;
  /** Absent from clients that cannot ask for one: the entry is recorded for the requester to complete. */
  readonly justification?: string;
  /** The license approval is asked for, when the requester names one other than the detected `subject.license`. */
  readonly license?: string;
  /** The manifest the request came from; picks the workspace folder. */
  readonly uri?: string;
  readonly requestedBy?: string;
}

export interface RequestApprovalResult {
  readonly applied: boolean;
  readonly error?: string;
  /** The policy's approvals.requestUrl, filled in, when a justification was given in a trusted workspace. */
  readonly url?: string;
  readonly mismatch?: { readonly requested: string; readonly detected: string };
  /** Without a justification: the log, where its justification is to be written, and whether the client showed it. */
  readonly uri?: string;
  readonly selection?: Range;
  readonly shown?: boolean;
}

/** What the client said it can do, in `initialize`. */
export interface ClientAbilities {
  readonly applyEdit: boolean;
  readonly showDocument: boolean;
}

export interface ReviewApprovalArgs {
  readonly folderUri?: string;
  readonly index: number;
  readonly decision: 'approved' | 'rejected';
  readonly comment?: string;
  readonly reviewedBy?: string;
  /** For approvals: a date, a period ("6 months"), "never", or absent for the policy's approvals.defaultExpiry. */
  readonly expires?: string;
}

interface CommandContext {
  readonly connection: Connection;
  readonly folders: WorkspaceFolders;
  readonly diagnostics: DocumentDiagnostics;
  readonly files: FileSource & { invalidate(path: string): void };
  readonly client: () => ClientAbilities;
}

/** Executes `ospo.server.*` commands. */
export class ServerCommands {
  private lastAudit: AuditResult[] = [];

  constructor(private readonly ctx: CommandContext) {}

  async execute(params: ExecuteCommandParams, cancellation: CancellationToken): Promise<unknown> {
    const args = (params.arguments ?? [])[0] as Record<string, unknown> | undefined;
    switch (params.command) {
      case SERVER_COMMANDS.requestApproval:
        return this.requestApproval(args as unknown as RequestApprovalArgs);
      case SERVER_COMMANDS.reviewApproval:
        return this.reviewApproval(args as unknown as ReviewApprovalArgs);
      case SERVER_COMMANDS.audit:
        return this.audit(params.workDoneToken, () => cancellation.isCancellationRequested);
      case SERVER_COMMANDS.exportReport:
        return this.exportReport(typeof args?.format === 'string' ? args.format : 'sarif');
      case SERVER_COMMANDS.status:
        return this.status();
      case SERVER_COMMANDS.approvals:
        return this.listApprovals();
      case SERVER_COMMANDS.headerFixPlan:
        return this.headerFixPlan(args?.folderUri as string | undefined);
      case SERVER_COMMANDS.starterPolicy:
        return this.starterPolicy(args?.folderUri as string | undefined);
      default:
        // A real error, so that the client reports it instead of taking an answer for success.
        throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    }
  }

  private async requestApproval(args: RequestApprovalArgs): Promise<RequestApprovalResult> {
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
    // A URL named by the workspace is opened only when the workspace is trusted.
    if (!template || !this.ctx.folders.trusted) return { applied: true, ...(mismatch ? { mismatch } : {}) };
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

  private async reviewApproval(args: ReviewApprovalArgs): Promise<{ applied: boolean; error?: string }> {
    const folder = this.ctx.folders.folderForUri(args?.folderUri);
    if (!folder) return { applied: false, error: 'no workspace folder' };
    const logPath = folder.engine.approvalsPath;
    const refusal = folder.engine.approvalsLogRefusal();
    if (refusal) return { applied: false, error: refusal };
    const text = this.ctx.files.readText(logPath);
    const entry = folder.engine.approvals.entries.find((e) => e.index === args.index);
    if (text === undefined || !entry) return { applied: false, error: 'no such approval request' };
    if (entry.status !== 'requested') return { applied: false, error: `the entry for ${entry.package} is already ${entry.status}` };
    if (args.decision !== 'approved' && args.decision !== 'rejected') return { applied: false, error: 'the decision must be approved or rejected' };
    for (const key of ['reviewedBy', 'comment', 'expires'] as const) {
      if (args[key] !== undefined && typeof args[key] !== 'string') return { applied: false, error: `${key} must be a string` };
    }
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
  private async audit(token: string | number | undefined, isCancelled: () => boolean): Promise<object> {
    const { connection } = this.ctx;
    // A client-created token shows progress where the client chose (a cancellable notification in VS Code).
    const reporter = token !== undefined ? connection.window.attachWorkDoneProgress(token) : await connection.window.createWorkDoneProgress();
    reporter.begin('Auditing workspace', 0, 'Walking files…', true);
    const results: AuditResult[] = [];
    try {
      for (const folder of this.ctx.folders.workspace()) {
        if (!folder.settings.enable || isCancelled()) continue;
        results.push(await runAudit(folder.engine, { isCancelled, onProgress: (n, current) => reporter.report(`${n} files… ${current}`) }));
      }
    } finally {
      reporter.done();
    }
    this.ctx.diagnostics.setAuditResults(results);
    this.lastAudit = results;
    return { cancelled: isCancelled(), folders: results.map((r) => ({ root: r.root, ...toJsonReport(r) })) };
  }

  private exportReport(format: string): { format: string; content: string } | { error: string } {
    if (!this.lastAudit.length) return { error: 'run an audit first' };
    if (format === 'markdown') return { format, content: this.lastAudit.map((r) => toMarkdownReport(r)).join('\n\n') };
    if (format === 'sarif') {
      const [first, ...rest] = this.lastAudit.map((r) => toSarif(r, TOOL_VERSION) as { runs: unknown[] });
      for (const other of rest) first.runs.push(...other.runs);
      return { format, content: JSON.stringify(first, null, 2) + '\n' };
    }
    return { error: `unknown format ${format}` };
  }

  private status(): object {
    const counts = new Map<string, { error: number; warning: number; information: number }>();
    for (const [uri, finding] of this.ctx.diagnostics.shown()) {
      const filePath = uriToPath(uri);
      if (!filePath) continue;
      const root = this.ctx.folders.folderFor(filePath).root;
      const c = counts.get(root) ?? { error: 0, warning: 0, information: 0 };
      c[finding.severity]++;
      counts.set(root, c);
    }
    return {
      trusted: this.ctx.folders.trusted,
      folders: this.ctx.folders.workspace().map((folder) => {
        const source = folder.engine.policy.source;
        return {
          root: folder.root,
          enabled: folder.settings.enable,
          policy: source.kind === 'file' ? { kind: 'file', path: source.path } : { kind: 'default', reason: source.reason },
          policyValid: folder.engine.policyLoad.kind === 'loaded',
          counts: counts.get(folder.root) ?? { error: 0, warning: 0, information: 0 },
        };
      }),
    };
  }

  /**
   * The log's entries, each with what a reviewer must see: what the policy says about the requested license,
   * the license the workspace detects for the package now, and whether the current reviewer may approve it.
   */
  private listApprovals(): object {
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

  private headerFixPlan(folderUri: string | undefined): object {
    const folder = this.ctx.folders.folderForUri(folderUri);
    if (!folder) return { files: [] };
    const plans = planHeaderFixes(folder.engine);
    const texts = new Map(plans.map((p) => [p.path, p.text]));
    return {
      files: plans.map((p) => ({ uri: pathToUri(p.path), relativePath: p.relativePath, titles: p.titles })),
      edit: toWorkspaceEdit(plans.flatMap((p) => p.edits), (p) => texts.get(p) ?? this.ctx.files.readText(p) ?? ''),
    };
  }

  private starterPolicy(folderUri: string | undefined): object {
    const folder = this.ctx.folders.folderForUri(folderUri);
    if (!folder) return { error: 'no workspace folder' };
    const policyPath = folder.engine.policyPath;
    return { uri: pathToUri(policyPath), exists: this.ctx.files.exists(policyPath), text: starterPolicyText(projectLicense(folder.root, this.ctx.files)) };
  }
}
