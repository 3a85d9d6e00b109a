import * as assert from 'node:assert/strict';
import type { PackageRow } from '../../../server/src/dependencies/check-manifest';
import type { AuditReport, AuditedFolder } from '../../../server/src/protocol/ospo-protocol';
import type { JsonReportFinding } from '../../../server/src/report/json-report';
import { buildReportView, folderNames, readReportFilter } from '../../../client/src/report/report-view-model';
import { renderAuditReportHtml } from '../../../client/src/report/render-audit-report';

function pkg(name: string, fields: Partial<PackageRow> = {}): PackageRow {
  return {
    manifest: 'package.json',
    ecosystem: 'npm',
    name,
    purl: `pkg:npm/${name}`,
    version: '1.0.0',
    direct: true,
    via: [],
    scope: 'runtime',
    ref: `pkg:npm/${name}@1.0.0`,
    dependents: [],
    license: 'MIT',
    licenseSource: 'from package-lock.json',
    status: 'allowed',
    line: 1,
    why: 'MIT is allowed',
    ...fields,
  };
}

function finding(code: string, severity: JsonReportFinding['severity'], file: string, line: number): JsonReportFinding {
  return { code, severity, message: `${code} in ${file}`, file, line, column: 1, fingerprint: `${code}:${file}` };
}

function folder(root: string, packages: PackageRow[], findings: JsonReportFinding[] = []): AuditedFolder {
  return { root, notLoaded: [], policy: '.ospo/policy.json', stats: { filesSeen: 5, manifestsChecked: 1, headerFilesChecked: 2, skipped: 0, durationMs: 3 }, findings, packages };
}

const app = folder(
  '/work/app',
  [
    pkg('isc-lib', { license: 'ISC', line: 4 }),
    pkg('gpl-lib', { license: 'GPL-3.0-only', status: 'problem', code: 'license-denied', severity: 'error', line: 6 }),
    pkg('mpl-lib', { license: 'MPL-2.0', status: 'problem', code: 'approval-pending', severity: 'warning', line: 5 }),
    pkg('requests', { ecosystem: 'pypi', purl: 'pkg:pypi/requests', manifest: 'requirements.txt', license: 'Apache-2.0', line: 2 }),
  ],
  [
    finding('license-denied', 'error', 'package.json', 6),
    finding('approval-pending', 'warning', 'package.json', 5),
    finding('header-missing', 'warning', 'src/b.ts', 1),
    finding('license-text-missing', 'information', 'LICENSES', 1),
    finding('header-license-mismatch', 'error', 'src/a.ts', 2),
  ],
);
const lib = folder('/work/lib', [pkg('isc-lib', { license: 'ISC', status: 'problem', code: 'license-denied', severity: 'error', line: 3 })], [finding('license-denied', 'error', 'package.json', 3)]);

