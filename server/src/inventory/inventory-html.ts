import type { Inventory, InventoryApproval } from './merge-inventory';
import { describeUsage } from './usage-text';
import { nodeCrypto } from '../io/lazy-crypto';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Sorts a table by the clicked column (numbers by value, text by locale, again to reverse) and filters the
 * packages table. It reads only the page's own cells and holds no data, so nothing from a report reaches code.
 */
const SCRIPT = `
document.querySelectorAll('table.sortable th').forEach(function (th, _i) {
  th.tabIndex = 0;
  function sort() {
    var table = th.closest('table'), body = table.tBodies[0], index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    var key = function (row) { var cell = row.cells[index]; return cell.hasAttribute('data-n') ? Number(cell.getAttribute('data-n')) : cell.textContent; };
    rows.sort(function (a, b) { var x = key(a), y = key(b); var c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y)); return asc ? c : -c; });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  th.addEventListener('click', sort);
  th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
});
var filter = document.getElementById('filter');
if (filter) filter.addEventListener('input', function () {
  var q = filter.value.toLowerCase();
  document.querySelectorAll('#packages tbody tr').forEach(function (row) { row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0; });
});
`;

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1b1b1b; }
table { border-collapse: collapse; margin: 0 0 2em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; cursor: pointer; user-select: none; }
th[aria-sort=ascending]::after { content: " \\25B2"; }
th[aria-sort=descending]::after { content: " \\25BC"; }
td.n { text-align: right; }
tr.problem td:nth-child(5) { color: #b00020; font-weight: 600; }
input { margin: 0 0 1em; padding: 4px; width: 24em; }
`;

const cell = (value: string | number) => (typeof value === 'number' ? `<td class="n" data-n="${value}">${value}</td>` : `<td>${escapeHtml(value)}</td>`);

function table(id: string, headers: readonly string[], rows: ReadonlyArray<{ readonly cells: readonly (string | number)[]; readonly className?: string }>): string {
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr${r.className ? ` class="${escapeHtml(r.className)}"` : ''}>${r.cells.map(cell).join('')}</tr>`).join('\n');
  return `<table class="sortable" id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function approvalsTable(id: string, list: readonly InventoryApproval[], dateHeader: string, date: (a: InventoryApproval) => string): string {
  if (!list.length) return '<p>None.</p>';
  return table(id, ['Package', 'Version', 'License', 'Repository', 'Requested by', dateHeader], list.map((a) => ({ cells: [a.package, a.version ?? '', a.license ?? '', a.repository, a.requestedBy ?? '', date(a)] })));
}

/**
 * The organisation inventory as one self-contained HTML file: no external asset, every value escaped, and a
 * Content-Security-Policy that lets only the page's own script (by hash) and style run.
 */
export function inventoryToHtml(inventory: Inventory): string {
  const scriptHash = nodeCrypto().createHash('sha256').update(SCRIPT).digest('base64');
  const problems = inventory.packages.filter((p) => p.status === 'problem').length;
  const sections = [
    `<h1>Open source inventory</h1>`,
    `<p>${inventory.repositories.length} repositories, ${inventory.packages.length} packages (${problems} with problems), ${inventory.pendingApprovals.length} pending and ${inventory.expiredApprovals.length} expired approvals.</p>`,
    `<h2>Licenses</h2>`,
    table('licenses', ['License', 'Packages', 'Repositories'], inventory.licenses.map((t) => ({ cells: [t.license, t.packages, t.repositories] }))),
    `<h2>Pending approvals</h2>`,
    approvalsTable('pending', inventory.pendingApprovals, 'Requested', (a) => a.requestedAt ?? ''),
    `<h2>Expired approvals</h2>`,
    approvalsTable('expired', inventory.expiredApprovals, 'Expired', (a) => a.expires ?? ''),
    `<h2>Packages</h2>`,
    `<input id="filter" type="search" placeholder="Filter packages" aria-label="Filter packages">`,
    table(
      'packages',
      ['Package', 'Ecosystem', 'Versions', 'Licenses', 'Status', 'Repositories', 'Used by'],
      inventory.packages.map((p) => ({
        className: p.status,
        cells: [p.purl, p.ecosystem, p.versions.join(', '), p.licenses.join(', '), p.codes.length ? `${p.status} (${p.codes.join(', ')})` : p.status, p.repositories.length, p.usages.map(describeUsage).join(', ')],
      })),
    ),
    `<h2>Repositories</h2>`,
    table(
      'repositories',
      ['Repository', 'Commit', 'Date', 'Packages', 'With problems', 'Errors', 'Warnings'],
      inventory.repositories.map((r) => ({ cells: [r.name, r.commit?.slice(0, 12) ?? '', r.date ?? '', r.packages, r.problems, r.findings.error, r.findings.warning] })),
    ),
    ...(inventory.notes.length ? ['<h2>Notes</h2>', `<ul>${inventory.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`] : []),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Open source inventory</title>',
    `<style>${STYLE}</style></head><body>`,
    ...sections,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
