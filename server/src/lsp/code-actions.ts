import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { Fix } from '../findings/finding';
import { SERVER_COMMANDS, type RequestApprovalActionArgs } from '../protocol/ospo-protocol';
import type { DocumentCheckState } from './document-diagnostics';
import { FIX_ALL_KIND } from './server-capabilities';
import { toDiagnostic, toWorkspaceEdit } from './to-lsp';


/** Quick fixes for the findings under the cursor, and `source.fixAll.ospo` for the whole document. */
export function codeActionsFor(
  state: DocumentCheckState,
  params: CodeActionParams,
  textOf: (path: string) => string,
  contextual: ReadonlyArray<{ readonly line: number; readonly fix: Fix }> = [],
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const wantsFixAll = only?.some((k) => k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND || k === CodeActionKind.Source);
  if (wantsFixAll) {
    const edits = state.findings.flatMap((f) => f.fixes).flatMap((fix) => (fix.kind === 'edit' && fix.fixAll ? fix.edits : []));
    if (edits.length) actions.push({ title: 'Fix all OSPO Guide problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(edits, textOf) });
    if (only && !only.includes(CodeActionKind.QuickFix)) return actions;
  }
  const { start, end } = params.range;
  for (const finding of state.findings) {
    if (finding.range.end.line < start.line || finding.range.start.line > end.line) continue;
    const diagnostic = toDiagnostic(finding);
    for (const fix of finding.fixes) {
      if (fix.kind === 'edit') {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [diagnostic], edit: toWorkspaceEdit(fix.edits, textOf) });
      } else {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: {
            title: fix.title,
            // A command the server executes, so the action works in any client; VS Code's client intercepts it to
            // ask for the justification first.
            command: SERVER_COMMANDS.requestApproval.name,
            arguments: [{ subject: fix.subject, uri: params.textDocument.uri, exceptionTo: fix.exceptionTo, licenseRecognised: fix.licenseRecognised } satisfies RequestApprovalActionArgs],
          },
        });
      }
    }
  }
  for (const { line, fix } of contextual) {
    if (line < start.line || line > end.line || fix.kind !== 'edit') continue;
    actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, edit: toWorkspaceEdit(fix.edits, textOf) });
  }
  return actions;
}
