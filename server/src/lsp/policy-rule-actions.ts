import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type Range } from 'vscode-languageserver';
import { decidingEntries } from '../findings/dependency-facts';
import { isDependencyFinding, type Finding } from '../findings/finding';
import type { RenderContext } from '../findings/render/render-context';
import { pathToUri, toDiagnostic } from './to-lsp';

/** Opens a policy entry: the server asks the client to show it (`window/showDocument`), so any client can. */
export const SHOW_POLICY_ENTRY_COMMAND = 'ospo.server.showPolicyEntry';

export interface ShowPolicyEntryArgs {
  readonly uri: string;
  readonly range: Range;
}

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
      const args: ShowPolicyEntryArgs = { uri: pathToUri(entry.at.path), range };
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(finding, ctx)], command: { title, command: SHOW_POLICY_ENTRY_COMMAND, arguments: [args] } });
    }
  }
  return actions;
}

function isRange(value: unknown): value is Range {
  const position = (p: unknown) => typeof p === 'object' && p !== null && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);
  return typeof value === 'object' && value !== null && position((value as Range).start) && position((value as Range).end);
}

/** Runs the command: validates what any client may send, then asks the client to open the entry. */
export async function showPolicyEntry(connection: Connection, raw: unknown): Promise<{ shown: boolean; error?: string }> {
  const args = raw as Partial<ShowPolicyEntryArgs> | undefined;
  if (typeof args?.uri !== 'string' || !isRange(args.range)) return { shown: false, error: `${SHOW_POLICY_ENTRY_COMMAND} expects { uri, range }` };
  const result = await connection.window.showDocument({ uri: args.uri, selection: args.range, takeFocus: true });
  return { shown: result.success };
}
