import * as fs from 'node:fs';
import type { Connection } from 'vscode-languageserver';
import type { FindingCode } from '../findings/finding';
import { ruleDocsLine, shippedReadmePath } from '../findings/render/rule-docs';
import { RULES } from '../findings/rule-catalog';
import type { ShownResult } from '../protocol/ospo-protocol';
import { pathToUri } from './to-lsp';

function isFindingCode(code: unknown): code is FindingCode {
  return typeof code === 'string' && Object.hasOwn(RULES, code);
}

/**
 * Opens the README at the rule's row of the findings table (`window/showDocument`); a client that cannot show
 * documents gets the rule's description as a message.
 */
export async function showRuleDocumentation(connection: Connection, { code }: { readonly code: string }, canShowDocuments: boolean): Promise<ShownResult> {
  if (!isFindingCode(code)) return { shown: false, error: `no such rule: ${String(code)}` };
  const rule = RULES[code];
  const readme = shippedReadmePath();
  const line = readme ? ruleDocsLine(fs.readFileSync(readme, 'utf8'), code) : -1;
  if (readme && line >= 0 && canShowDocuments) {
    const uri = pathToUri(readme);
    const selection = { start: { line, character: 0 }, end: { line, character: 0 } };
    const result = await connection.window.showDocument({ uri, takeFocus: true, selection });
    if (result.success) return { shown: true, uri };
  }
  void connection.window.showInformationMessage(`${code} — ${rule.title}: ${rule.description}`);
  return { shown: true };
}
