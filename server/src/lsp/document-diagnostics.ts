import type { Connection, Position, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AuditResult } from '../audit/run-audit';
import type { DependencyNote } from '../dependencies/check-manifest';
import type { Finding } from '../findings/finding';
import { logUnknownError } from '../text/unknown-error';
import { pathToUri, toDiagnostic, uriToPath } from './to-lsp';
import type { WorkspaceFolders } from './workspace-folders';
import { isPathWithin } from '../io/path-containment';

const POLICY_INPUT_CODES: ReadonlySet<string> = new Set(['policy-invalid', 'policy-not-loaded', 'approval-invalid', 'approval-expired']);

export interface DocumentCheckState {
  readonly version: number;
  /** Which `recheckAll` round the check belongs to: an older one is shown until it is redone, not reused. */
  readonly generation: number;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly notes: readonly DependencyNote[];
}

/** A quiet spell this long after a document's last check lets the next edit be checked at once. */
export const DEFAULT_BURST_WINDOW_MS = 75;

/** Long enough for a keystroke's check on a warm cache to finish in one go. */
export const DEFAULT_SLICE_MS = 20;

export interface DiagnosticsScheduling {
  /**
   * Edits that arrive within this many milliseconds of a document's last check wait for the window to close
   * and are checked together; an edit after a quiet spell is checked at once.
   */
  readonly burstWindowMs: number;
  /** How long a scheduled check runs before it lets other messages be handled. */
  readonly sliceMs: number;
}

type PendingCheck = { readonly kind: 'immediate'; readonly handle: NodeJS.Immediate } | { readonly kind: 'timer'; readonly handle: NodeJS.Timeout };

/**
 * Keeps what each file's diagnostics are made of — the live check of an open document, the last audit for
 * files that are not open, and policy problems — and publishes their union.
 *
 * Scheduling: each open document has at most one check waiting, and it checks whatever version is current
 * when it runs, so a version that a newer one superseded is never checked; a long check runs in slices and
 * drops a version superseded between two of them. Typing does not queue work: edits
 * in a burst are coalesced into one check per burst window. Hovers and code actions never wait for a
 * scheduled check: they use the check of the current version, making it on demand when there is none yet.
 * Published diagnostics carry the version they were made for, and a check's result never replaces that of a
 * newer version.
 */
