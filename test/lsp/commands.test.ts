import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';
import { writeEditsToDisk } from './support/write-edits';


describe('language server commands', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;

  async function start(options: { trusted?: boolean } = {}) {
    client = new LspTestClient({ root: workspace.root, onApplyEdit: writeEditsToDisk, ...options });
    await client.start();
  }

  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  it('audits the workspace, publishing findings for files that are not open, and exports SARIF and Markdown', async () => {
    await start();
    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.audit', arguments: [] })) as {
      cancelled: boolean;
      folders: Array<{ findings: Array<{ code: string; file: string }>; packages: unknown[] }>;
    };
    assert.equal(result.cancelled, false);
    // 16 in the files, and the expired approval reported on the approvals log.
    assert.equal(result.folders[0].findings.length, 17);
    assert.ok(result.folders[0].findings.some((f) => f.code === 'approval-expired' && f.file === '.ospo/approvals.json'));
    assert.equal(result.folders[0].packages.length, 20);
    const missing = await client.diagnosticsFor(path.join(workspace.root, 'src/missing.ts'));
    assert.deepEqual(missing.map((d) => d.code), ['header-missing']);
    const sarif = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.exportReport', arguments: [{ format: 'sarif' }] })) as { content: string };
    assert.equal(JSON.parse(sarif.content).runs[0].results.length, 17);
    const markdown = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.exportReport', arguments: [{ format: 'markdown' }] })) as { content: string };
    assert.match(markdown.content, /^# OSPO Guide audit/);
    assert.match(markdown.content, /\| wrapper-lib \| 1\.0\.0 \| MIT \|/);
    assert.match(markdown.content, /`src\/missing\.ts`:1/);
    const status = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.status', arguments: [] })) as {
      folders: Array<{ policy: { kind: string }; counts: { error: number; warning: number } }>;
    };
    assert.equal(status.folders[0].policy.kind, 'file');
    assert.equal(status.folders[0].counts.error, 5);
  });

  it('records a review and the dependency passes', async () => {
    await start();
    const manifest = path.join(workspace.root, 'package.json');
    const text = fs.readFileSync(manifest, 'utf8');
    client.open(manifest, text);
    const before = await client.diagnosticsFor(manifest);
    assert.ok(before.some((d) => d.code === 'approval-pending'));
    const approvals = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.approvals', arguments: [] })) as {
      folders: Array<{ folderUri: string; entries: Array<{ index: number; package: string; status: string }> }>;
    };
    const pending = approvals.folders[0].entries.find((e) => e.status === 'requested')!;
    assert.equal(pending.package, 'pkg:npm/pending-lgpl');
    const review = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'ospo.server.reviewApproval',
      arguments: [{ folderUri: approvals.folders[0].folderUri, index: pending.index, decision: 'approved', comment: 'Dynamic linking is fine.', reviewedBy: 'Olga' }],
    })) as { applied: boolean };
    assert.equal(review.applied, true);
    const log = JSON.parse(fs.readFileSync(path.join(workspace.root, '.ospo/approvals.json'), 'utf8'));
    assert.equal(log.approvals[pending.index].status, 'approved');
    assert.equal(log.approvals[pending.index].reviewedBy, 'Olga');
    assert.match(log.approvals[pending.index].expires, /^\d{4}-\d{2}-\d{2}$/, 'an approval gets the default expiry');
    client.filesChanged([path.join(workspace.root, '.ospo/approvals.json')]);
    await client.diagnosticsFor(manifest, (d) => !d.some((x) => x.code === 'approval-pending'));
  });

  it('explains a finding on hover', async () => {
    await start();
    const manifest = path.join(workspace.root, 'package.json');
    const text = fs.readFileSync(manifest, 'utf8');
    client.open(manifest, text);
    const diagnostics = await client.diagnosticsFor(manifest);
    const wrapper = diagnostics.find((d) => d.message.startsWith('wrapper-lib'))!;
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: LspTestClient.uri(manifest) }, position: wrapper.range.start })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /^`inner-gpl@2\.0\.0` · `pkg:npm\/inner-gpl`/);
    assert.match(hover.contents.value, /Brought in through `wrapper-lib > inner-gpl`/);
    assert.match(hover.contents.value, /\*\*Denied by policy\*\* \(`license-denied`\)/);
    // Below the problem it brings in, wrapper-lib's own license and verdict.
    assert.match(hover.contents.value, /---\n\n`wrapper-lib@1\.0\.0` · `pkg:npm\/wrapper-lib`\n\n\*\*Allowed\*\*/);
  });

  it('applies settings changes without a restart', async () => {
    await start();
    const file = path.join(workspace.root, 'src/missing.ts');
    client.open(file, fs.readFileSync(file, 'utf8'), 'typescript');
    await client.diagnosticsFor(file, (d) => d.length === 1);
    client.updateSettings({ headers: { enable: false } });
    await client.diagnosticsFor(file, (d) => d.length === 0);
    client.updateSettings({ headers: { enable: true } });
    await client.diagnosticsFor(file, (d) => d.length === 1);
    client.updateSettings({ enable: false });
    await client.diagnosticsFor(file, (d) => d.length === 0);
  });

  it('in an untrusted workspace loads no policy from outside the folder and opens no URL', async () => {
    const outside = path.join(path.dirname(workspace.root), `${path.basename(workspace.root)}-org.json`);
    fs.writeFileSync(outside, '{ "licenses": { "allow": ["AGPL-3.0-only"] } }');
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"extends": "./org-base.json"', `"extends": ["./org-base.json", "../../${path.basename(outside)}"]`));
    try {
      await start({ trusted: false });
      const problems = await client.diagnosticsFor(policyPath, (d) => d.length > 0);
      assert.match(problems[0].message, /outside the workspace and is not loaded in an untrusted workspace/);
      const manifest = path.join(workspace.root, 'package.json');
      const text = fs.readFileSync(manifest, 'utf8');
      client.open(manifest, text);
      const diagnostics = await client.diagnosticsFor(manifest);
      const mpl = diagnostics.find((d) => d.message.startsWith('mpl-lib'))!;
      const result = (await client.connection.sendRequest('workspace/executeCommand', {
        command: 'ospo.server.requestApproval',
        arguments: [{ subject: { purl: 'pkg:npm/mpl-lib', name: 'mpl-lib', ecosystem: 'npm', license: 'MPL-2.0', via: ['mpl-lib'] }, uri: LspTestClient.uri(manifest), justification: 'x', requestedBy: 'T' }],
      })) as { applied: boolean; url?: string };
      assert.ok(mpl);
      assert.equal(result.applied, true);
      assert.equal(result.url, undefined);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('plans header fixes for the whole workspace and offers a starter policy', async () => {
    await start();
    const plan = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.headerFixPlan', arguments: [{}] })) as {
      files: Array<{ relativePath: string }>;
      edit: WorkspaceEdit;
    };
    assert.deepEqual(plan.files.map((f) => f.relativePath).sort(), ['src/mismatch.py', 'src/missing.ts', 'src/tool.sh']);
    writeEditsToDisk(plan.edit);
    assert.match(fs.readFileSync(path.join(workspace.root, 'src/tool.sh'), 'utf8'), /^#!\/usr\/bin\/env bash\n# SPDX-FileCopyrightText: \d{4} Acme Inc\.\n# SPDX-License-Identifier: Apache-2\.0\n/);
    assert.match(fs.readFileSync(path.join(workspace.root, 'src/mismatch.py'), 'utf8'), /SPDX-License-Identifier: Apache-2\.0/);
    const starter = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.starterPolicy', arguments: [{}] })) as { exists: boolean; text: string };
    assert.equal(starter.exists, true);
    assert.match(starter.text, /"allow": \["@permissive", "@notice", "@unencumbered"\]/);
  });
});
