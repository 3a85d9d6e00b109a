import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderAuditReportHtml, type AuditReportData } from './render-audit-report';
import { isReportFormat, type ReportFormat } from '../commands/export-report';

export type { AuditReportData } from './render-audit-report';

interface ReportActions {
  exportReport(format: ReportFormat): Promise<void>;
}

let panel: vscode.WebviewPanel | undefined;
let shown: AuditReportData | undefined;
let currentActions: ReportActions | undefined;

/** Shows the audit report, reusing the open panel; its look follows the color theme through CSS variables. */
export function showAuditReport(context: vscode.ExtensionContext, report: AuditReportData, actions: ReportActions): vscode.WebviewPanel {
  const assets = vscode.Uri.joinPath(context.extensionUri, 'media', 'report');
  currentActions = actions;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('ospo.auditReport', 'OSPO Audit Report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [assets],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.onDidDispose(() => {
      panel = undefined;
      shown = undefined;
    });
    panel.webview.onDidReceiveMessage(receiveReportMessage);
  }
  const webview = panel.webview;
  webview.html = renderAuditReportHtml(report, {
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'report.css')).toString(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'report.js')).toString(),
  });
  shown = report;
  panel.reveal(undefined, false);
  return panel;
}

type ReportMessage = { type?: string; format?: string; root?: string; file?: string; line?: number };

/** What the report page's buttons and links ask for; the page's data is workspace content, so nothing is taken on trust. */
export async function receiveReportMessage(message: ReportMessage): Promise<void> {
  if (message.type === 'export' && isReportFormat(message.format)) {
    await currentActions?.exportReport(message.format);
  } else if (message.type === 'open' && typeof message.root === 'string' && typeof message.file === 'string') {
    const target = path.resolve(message.root, message.file);
    // Only files inside an audited folder.
    if (!shown?.folders.some((f) => !path.relative(f.root, target).startsWith('..'))) return;
    const line = Math.max(0, (Number(message.line) || 1) - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(target), { selection: new vscode.Range(line, 0, line, 0) });
  }
}

/** The report on screen, for tests and the status bar. */
export function currentAuditReport(): { data: AuditReportData; visible: boolean } | undefined {
  return panel && shown ? { data: shown, visible: panel.visible } : undefined;
}
