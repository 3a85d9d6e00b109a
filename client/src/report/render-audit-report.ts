import type { AuditReport } from '../../../server/src/protocol/ospo-protocol';

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

function fileLink(root: string, file: string, line: number): string {
  return `<a href="#" class="file" data-root="${escapeHtml(root)}" data-file="${escapeHtml(file)}" data-line="${line}">${escapeHtml(file)}:${line}</a>`;
}

const COLUMNS = ['Package', 'Version', 'License', 'Source of the license', 'Status', 'Manifest'];

/** The report's HTML: a pure function so it can be tested without VS Code. */
export function renderAuditReportHtml(data: AuditReportData, resources: RenderResources): string {
  const findings = data.folders.flatMap((f) => f.findings);
  const packages = data.folders.flatMap((f) => f.packages.map((p) => ({ ...p, root: f.root })));
  const headerFindings = data.folders.flatMap((f) => f.findings.filter((x) => x.code.startsWith('header-')).map((x) => ({ ...x, root: f.root })));
  const otherFindings = data.folders.flatMap((f) =>
    f.findings.filter((x) => !x.code.startsWith('header-') && !/^(license-(denied|needs-approval|unknown)|package-denied|approval-)/.test(x.code)).map((x) => ({ ...x, root: f.root })),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const summary = data.folders
    .map((f) => `<li><strong>${escapeHtml(f.root)}</strong> — policy: ${escapeHtml(f.policy)}; ${f.stats.manifestsChecked} manifest(s), ${f.stats.headerFilesChecked} source file(s), ${(f.stats.durationMs / 1000).toFixed(2)} s</li>`)
    .join('');
  const rows = packages
    .map((p) => {
      const name = p.direct ? p.name : `${p.name} (via ${p.via.slice(0, -1).join(' > ')})`;
      const status = p.status === 'problem' ? `<span class="status problem">${escapeHtml(p.code ?? 'problem')}</span>` : `<span class="status ${escapeHtml(p.status)}">${escapeHtml(p.status)}</span>`;
      return `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(p.version ?? '')}</td><td>${escapeHtml(p.license ?? 'unknown')}</td><td>${escapeHtml(p.licenseSource)}</td><td data-sort="${escapeHtml(p.status === 'problem' ? `0 ${p.code ?? ''}` : `1 ${p.status}`)}">${status}</td><td>${escapeHtml(p.manifest)}</td></tr>`;
    })
    .join('');
  const dependencyTable = packages.length
    ? `<table id="dependencies" class="sortable"><caption>Dependencies (${packages.length})</caption><thead><tr>${COLUMNS.map(
        (c, i) => `<th scope="col" aria-sort="none"><button type="button" data-column="${i}">${escapeHtml(c)}</button></th>`,
      ).join('')}</tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No dependency manifests were found.</p>';
  const list = (items: Array<{ root: string; file: string; line: number; message: string; code: string }>) =>
    `<ul class="findings">${items.map((f) => `<li>${fileLink(f.root, f.file, f.line)} <code>${escapeHtml(f.code)}</code> ${escapeHtml(f.message)}</li>`).join('')}</ul>`;

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
${data.cancelled ? '<p class="notice" role="status">The audit was cancelled: this report shows what was checked until then.</p>' : ''}
<p class="summary" role="status">${findings.length} finding(s): ${errors} error(s), ${warnings} warning(s). ${packages.length} package(s).</p>
<ul class="folders">${summary}</ul>
<div class="actions">
<button type="button" id="export-sarif">Export SARIF</button>
<button type="button" id="export-markdown">Export Markdown</button>
<button type="button" id="export-cyclonedx" title="CycloneDX 1.6 JSON: every resolved package with its license and the dependency graph">Export CycloneDX SBOM</button>
<button type="button" id="export-spdx" title="SPDX 2.3 JSON: every resolved package with its license and the dependency graph">Export SPDX SBOM</button>
</div>
</header>
<main>
<section aria-labelledby="totals-heading"><h2 id="totals-heading">Totals</h2>
${totalsTable('Findings by rule', countBy(findings, (f) => f.code), 'Rule') || '<p>No findings.</p>'}
${totalsTable('Packages by license', countBy(packages, (p) => p.license ?? 'unknown'), 'License')}
</section>
<section aria-labelledby="deps-heading"><h2 id="deps-heading">Dependencies</h2>${dependencyTable}</section>
<section aria-labelledby="headers-heading"><h2 id="headers-heading">Files needing a license header (${headerFindings.length})</h2>${headerFindings.length ? list(headerFindings) : '<p>Every checked file has a compliant header.</p>'}</section>
${otherFindings.length ? `<section aria-labelledby="other-heading"><h2 id="other-heading">Other findings</h2>${list(otherFindings)}</section>` : ''}
</main>
<script nonce="${resources.nonce}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>`;
}
