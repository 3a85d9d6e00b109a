import type { Connection } from 'vscode-languageserver';
import { runAudit, type AuditResult } from '../audit/run-audit';
import { collectNotices } from '../notices/collect-notices';
import { noticesAsMarkdown, noticesAsText } from '../notices/render-notices';
import { TOOL_VERSION } from '../tool-version';
import type { NoticesResult } from '../protocol/ospo-protocol';
import type { WorkspaceFolders } from './workspace-folders';


/**
 * Third-party notices of the enabled workspace folders, from a fresh audit (the notices must reflect what is
 * installed now, not what the last audit saw). The client only saves the text.
 */
export async function generateNotices(
  connection: Connection,
  folders: WorkspaceFolders,
  format: NoticesResult['format'],
  token: string | number | undefined,
  isCancelled: () => boolean,
): Promise<NoticesResult | { error: string }> {
  const reporter = token !== undefined ? connection.window.attachWorkDoneProgress(token) : await connection.window.createWorkDoneProgress();
  reporter.begin('Collecting third-party notices', 0, 'Resolving packages…', true);
  const results: AuditResult[] = [];
  try {
    for (const folder of folders.workspace()) {
      if (!folder.settings.enable || isCancelled()) continue;
      results.push(await runAudit(folder.engine, { isCancelled }));
    }
    if (isCancelled()) return { error: 'cancelled' };
    if (!results.length) return { error: 'no enabled workspace folder' };
    reporter.report('Reading package files…');
    const doc = collectNotices(results);
    return {
      format,
      content: format === 'markdown' ? noticesAsMarkdown(doc, TOOL_VERSION) : noticesAsText(doc, TOOL_VERSION),
      packages: doc.packages.length,
      attention: doc.attention.map((p) => p.name),
    };
  } finally {
    reporter.done();
  }
}
