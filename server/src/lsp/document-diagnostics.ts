import * as path from 'node:path';
import type { Connection, Position, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AuditResult } from '../audit/run-audit';
import type { DependencyNote } from '../dependencies/check-manifest';
import type { Finding } from '../findings/finding';
import { logUnknownError } from '../text/unknown-error';
import { pathToUri, toDiagnostic, uriToPath } from './to-lsp';
import type { WorkspaceFolders } from './workspace-folders';

const POLICY_INPUT_CODES: ReadonlySet<string> = new Set(['policy-invalid', 'policy-not-loaded', 'approval-invalid', 'approval-expired']);

export interface DocumentCheckState {
  readonly version: number;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly notes: readonly DependencyNote[];
}

/**
 * Keeps what each file's diagnostics are made of — the live check of an open document, the last audit for
 * files that are not open, and policy problems — and publishes their union.
 */
export class DocumentDiagnostics {
  private readonly checks = new Map<string, DocumentCheckState>();
  private readonly policyFindings = new Map<string, Finding[]>();
  private readonly auditFindings = new Map<string, Finding[]>();
  private readonly pending = new Map<string, NodeJS.Immediate>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: WorkspaceFolders,
    /** Told after each publish, so the status can follow the counts. */
    private readonly onPublish: () => void = () => undefined,
    /** Told whether each check failed, so the status can show a server error until the file checks again. */
    private readonly onCheckOutcome: (filePath: string, error: unknown) => void = () => undefined,
  ) {}

  /** The findings for a document's current version, checking it now if needed. */
  check(document: TextDocument): DocumentCheckState {
    const existing = this.checks.get(document.uri);
    if (existing && existing.version === document.version) return existing;
    const filePath = uriToPath(document.uri);
    let findings: readonly Finding[] = [];
    let notes: readonly DependencyNote[] = [];
    // A file of a folder removed from the workspace is not checked under a made-up default policy.
    if (filePath && !this.folders.isInRemovedFolder(filePath)) {
      const folder = this.folders.folderFor(filePath);
      if (folder.settings.enable) {
        try {
          ({ findings, notes } = folder.engine.checkDocument(filePath, document.getText(), document.languageId));
          this.onCheckOutcome(filePath, undefined);
        } catch (error) {
          logUnknownError((line) => this.connection.console.error(line), `checking ${filePath}`, error);
          this.onCheckOutcome(filePath, error);
        }
      }
    }
    const state = { version: document.version, text: document.getText(), findings, notes };
    this.checks.set(document.uri, state);
    return state;
  }

  current(uri: string): DocumentCheckState | undefined {
    return this.checks.get(uri);
  }

  forget(uri: string): void {
    this.checks.delete(uri);
    this.publish(uri);
  }

  /** Coalesces bursts of edits: the check runs once the messages already received have been read. */
  schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.delete(uri);
        const document = this.documents.get(uri);
        if (!document) return;
        this.check(document);
        this.publish(uri);
      }),
    );
  }

  publish(uri: string): void {
    const filePath = uriToPath(uri);
    const own = this.documents.get(uri) ? this.checks.get(uri)?.findings ?? [] : this.auditFindings.get(uri) ?? [];
    const policy = filePath ? this.policyFindings.get(filePath) ?? [] : [];
    const ctx = filePath ? this.folders.folderFor(filePath).engine.renderContext() : undefined;
    void this.connection.sendDiagnostics({ uri, diagnostics: [...own, ...policy].map((f) => toDiagnostic(f, ctx)) });
    this.onPublish();
  }

  /** Re-checks every open document and re-publishes policy problems, e.g. after the policy changed. */
  recheckAll(): void {
    this.checks.clear();
    this.refreshPolicyFindings();
    for (const document of this.documents.all()) this.schedule(document.uri);
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
      const rel = filePath ? path.relative(root, filePath) : '..';
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
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

  findingsAt(uri: string, position: Position): Finding[] {
    const document = this.documents.get(uri);
    if (!document) return [];
    return this.check(document).findings.filter((f) => covers(f.range, position));
  }

  /** What to show on hover over a dependency that has no finding. */
  notesAt(uri: string, position: Position): DependencyNote[] {
    const document = this.documents.get(uri);
    if (!document) return [];
    return this.check(document).notes.filter((n) => covers(n.range, position));
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
