import { DiagnosticSeverity, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { FileEdit, Finding, Severity } from '../findings/finding';
import { LineIndex } from '../text/line-index';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'OSPO Guide';

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
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
