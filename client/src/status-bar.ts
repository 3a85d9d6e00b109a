import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerApi } from './server-api';

/**
 * Shows the policy in force and the number of OSPO findings; clicking opens the audit report. Counts come from
 * VS Code's own diagnostics, so they match the Problems panel.
 */
export class OspoStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ospo.status', vscode.StatusBarAlignment.Left, 50);
  private policyLabel = 'policy';
  private policyDetail = '';
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly getApi: () => ServerApi | undefined) {
    this.item.name = 'OSPO Guide';
    this.item.command = 'ospo.showReport';
    this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => this.scheduleRefresh()));
    this.render();
    this.item.show();
  }

  /** Re-reads which policy applies (after start, a policy edit or a settings change). */
  async refreshPolicy(): Promise<void> {
    const api = this.getApi();
    if (!api) return;
    try {
      const status = await api.status();
      const folders = status.folders.filter((f) => f.enabled);
      if (!folders.length) {
        this.policyLabel = 'off';
        this.policyDetail = 'OSPO Guide is disabled for this workspace';
      } else {
        const labels = folders.map((f) => (f.policy.kind === 'file' ? path.basename(f.policy.path) : 'default policy'));
        this.policyLabel = [...new Set(labels)].join(', ');
        this.policyDetail = folders
          .map((f) => `${path.basename(f.root)}: ${f.policy.kind === 'file' ? vscode.workspace.asRelativePath(f.policy.path) : 'embedded default policy'}${f.policyValid ? '' : ' (has errors; last valid policy applies)'}`)
          .join('\n');
        if (folders.some((f) => !f.policyValid)) this.policyLabel += ' ⚠';
      }
      if (!status.trusted) this.policyDetail += '\nRestricted mode: no policy is loaded from outside the workspace.';
    } catch {
      // The server is restarting; the next diagnostics change refreshes.
    }
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    // Diagnostics change when the policy, a setting or a file changes: ask which policy applies now too.
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refreshPolicy();
    }, 250);
  }

  private render(): void {
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== 'OSPO Guide') continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
        else infos++;
      }
    }
    this.item.text = `$(law) OSPO: ${this.policyLabel} $(error) ${errors} $(warning) ${warnings}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**OSPO Guide**\n\n${this.policyDetail.replace(/\n/g, '  \n')}\n\n${errors} error(s), ${warnings} warning(s), ${infos} info\n\nClick to open the audit report.`,
    );
    this.item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
