import * as assert from 'node:assert/strict';
import { renderAuditReportHtml, type AuditReportData } from '../../../client/src/report/render-audit-report';

const resources = { cspSource: 'vscode-webview://x', nonce: 'abc123', styleUri: 'style.css', scriptUri: 'script.js' };

const data: AuditReportData = {
  cancelled: false,
  restricted: false,
  folders: [
    {
      root: '/w',
      notLoaded: [],
      policy: '.ospo/policy.json',
      stats: { filesSeen: 10, manifestsChecked: 1, headerFilesChecked: 3, skipped: 0, durationMs: 12 },
      findings: [
        { code: 'license-denied', severity: 'error', message: 'evil: GPL-3.0-only is denied', file: 'package.json', line: 3, column: 6, fingerprint: 'a1' },
        { code: 'header-missing', severity: 'warning', message: 'No SPDX-License-Identifier header', file: 'src/<b>.ts', line: 1, column: 1, fingerprint: 'b2' },
      ],
      packages: [
        { manifest: 'package.json', ecosystem: 'npm', name: '<img src=x onerror=alert(1)>', purl: 'pkg:npm/x', version: '1.0.0', direct: true, via: [], license: 'MIT', licenseSource: 'from package-lock.json', status: 'allowed', line: 2, why: 'MIT is allowed', scope: 'runtime', ref: 'pkg:npm/x@1.0.0', dependents: [] },
        { manifest: 'package.json', ecosystem: 'npm', name: 'inner', purl: 'pkg:npm/inner', version: '2.0.0', direct: false, via: ['evil', 'inner'], license: 'GPL-3.0-only', licenseSource: 'from package-lock.json', status: 'problem', code: 'license-denied', severity: 'error', line: 3, why: 'GPL-3.0-only is denied', scope: 'runtime', ref: 'pkg:npm/inner@2.0.0', dependents: ['pkg:npm/evil@1.0.0'] },
      ],
    },
  ],
};

describe('audit report page', () => {
  const html = renderAuditReportHtml(data, resources);

  it('escapes everything that comes from the workspace', () => {
    assert.ok(!html.includes('<img src=x'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('src/&lt;b&gt;.ts:1'));
  });

  it('has a strict content security policy with a nonce and no inline handlers', () => {
    assert.match(html, /default-src 'none'; style-src vscode-webview:\/\/x; script-src 'nonce-abc123';/);
    assert.match(html, /<script nonce="abc123" src="script.js"><\/script>/);
    assert.ok(!/\son[a-z]+=/i.test(html.replace(/&lt;img src=x onerror=alert\(1\)&gt;/, '')));
  });

  it('shows totals by rule and by license, the dependency table and the files needing headers', () => {
    assert.match(html, /Findings by rule.*<td>header-missing<\/td><td class="num">1<\/td>/s);
    assert.match(html, /Packages by license.*<td>GPL-3\.0-only<\/td><td class="num">1<\/td>/s);
    assert.match(html, /inner \(via evil\)/);
    assert.match(html, /Files needing a license header \(1\)/);
    assert.equal((html.match(/aria-sort="none"/g) ?? []).length, 6);
    assert.match(html, /<button type="button" id="export-sarif">Export SARIF<\/button>/);
    assert.match(html, /<button type="button" id="export-cyclonedx"[^>]*>Export CycloneDX SBOM<\/button>/);
    assert.match(html, /<button type="button" id="export-spdx"[^>]*>Export SPDX SBOM<\/button>/);
  });

  it('renders an empty report', () => {
    const empty = renderAuditReportHtml({ cancelled: true, restricted: false, folders: [] }, resources);
    assert.match(empty, /No findings\./);
    assert.match(empty, /The audit was cancelled/);
  });
});
