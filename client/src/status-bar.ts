import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FolderStatus, OspoStatus } from './server-api';

/** Commands the tooltip's links may run. */
const TOOLTIP_COMMANDS = ['workbench.trust.manage', 'ospo.openPolicy', 'ospo.showOutput', 'ospo.showReport'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 errors, 1 warning`, or `no problems`. */
export function countsLabel(counts: FolderStatus['counts']): string {
  const parts = [counts.error ? plural(counts.error, 'error') : '', counts.warning ? plural(counts.warning, 'warning') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no problems';
}

function policyLine(folder: FolderStatus): string {
  if (folder.policy.kind === 'default') {
    return folder.policy.reason === 'untrusted' ? 'Embedded default policy (the policy file is not read in a restricted workspace)' : 'Embedded default policy (no policy file)';
  }
  const [own, ...bases] = [...folder.policy.files].reverse();
  const rel = (p: string) => vscode.workspace.asRelativePath(p, false);
  return `Policy: ${rel(own ?? folder.policy.path)}${bases.length ? ` (extends ${bases.map(rel).join(', ')})` : ''}`;
}

/** What is wrong with the policy in force (a summary, then details), or undefined when nothing is. */
function policyProblem(folder: FolderStatus): { summary: string; details: readonly string[] } | undefined {
  const health = folder.health;
  switch (health.kind) {
    case 'valid':
    case 'restricted':
      return undefined;
    case 'missing':
      return { summary: `The policy file ${health.path} does not exist; the embedded default policy applies.`, details: [] };
    case 'invalid':
      return { summary: `The policy has ${plural(health.problemCount, 'problem')}; the last valid policy applies.`, details: health.problems };
  }
}

/** Paths and messages from the workspace are shown as written, not as Markdown (or HTML). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, '\\$&');
}

/**
 * Shows the server's `ospo/status` for the workspace folder of the active editor: the count of OSPO Guide's own
 * findings, the policy in its tooltip, and a warning when the policy is broken, the server failed or the
 * workspace is restricted. It holds no state of its own beyond the last notification.
 */
export class OspoStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ospo.status', vscode.StatusBarAlignment.Left, 50);
  private status: OspoStatus | undefined;
  private serverProblem: string | undefined;
  /** The folder shown last: kept while the active editor is outside every folder. */
  private followed: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  constructor() {
    this.item.name = 'OSPO Guide';
    this.item.command = 'ospo.showReport';
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.render();
    this.item.show();
  }

  /** The server's latest `ospo/status`. */
  update(status: OspoStatus): void {
    this.status = status;
    this.render();
  }

  /** The client's own trouble with the server (it stopped, or failed to start); undefined once it runs. */
  setServerProblem(problem: string | undefined): void {
    this.serverProblem = problem;
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  /** The theme color id of the background, if any. */
  get background(): string | undefined {
    return this.item.backgroundColor?.id;
  }

  /** The folder whose status is shown: the active editor's, else the one shown before, else the first. */
  private shownFolder(status: OspoStatus): FolderStatus | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
    if (folder) this.followed = folder.uri.fsPath;
    const same = (root: string) => this.followed !== undefined && path.relative(root, this.followed) === '';
    return status.folders.find((f) => same(f.root)) ?? status.folders[0];
  }

  private render(): void {
    // A notification may still arrive while the window closes.
    if (this.disposed) return;
    const lines: string[] = [];
    let warn = false;
    let text: string;
    const status = this.status;
    const folder = status ? this.shownFolder(status) : undefined;
    if (this.serverProblem !== undefined) {
      text = '$(warning) OSPO: server stopped';
      warn = true;
      lines.push(`**The OSPO Guide language server is not running:** ${escapeMarkdown(this.serverProblem)}`, '[Show Output](command:ospo.showOutput)');
    } else if (!status) {
      text = '$(loading~spin) OSPO';
      lines.push('Starting the OSPO Guide language server…');
    } else if (!folder) {
      text = '$(law) OSPO';
      lines.push('No workspace folder is open.');
    } else if (!folder.enabled) {
      text = '$(law) OSPO: off';
      lines.push(`OSPO Guide is disabled for ${escapeMarkdown(path.basename(folder.root))} (setting \`ospo.enable\`).`);
    } else {
      const problem = policyProblem(folder);
      warn = problem !== undefined || status.serverError !== undefined;
      text = `${warn ? '$(warning)' : status.trusted ? '$(law)' : '$(workspace-untrusted)'} OSPO: ${countsLabel(folder.counts)}`;
      if (status.folders.length > 1) lines.push(`**${escapeMarkdown(path.basename(folder.root))}**`);
      lines.push(escapeMarkdown(policyLine(folder)));
      if (problem) {
        lines.push(`$(warning) ${escapeMarkdown(problem.summary)}`);
        if (problem.details.length) lines.push(problem.details.map((d) => `- ${escapeMarkdown(d)}`).join('\n'));
        lines.push('[Open Policy](command:ospo.openPolicy)');
      }
      if (status.serverError !== undefined) lines.push(`$(warning) Server error: ${escapeMarkdown(status.serverError)}`, '[Show Output](command:ospo.showOutput)');
      lines.push(`${plural(folder.counts.error, 'error')}, ${plural(folder.counts.warning, 'warning')}, ${folder.counts.information} info — [Open the audit report](command:ospo.showReport)`);
    }
    if (status && !status.trusted) {
      const notLoaded = folder?.health.kind === 'restricted' ? folder.health.notLoaded.map((p) => vscode.workspace.asRelativePath(p, false)).join(', ') : 'policies, approvals logs and request URLs outside the folder';
      lines.push(`$(workspace-untrusted) restricted: ${escapeMarkdown(notLoaded)} not loaded. [Manage Workspace Trust](command:workbench.trust.manage)`);
    }
    this.item.text = text;
    const tooltip = new vscode.MarkdownString(lines.join('\n\n'), true);
    tooltip.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