export class DocumentDiagnostics {
  private readonly checks = new Map<string, DocumentCheckState>();
  private readonly policyFindings = new Map<string, Finding[]>();
  private readonly auditFindings = new Map<string, Finding[]>();
  private readonly pending = new Map<string, PendingCheck>();
  /** When each document's last check finished (`performance.now()`). */
  private readonly lastChecked = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: WorkspaceFolders,
    /** Told after each publish, so the status can follow the counts. */
    private readonly onPublish: () => void = () => undefined,
    /** Told whether each check failed, so the status can show a server error until the file checks again. */
    private readonly onCheckOutcome: (filePath: string, error: unknown) => void = () => undefined,
    private readonly scheduling: DiagnosticsScheduling = { burstWindowMs: DEFAULT_BURST_WINDOW_MS, sliceMs: DEFAULT_SLICE_MS },
  ) {}

  /** The findings for a document's current version, checking it now if needed. */
  check(document: TextDocument): DocumentCheckState;
  /** The same, unless `stopWhen` stopped the check before it was done. */
  check(document: TextDocument, stopWhen: () => boolean): DocumentCheckState | undefined;
  check(document: TextDocument, stopWhen?: () => boolean): DocumentCheckState | undefined {
    const existing = this.checks.get(document.uri);
    if (existing && existing.version === document.version && existing.generation === this.generation) return existing;
    const filePath = uriToPath(document.uri);
    let findings: readonly Finding[] = [];
    let notes: readonly DependencyNote[] = [];
    // A file of a folder removed from the workspace is not checked under a made-up default policy.
    if (filePath && !this.folders.isInRemovedFolder(filePath)) {
      const folder = this.folders.folderFor(filePath);
      if (folder.settings.enable) {
        try {
          const result = folder.engine.checkDocument(filePath, document.getText(), document.languageId, 'editor', stopWhen ? { stopWhen } : {});
          if (result.incomplete) return undefined;
          ({ findings, notes } = result);
          this.onCheckOutcome(filePath, undefined);
        } catch (error) {
          logUnknownError((line) => this.connection.console.error(line), `checking ${filePath}`, error);
          this.onCheckOutcome(filePath, error);
        }
      }
    }
    const state = { version: document.version, generation: this.generation, text: document.getText(), findings, notes };
    this.lastChecked.set(document.uri, performance.now());
    // Results of an older version never replace a newer one's.
    const latest = this.checks.get(document.uri);
    if (!latest || latest.version <= state.version) this.checks.set(document.uri, state);
    return state;
  }

  /**
   * The check of the document's current version for a hover or code action, made on demand if the scheduled
   * one has not run yet — in slices, like a scheduled check, so other messages are served in between — and
   * then published at once rather than when the burst window closes. Should a newer version arrive meanwhile,
   * the answer is for that one.
   */
  async analysis(document: TextDocument): Promise<DocumentCheckState> {
    for (let current = document; ; ) {
      const sliceEnd = performance.now() + this.scheduling.sliceMs;
      const state = this.check(current, () => performance.now() > sliceEnd);
      if (state) {
        if (this.pending.has(current.uri)) {
          this.cancelPending(current.uri);
          this.publish(current.uri);
        }
        return state;
      }
      await new Promise((resolve) => setImmediate(resolve));
      const latest = this.documents.get(current.uri);
      // Closed meanwhile: whatever was last checked will do.
      if (!latest) return this.checks.get(current.uri) ?? this.check(current);
      current = latest;
    }
  }

  current(uri: string): DocumentCheckState | undefined {
    return this.checks.get(uri);
  }

  forget(uri: string): void {
    this.cancelPending(uri);
    this.checks.delete(uri);
    this.lastChecked.delete(uri);
    this.publish(uri);
  }

  /**
   * Checks the document soon: once the messages already received have been read, or — within a burst of
   * edits — when the burst window after its last check closes. A check already waiting covers this call too.
   * `inputs`: what the document is checked against changed, not the document; checked without waiting.
   */
  schedule(uri: string, cause: 'edit' | 'inputs' = 'edit'): void {
    const waiting = this.pending.get(uri);
    // A change of the policy or a lock file is no burst of typing: its check need not wait for the window.
    if (waiting && cause === 'inputs' && waiting.kind === 'timer') this.cancelPending(uri);
    else if (waiting) return;
    const last = this.lastChecked.get(uri);
    const wait = last === undefined || cause === 'inputs' ? 0 : last + this.scheduling.burstWindowMs - performance.now();
    const run = () => this.runScheduled(uri);
    this.pending.set(uri, wait > 0 ? { kind: 'timer', handle: setTimeout(run, wait) } : { kind: 'immediate', handle: setImmediate(run) });
  }

  /**
   * Runs a scheduled check in slices: a check that takes longer than a slice (resolving a big manifest from
   * cold caches) stops, lets the messages received meanwhile be handled, and goes on with the then-current
   * version. An edit in between thus cancels the check of the version it supersedes, while what was resolved
   * for it is kept; a hover or code action in between is answered for the current version.
   */
  private runScheduled(uri: string): void {
    this.pending.delete(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    const sliceEnd = performance.now() + this.scheduling.sliceMs;
    const state = this.check(document, () => performance.now() > sliceEnd);
    if (!state) {
      this.pending.set(uri, { kind: 'immediate', handle: setImmediate(() => this.runScheduled(uri)) });
      return;
    }
    this.publish(uri);
  }

  private cancelPending(uri: string): void {
    const pending = this.pending.get(uri);
    if (!pending) return;
    if (pending.kind === 'timer') clearTimeout(pending.handle);
    else clearImmediate(pending.handle);
    this.pending.delete(uri);
  }

  publish(uri: string): void {
    const filePath = uriToPath(uri);
    const open = this.documents.get(uri) !== undefined;
    const state = open ? this.checks.get(uri) : undefined;
    const own = open ? state?.findings ?? [] : this.auditFindings.get(uri) ?? [];
    const policy = filePath ? this.policyFindings.get(filePath) ?? [] : [];
    const ctx = filePath ? this.folders.folderFor(filePath).engine.renderContext() : undefined;
    void this.connection.sendDiagnostics({ uri, ...(state ? { version: state.version } : {}), diagnostics: [...own, ...policy].map((f) => toDiagnostic(f, ctx)) });
    this.onPublish();
  }

  /**
   * Re-checks every open document and re-publishes policy problems, e.g. after the policy changed. Until a
   * document's new check runs, its previous findings stay shown.
   */
  recheckAll(): void {
    this.generation++;
    this.refreshPolicyFindings();
    for (const document of this.documents.all()) this.schedule(document.uri, 'inputs');
    // The policy may have changed with nothing to publish (no file open, no problem before or after).
    this.onPublish();
  }

  /** Findings of an audit, shown for files that are not open; replaces the previous audit's. */
  setAuditResults(results: readonly AuditResult[]): void {
    const previous = new Set(this.auditFindings.keys());
    this.auditFindings.clear();
    for (const result of results) {
      for (const finding of result.findings) {
        // Problems of the policy and the approvals log are published by refreshPolicyFindings.
        if (POLICY_INPUT_CODES.has(finding.code)) continue;
        const uri = pathToUri(finding.path);
        const list = this.auditFindings.get(uri);
        if (list) list.push(finding);
        else this.auditFindings.set(uri, [finding]);
      }
    }
    for (const uri of new Set([...previous, ...this.auditFindings.keys()])) this.publish(uri);
  }

  /** Drops the last audit's findings for the files under a folder that left the workspace. */
  forgetAuditUnder(root: string): void {
    for (const uri of [...this.auditFindings.keys()]) {
      const filePath = uriToPath(uri);
      if (!filePath || !isPathWithin(root, filePath)) continue;
      this.auditFindings.delete(uri);
      this.publish(uri);
    }
  }

  /** Every finding currently shown, with the URI it is shown on. */
  *shown(): Generator<[string, Finding]> {
    for (const [uri, state] of this.checks) for (const f of state.findings) yield [uri, f];
    for (const [uri, findings] of this.auditFindings) if (!this.documents.get(uri)) for (const f of findings) yield [uri, f];
  }

  /** Every finding published, policy problems included, with the path of its file. */
  *published(): Generator<Finding> {
    for (const [, finding] of this.shown()) yield finding;
    for (const findings of this.policyFindings.values()) yield* findings;
  }


  async findingsAt(uri: string, position: Position): Promise<Finding[]> {
    const document = this.documents.get(uri);
    if (!document) return [];
    return (await this.analysis(document)).findings.filter((f) => covers(f.range, position));
  }

  /** What to show on hover over a dependency that has no finding. */
  async notesAt(uri: string, position: Position): Promise<DependencyNote[]> {
    const document = this.documents.get(uri);
    if (!document) return [];
    return (await this.analysis(document)).notes.filter((n) => covers(n.range, position));
  }

  /** The problems of a policy file or approvals log, as last published. */
  policyFindingsFor(filePath: string): readonly Finding[] {
    return this.policyFindings.get(filePath) ?? [];
  }

  private refreshPolicyFindings(): void {
    const next = new Map<string, Finding[]>();
    for (const folder of this.folders.all()) {
      if (!folder.settings.enable) continue;
      for (const finding of folder.engine.policyFindings()) {
        const list = next.get(finding.path);
        if (list) list.push(finding);
        else next.set(finding.path, [finding]);
      }
    }
    const touched = new Set([...this.policyFindings.keys(), ...next.keys()]);
    this.policyFindings.clear();
    for (const [p, f] of next) this.policyFindings.set(p, f);
    for (const p of touched) this.publish(pathToUri(p));
  }
}

function covers(range: Finding['range'], { line, character }: Position): boolean {
  return (
    (range.start.line < line || (range.start.line === line && range.start.character <= character)) &&
    (range.end.line > line || (range.end.line === line && range.end.character >= character))
  );
}