describe('audit report view model', () => {
  it('counts every severity, whatever the filter', () => {
    const report: AuditReport = { cancelled: false, restricted: false, folders: [app] };
    for (const filter of [undefined, { problemsOnly: true, rule: 'header-missing' }]) {
      assert.deepEqual(buildReportView(report, filter).counts, { error: 2, warning: 2, information: 1, total: 5 });
    }
  });

  it('sorts dependency rows and findings so errors come first', () => {
    const view = buildReportView({ cancelled: false, restricted: false, folders: [app] });
    assert.deepEqual(
      view.dependencies.map((r) => `${r.severity ?? r.status} ${r.name}`),
      ['error gpl-lib', 'warning mpl-lib', 'allowed isc-lib', 'allowed requests'],
    );
    assert.deepEqual(
      view.headerFindings.map((f) => `${f.severity} ${f.file}`),
      ['error src/a.ts', 'warning src/b.ts'],
    );
  });

  it('filters by problems only, by rule and by ecosystem', () => {
    const report: AuditReport = { cancelled: false, restricted: false, folders: [app] };
    assert.deepEqual(buildReportView(report, { problemsOnly: true }).dependencies.map((r) => r.name), ['gpl-lib', 'mpl-lib']);
    const byRule = buildReportView(report, { problemsOnly: false, rule: 'approval-pending' });
    assert.deepEqual(byRule.dependencies.map((r) => r.name), ['mpl-lib']);
    assert.deepEqual(byRule.headerFindings, []);
    assert.deepEqual(buildReportView(report, { problemsOnly: false, ecosystem: 'pypi' }).dependencies.map((r) => r.name), ['requests']);
    assert.deepEqual(buildReportView(report, { problemsOnly: false, rule: 'header-missing' }).headerFindings.map((f) => f.file), ['src/b.ts']);
    const all = buildReportView(report);
    assert.deepEqual(all.ecosystems, ['npm', 'pypi']);
    assert.ok(all.rules.includes('license-denied') && all.rules.includes('header-missing'));
  });

  it('names the folder of every row in a multi-root workspace', () => {
    const view = buildReportView({ cancelled: false, restricted: false, folders: [app, lib] });
    assert.equal(view.multiRoot, true);
    const isc = view.dependencies.filter((r) => r.name === 'isc-lib').map((r) => `${r.folder} ${r.status}`);
    assert.deepEqual(isc, ['lib problem', 'app allowed']);
    const html = renderAuditReportHtml({ cancelled: false, restricted: false, folders: [app, lib] }, { cspSource: 'x', nonce: 'n', styleUri: 's', scriptUri: 'j' });
    assert.match(html, /<th scope="col" aria-sort="none"><button type="button" data-column="0">Folder<\/button><\/th>/);
    assert.match(html, /<tr data-ecosystem="npm"><td>lib<\/td><td>isc-lib<\/td>/);
  });

  it('tells apart folders that share a base name', () => {
    assert.deepEqual([...folderNames(['/a/lib', '/b/lib', '/c/app']).values()], ['a/lib', 'b/lib', 'app']);
    assert.deepEqual([...folderNames(['C:\\work\\x\\lib', 'C:\\work\\y\\lib']).values()], ['x/lib', 'y/lib']);
  });

  it('offers review buttons on a pending row and links every row to its manifest line', () => {
    const html = renderAuditReportHtml({ cancelled: false, restricted: false, folders: [app] }, { cspSource: 'x', nonce: 'n', styleUri: 's', scriptUri: 'j' });
    assert.match(html, /<button type="button" class="approve" data-root="\/work\/app" data-purl="pkg:npm\/mpl-lib" data-decision="approved">Approve…<\/button>/);
    assert.equal((html.match(/class="approve"/g) ?? []).length, 1);
    assert.match(html, /data-file="package.json" data-line="6">package.json:6<\/a>/);
    assert.match(html, /data-file="requirements.txt" data-line="2">requirements.txt:2<\/a>/);
    assert.match(html, /5 finding\(s\): 2 error\(s\), 2 warning\(s\), 1 information\./);
  });

  it('says when the audit ran restricted and what it did not load, and when it is out of date', () => {
    const restricted = { ...app, notLoaded: ['/org/base.json'] };
    const html = renderAuditReportHtml({ cancelled: false, restricted: true, folders: [restricted] }, { cspSource: 'x', nonce: 'n', styleUri: 's', scriptUri: 'j' }, {
      filter: { problemsOnly: true },
      stale: true,
      refreshing: false,
    });
    assert.match(html, /This audit ran in restricted mode.*not loaded — app: \/org\/base\.json/);
    assert.match(html, /out of date/);
    assert.match(html, /<input type="checkbox" id="filter-problems" checked>/);
  });

  it('reads only a well-formed filter from the page', () => {
    assert.deepEqual(readReportFilter({ problemsOnly: true, rule: '', ecosystem: 'npm' }), { problemsOnly: true, ecosystem: 'npm' });
    assert.deepEqual(readReportFilter('x'), { problemsOnly: false });
    assert.deepEqual(readReportFilter({ problemsOnly: 'yes', rule: 3 }), { problemsOnly: false });
  });
});
