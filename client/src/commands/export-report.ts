import * as vscode from 'vscode';
import type { ServerApi } from '../server-api';

/** What the audit report exports to; the server writes every document, the client only saves it. */
export type ReportFormat = 'sarif' | 'markdown' | 'cyclonedx' | 'spdx';

const FORMATS: Readonly<Record<ReportFormat, { readonly label: string; readonly detail: string; readonly fileName: string; readonly filters: Record<string, string[]> }>> = {
  sarif: { label: 'SARIF', detail: 'findings, for code scanning', fileName: 'ospo-audit.sarif', filters: { SARIF: ['sarif', 'json'] } },
  markdown: { label: 'Markdown', detail: 'the report, for people', fileName: 'ospo-audit.md', filters: { Markdown: ['md'] } },
  cyclonedx: { label: 'CycloneDX 1.6 SBOM', detail: 'every resolved package, JSON', fileName: 'bom.cdx.json', filters: { 'CycloneDX JSON': ['json'] } },
  spdx: { label: 'SPDX 2.3 SBOM', detail: 'every resolved package, JSON', fileName: 'bom.spdx.json', filters: { 'SPDX JSON': ['json'] } },
};

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && Object.hasOwn(FORMATS, value);
}

/** Saves the last audit as SARIF, Markdown or an SBOM, where the person chooses or `uri` says. */
export async function exportReport(api: ServerApi, args: { format?: ReportFormat; uri?: vscode.Uri }): Promise<vscode.Uri | undefined> {
  const format =
    args.format ??
    (
      await vscode.window.showQuickPick(
        (Object.keys(FORMATS) as ReportFormat[]).map((id) => ({ id, label: FORMATS[id].label, detail: FORMATS[id].detail })),
        { title: 'Export the audit report as' },
      )
    )?.id;
  if (!format) return undefined;
  const report = await api.exportReport(format);
  if ('error' in report) {
    void vscode.window.showErrorMessage(`Cannot export: ${report.error}`);
    return undefined;
  }
  // One folder: propose it. Several: the audit covers them all, so propose none of them over the others (the
  // saved workspace file's folder, if any) and let the person choose.
  const folders = vscode.workspace.workspaceFolders ?? [];
  const workspaceFile = vscode.workspace.workspaceFile;
  const folder = folders.length === 1 ? folders[0].uri : workspaceFile?.scheme === 'file' ? vscode.Uri.joinPath(workspaceFile, '..') : undefined;
  const target =
    args.uri ??
    (await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, FORMATS[format].fileName) } : {}),
      filters: FORMATS[format].filters,
      title: `Export audit report (${FORMATS[format].label})`,
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.content));
  void vscode.window.showInformationMessage(`Audit report saved to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
