import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { approvalEntryAt, decidingEntries } from '../findings/dependency-facts';
import { isDependencyFinding, type FileEdit, type Finding, type Severity } from '../findings/finding';
import { diagnosticMessage } from '../findings/render/diagnostic-message';
import { describeApproval, describeEntry } from '../findings/render/policy-trail';
import type { RenderContext } from '../findings/render/render-context';
import { ruleDocsUrl } from '../findings/render/rule-docs';
import { LineIndex } from '../text/line-index';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'OSPO Guide';

/**
 * A finding as an LSP diagnostic. With a render context, a dependency finding links the policy entries that
 * decided it (`relatedInformation`, through `extends` too) and every finding links its rule's documentation
 * (`codeDescription`).
 */
export function toDiagnostic(finding: Finding, ctx?: RenderContext): Diagnostic {
  const docs = ruleDocsUrl(finding.code);
  const related = ctx ? relatedInformation(finding, ctx) : [];
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    ...(docs ? { codeDescription: { href: docs } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: diagnosticMessage(finding),
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

function relatedInformation(finding: Finding, ctx: RenderContext): DiagnosticRelatedInformation[] {
  if (!isDependencyFinding(finding)) return [];
  const ruling = finding.facts.ruling;
  const related: DiagnosticRelatedInformation[] = decidingEntries(ruling).flatMap((entry) => {
    const range = entry.at ? ctx.rangeOf(entry.at) : undefined;
    return entry.at && range ? [{ location: { uri: pathToUri(entry.at.path), range }, message: `Decided by ${describeEntry(entry, ctx)}` }] : [];
  });
  const approval = approvalEntryAt(ruling);
  const approvalRange = approval ? ctx.rangeOf(approval) : undefined;
  if (approval && approvalRange && ruling.kind === 'license') {
    related.push({ location: { uri: pathToUri(approval.path), range: approvalRange }, message: `Approvals log: ${describeApproval(ruling.approval)}` });
  }
  return related;
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

/**
 * Turns core edits into a WorkspaceEdit. `textOf` gives the text each edit's offsets refer to (the document
 * as checked, or the file on disk).
 */
export function toWorkspaceEdit(fileEdits: readonly FileEdit[], textOf: (path: string) => string): WorkspaceEdit {
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const fileEdit of fileEdits) {
    const uri = pathToUri(fileEdit.path);
    if (fileEdit.create) {
      documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      const text = fileEdit.edits.map((e) => e.newText).join('');
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] });
      continue;
    }
    const lines = new LineIndex(textOf(fileEdit.path));
    const edits: TextEdit[] = fileEdit.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText }));
    documentChanges.push({ textDocument: { uri, version: null }, edits });
  }
  return { documentChanges };
}
