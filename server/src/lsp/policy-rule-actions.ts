import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection } from 'vscode-languageserver';
import { decidingEntries } from '../findings/dependency-facts';
import { isDependencyFinding, type Finding } from '../findings/finding';
import type { RenderContext } from '../findings/render/render-context';
import { SERVER_COMMANDS, type ShowPolicyEntryParams, type ShownResult } from '../protocol/ospo-protocol';
import { pathToUri, toDiagnostic } from './to-lsp';

/** "Go to policy rule" for each dependency finding under the cursor whose deciding entry is in a policy file. */
export function policyRuleActions(findings: readonly Finding[], params: CodeActionParams, ctx: RenderContext): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty)) return [];
  const { start, end } = params.range;
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!isDependencyFinding(finding) || finding.range.end.line < start.line || finding.range.start.line > end.line) continue;
    for (const entry of decidingEntries(finding.facts.ruling)) {
      const range = entry.at ? ctx.rangeOf(entry.at) : undefined;
      if (!entry.at || !range) continue;
      const title = `Go to policy rule: ${entry.key} "${entry.text}"`;
      const args: ShowPolicyEntryParams = { uri: pathToUri(entry.at.path), range };
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(finding, ctx)], command: { title, command: SERVER_COMMANDS.showPolicyEntry.name, arguments: [args] } });
    }
  }
  return actions;
}

/** Opens a policy entry: the server asks the client to show it (`window/showDocument`), so any client can. */
export async function showPolicyEntry(connection: Connection, args: ShowPolicyEntryParams): Promise<ShownResult> {
  const result = await connection.window.showDocument({ uri: args.uri, selection: args.range, takeFocus: true });
  return { shown: result.success };
}
