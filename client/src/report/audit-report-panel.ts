import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OspoStatus } from '../../../server/src/protocol/ospo-protocol';
import { renderAuditReportHtml, type AuditReportData } from './render-audit-report';
import { NO_FILTER, readReportFilter, type ReportFilter } from './report-view-model';
import { isReportFormat, type ReportFormat } from '../commands/export-report';

export type { AuditReportData } from './render-audit-report';

export interface ReportActions {
  exportReport(format: ReportFormat): Promise<void>;
  /** Runs the audit again in the background; undefined when it did not complete. */
  rerun(): Promise<AuditReportData | undefined>;
  /** Reviews the pending request for a package of the folder at `root`; true when the decision was recorded. */
  review(root: string, purl: string, decision: 'approved' | 'rejected'): Promise<boolean>;
  /** The server's status now, to tell the audit's own effect on it from later changes. */
  status(): Promise<OspoStatus | undefined>;
}

/**
 * Audits that took longer than this are not re-run by themselves when findings change: the report says it is out
 * of date and offers Refresh instead, so a huge workspace is not walked again after every edit.
 */
const LIVE_REFRESH_LIMIT_MS = 5_000;
/** Edits come in bursts; one re-run after they settle. */
const REFRESH_DELAY_MS = 1_000;

interface PanelState {
  readonly panel: vscode.WebviewPanel;
  readonly assets: vscode.Uri;
  actions: ReportActions;
  data: AuditReportData;
  filter: ReportFilter;
  stale: boolean;
  refreshing: boolean;
  /** Another change came in during a re-run: run once more after it. */
  again: boolean;
  /** The findings' fingerprint right after the audit shown; a status with another one means they changed. */
  baseline?: string;
  timer?: NodeJS.Timeout;
}

let state: PanelState | undefined;

/** What in the server's status shows that findings changed: the counts, policy and trust, not a server error. */
export function findingsFingerprint(status: OspoStatus): string {
  return JSON.stringify({ trusted: status.trusted, folders: status.folders.map((f) => ({ uri: f.uri, enabled: f.enabled, counts: f.counts, policy: f.policy, health: f.health })) });
}

function render(s: PanelState): void {
  const webview = s.panel.webview;
  webview.html = renderAuditReportHtml(
    s.data,
    {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(s.assets, 'report.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(s.assets, 'report.js')).toString(),
    },
    { filter: s.filter, stale: s.stale, refreshing: s.refreshing },
  );
}

async function takeBaseline(s: PanelState): Promise<void> {
  const status = await s.actions.status().catch(() => undefined);
  if (status && state === s) s.baseline = findingsFingerprint(status);
}

function auditDuration(data: AuditReportData): number {
  return data.folders.reduce((sum, f) => sum + f.stats.durationMs, 0);
}

async function refresh(s: PanelState): Promise<void> {
  if (s.timer) clearTimeout(s.timer);
  s.timer = undefined;
  if (s.refreshing) {
    s.again = true;
    return;
  }
  s.refreshing = true;
  render(s);
  try {
    const data = await s.actions.rerun();
    if (state !== s) return;
    if (data && !data.cancelled) {
      s.data = data;
      s.stale = false;
      await takeBaseline(s);
    }
  } finally {
    s.refreshing = false;
    if (state === s) {
      render(s);
      if (s.again) {
        s.again = false;
        void refresh(s);
      }
    }
  }
}

/**
 * Findings may have changed (a status notification, an approval recorded): the open report re-runs its audit,
 * or, when the audit is too long to re-run unasked, says it is out of date. A status equal to the one right after
 * the audit is the audit's own effect, not a change.
 */
export function auditReportFindingsChanged(status?: OspoStatus): void {
  const s = state;
  if (!s) return;
  if (status) {
    // Until the baseline is known, and while a re-run is under way, statuses are the audit's own effect.
    if (s.refreshing || s.baseline === undefined || findingsFingerprint(status) === s.baseline) return;
  } else if (s.refreshing) {
    s.again = true;
    return;
  }
  // A report nobody looks at is not re-run on every edit: it catches up when it is shown again.
  if (auditDuration(s.data) > LIVE_REFRESH_LIMIT_MS || !s.panel.visible) {
    if (!s.stale) {
      s.stale = true;
      render(s);
    }
    return;
  }
  if (s.timer) clearTimeout(s.timer);
  s.timer = setTimeout(() => void refresh(s), REFRESH_DELAY_MS);
}

function isMessage(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function onMessage(s: PanelState, message: unknown): Promise<void> {
  if (!isMessage(message)) return;
  // The page's data is workspace content, not trusted input: only files inside an audited folder open.
  const auditedRoot = (root: unknown) => (typeof root === 'string' ? s.data.folders.find((f) => f.root === root)?.root : undefined);
  switch (message.type) {
    case 'export':
      if (isReportFormat(message.format)) await s.actions.exportReport(message.format);
      return;
    case 'refresh':
      await refresh(s);
      return;
    case 'filter':
      s.filter = readReportFilter(message.filter);
      render(s);
      return;
    case 'review': {
      const root = auditedRoot(message.root);
      if (!root || typeof message.purl !== 'string' || (message.decision !== 'approved' && message.decision !== 'rejected')) return;
      if (await s.actions.review(root, message.purl, message.decision)) auditReportFindingsChanged();
      return;
    }
    case 'open': {
      const root = auditedRoot(message.root);
      if (!root || typeof message.file !== 'string') return;
      const target = path.resolve(root, message.file);
      if (path.relative(root, target).startsWith('..')) return;
      const line = Math.max(0, (Number(message.line) || 1) - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(target), { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    default:
      return;
  }
}

/** What the report page's buttons and links send, delivered as if the open page had sent it (for tests). */
export async function receiveReportMessage(message: unknown): Promise<void> {
  if (state) await onMessage(state, message);
}

/** Shows the audit report, reusing the open panel; its look follows the color theme through CSS variables. */
export function showAuditReport(context: vscode.ExtensionContext, report: AuditReportData, actions: ReportActions): vscode.WebviewPanel {
  const assets = vscode.Uri.joinPath(context.extensionUri, 'media', 'report');
  if (!state) {
    const panel = vscode.window.createWebviewPanel('ospo.auditReport', 'OSPO Audit Report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [assets],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const created: PanelState = { panel, assets, actions, data: report, filter: NO_FILTER, stale: false, refreshing: false, again: false };
    state = created;
    panel.onDidDispose(() => {
      if (created.timer) clearTimeout(created.timer);
      if (state === created) state = undefined;
    });
    panel.webview.onDidReceiveMessage((message: unknown) => onMessage(created, message));
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.visible && created.stale && !created.refreshing && auditDuration(created.data) <= LIVE_REFRESH_LIMIT_MS) void refresh(created);
    });
  }
  const s = state;
  if (s.timer) clearTimeout(s.timer);
  s.timer = undefined;
  s.again = false;
  s.actions = actions;
  s.data = report;
  s.stale = false;
  s.baseline = undefined;
  render(s);
  void takeBaseline(s);
  s.panel.reveal(undefined, false);
  return s.panel;
}

/** The report on screen, for tests and the status bar. */
export function currentAuditReport(): { data: AuditReportData; visible: boolean; stale: boolean; refreshing: boolean } | undefined {
  return state ? { data: state.data, visible: state.panel.visible, stale: state.stale, refreshing: state.refreshing } : undefined;
}
