import type { AuditReport } from '../../../server/src/protocol/ospo-protocol';
import { buildReportView, NO_FILTER, type DependencyRow, type FindingRow, type ReportFilter, type ReportView } from './report-view-model';

/** What the server's audit command returns, as the report renders it. */
export type AuditReportData = AuditReport;

export interface RenderResources {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

/** Everything from the workspace is untrusted text: package names, messages and paths. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function totalsTable(caption: string, rows: Array<[string, number]>, labelHeader: string): string {
  if (!rows.length) return '';
  return `<table class="totals"><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(labelHeader)}</th><th scope="col" class="num">Count</th></tr></thead><tbody>${rows
    .map(([label, n]) => `<tr><td>${escapeHtml(label)}</td><td class="num">${n}</td></tr>`)
    .join('')}</tbody></table>`;
}

function fileLink(root: string, file: string, line: number, label = `${file}:${line}`): string {
  return `<a href="#" class="file" data-root="${escapeHtml(root)}" data-file="${escapeHtml(file)}" data-line="${line}">${escapeHtml(label)}</a>`;
}

/** What the page shows besides the audit's data: the filter in force and whether the findings moved on since. */
export interface ReportPageState {
  readonly filter: ReportFilter;
  /** The findings changed after this audit and it has not been re-run yet. */
  readonly stale: boolean;
  /** A re-run is under way. */
  readonly refreshing: boolean;
}

const INITIAL_STATE: ReportPageState = { filter: NO_FILTER, stale: false, refreshing: false };

/** The status column sorts errors first, as the rows come. */
const SORT_KEY: Record<string, number> = { error: 0, warning: 1, information: 2, none: 3 };

function statusCell(row: DependencyRow): string {
  const label = row.status === 'problem' ? `${row.severity ?? 'error'}: ${row.code ?? 'problem'}` : row.status;
  return `<span class="status ${escapeHtml(row.status === 'problem' ? (row.severity ?? 'error') : row.status)}">${escapeHtml(label)}</span>`;
}

/** A pending request is decided where it shows: the buttons run the approval review (with its dialog). */
function reviewButtons(row: DependencyRow): string {
  if (!row.pendingApproval) return '';
  const data = `data-root="${escapeHtml(row.root)}" data-purl="${escapeHtml(row.purl)}"`;
  return ` <span class="review"><button type="button" class="approve" ${data} data-decision="approved">Approve…</button> <button type="button" class="reject" ${data} data-decision="rejected">Reject…</button></span>`;
}

function dependencyTable(view: ReportView): string {
  if (!view.packageCount) return '<p>No dependency manifests were found.</p>';
  if (!view.dependencies.length) return '<p>No dependency matches the filter.</p>';
  const columns = [...(view.multiRoot ? ['Folder'] : []), 'Package', 'Version', 'License', 'Source of the license', 'Status', 'Manifest'];
  const rows = view.dependencies
    .map((row) => {
      const cells = [
        ...(view.multiRoot ? [`<td>${escapeHtml(row.folder)}</td>`] : []),
        `<td>${escapeHtml(row.name)}</td>`,
        `<td>${escapeHtml(row.version)}</td>`,
        `<td>${escapeHtml(row.license)}</td>`,
        `<td>${escapeHtml(row.licenseSource)}</td>`,
        `<td data-sort="${SORT_KEY[row.severity ?? 'none']} ${escapeHtml(row.code ?? row.status)}">${statusCell(row)}${reviewButtons(row)}</td>`,
        `<td>${fileLink(row.root, row.manifest, row.line)}</td>`,
      ];
      return `<tr data-ecosystem="${escapeHtml(row.ecosystem)}">${cells.join('')}</tr>`;
    })
    .join('');
  return `<table id="dependencies" class="sortable"><caption>Dependencies (${view.dependencies.length} of ${view.packageCount})</caption><thead><tr>${columns
    .map((c, i) => `<th scope="col" aria-sort="none"><button type="button" data-column="${i}">${escapeHtml(c)}</button></th>`)
    .join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

function findingList(view: ReportView, items: readonly FindingRow[]): string {
  return `<ul class="findings">${items
    .map((f) => {
      const place = view.multiRoot ? `${f.folder}: ${f.file}:${f.line}` : `${f.file}:${f.line}`;
      return `<li><span class="severity ${f.severity}">${f.severity}</span> ${fileLink(f.root, f.file, f.line, place)} <code>${escapeHtml(f.code)}</code> ${escapeHtml(f.message)}</li>`;
    })
    .join('')}</ul>`;
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${value === (selected ?? '') ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function filterForm(view: ReportView): string {
  const { filter } = view;
  return `<form id="filter" class="filter" aria-label="Filter the report">
<label><input type="checkbox" id="filter-problems"${filter.problemsOnly ? ' checked' : ''}> Problems only</label>
<label>Rule <select id="filter-rule">${option('', 'All rules', filter.rule)}${view.rules.map((r) => option(r, r, filter.rule)).join('')}</select></label>
<label>Ecosystem <select id="filter-ecosystem">${option('', 'All ecosystems', filter.ecosystem)}${view.ecosystems.map((e) => option(e, e, filter.ecosystem)).join('')}</select></label>
</form>`;
}

function notices(data: AuditReportData, view: ReportView, state: ReportPageState): string {
  const out: string[] = [];
  if (data.cancelled) out.push('<p class="notice" role="status">The audit was cancelled: this report shows what was checked until then.</p>');
  if (view.restricted) {
    const parts = view.notLoaded.map((n) => `${n.folder}: ${n.parts.join(', ')}`).join('; ');
    out.push(`<p class="notice restricted" role="status">This audit ran in restricted mode (the workspace is not trusted)${parts ? `: not loaded — ${escapeHtml(parts)}` : ''}. Trust the workspace and refresh to audit with the whole policy.</p>`);
  }
  if (state.refreshing) out.push('<p class="notice refreshing" role="status">Refreshing: the findings changed, the audit is running again…</p>');
  else if (state.stale) out.push('<p class="notice stale" role="status">The findings changed since this audit: this report is out of date. Refresh to audit again.</p>');
  return out.join('\n');
}

/** The report's HTML: a pure function so it can be tested without VS Code. */
export function renderAuditReportHtml(data: AuditReportData, resources: RenderResources, state: ReportPageState = INITIAL_STATE): string {
  const view = buildReportView(data, state.filter);
  const all = buildReportView(data);
  const findings = data.folders.flatMap((f) => f.findings);
  const packages = data.folders.flatMap((f) => f.packages);
  const { counts } = view;
  const summary = data.folders
    .map((f) => `<li><strong>${escapeHtml(f.root)}</strong> — policy: ${escapeHtml(f.policy)}; ${f.stats.filesSeen} file(s) walked, ${f.stats.manifestsChecked} manifest(s), ${f.stats.headerFilesChecked} source file(s), ${(f.stats.durationMs / 1000).toFixed(2)} s</li>`)
    .join('');
  const filtered = view.filter.problemsOnly || view.filter.rule !== undefined || view.filter.ecosystem !== undefined;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${resources.cspSource}; script-src 'nonce-${resources.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>OSPO Audit Report</title>
</head>
<body>
<header>
<h1>OSPO Audit Report</h1>
${notices(data, view, state)}
<p class="summary" role="status">${counts.total} finding(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information. ${view.packageCount} package(s).</p>
<ul class="folders">${summary}</ul>
<div class="actions">
<button type="button" id="refresh"${state.refreshing ? ' disabled' : ''}>Refresh</button>
<button type="button" id="export-sarif">Export SARIF</button>
<button type="button" id="export-markdown">Export Markdown</button>
<button type="button" id="export-cyclonedx" title="CycloneDX 1.6 JSON: every resolved package with its license and the dependency graph">Export CycloneDX SBOM</button>
<button type="button" id="export-spdx" title="SPDX 2.3 JSON: every resolved package with its license and the dependency graph">Export SPDX SBOM</button>
</div>
${filterForm(view)}
</header>
<main>
<section aria-labelledby="totals-heading"><h2 id="totals-heading">Totals</h2>
${totalsTable('Findings by rule', countBy(findings, (f) => f.code), 'Rule') || '<p>No findings.</p>'}
${totalsTable('Packages by license', countBy(packages, (p) => p.license ?? 'unknown'), 'License')}
</section>
<section aria-labelledby="deps-heading"><h2 id="deps-heading">Dependencies</h2>${dependencyTable(view)}</section>
<section aria-labelledby="headers-heading"><h2 id="headers-heading">Files needing a license header (${view.headerFindings.length}${filtered ? ` of ${all.headerFindings.length}` : ''})</h2>${
    view.headerFindings.length ? findingList(view, view.headerFindings) : all.headerFindings.length ? '<p>No file matches the filter.</p>' : '<p>Every checked file has a compliant header.</p>'
  }</section>
${view.otherFindings.length ? `<section aria-labelledby="other-heading"><h2 id="other-heading">Other findings</h2>${findingList(view, view.otherFindings)}</section>` : ''}
</main>
<script nonce="${resources.nonce}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>`;
}
