import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient, type TestDiagnostic } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';
import { writeEditsToDisk } from './support/write-edits';


function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `${needle} not found`);
  return index;
}

interface ListedEntry {
  index: number;
  package: string;
  status: string;
  license?: string;
  detected?: string;
  licenseMismatch: boolean;
  ruling: { disposition: string; why: string };
  detectedRuling?: { disposition: string };
}

describe('approval review over LSP', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  const manifest = () => path.join(workspace.root, 'package.json');
  const log = () => path.join(workspace.root, '.ospo/approvals.json');

  async function start() {
    client = new LspTestClient({ root: workspace.root, onApplyEdit: writeEditsToDisk });
    await client.start();
  }

  const execute = <T>(command: string, args: unknown) => client.connection.sendRequest('workspace/executeCommand', { command, arguments: [args] }) as Promise<T>;

  async function requestFor(diagnostic: TestDiagnostic) {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(manifest()) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const request = actions.find((a) => a.command?.command === 'ospo.server.requestApproval');
    assert.ok(request, `no request action among ${actions.map((a) => a.title)}`);
    return (request.command!.arguments as Array<{ subject: { purl: string; license?: string }; uri: string }>)[0];
  }

  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  it('keeps a denied license an error after an approval is requested', async () => {
    await start();
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    const line = lineOf(text, 'agpl-server');
    const before = await client.diagnosticsFor(manifest());
    const denied = before.find((d) => d.range.start.line === line)!;
    assert.equal(denied.code, 'license-denied');
    assert.equal(denied.severity, 1);
    const args = await requestFor(denied);
    const result = await execute<{ applied: boolean }>('ospo.server.requestApproval', { ...args, justification: 'Server-side only.', requestedBy: 'Dana Developer <dana@example.org>' });
    assert.equal(result.applied, true);
    client.filesChanged([log()]);
    const after = await client.diagnosticsFor(manifest(), (d) => d.some((x) => x.range.start.line === line && x.code === 'approval-pending'));
    const pending = after.find((d) => d.range.start.line === line)!;
    assert.equal(pending.severity, 1, 'a request lowers nothing');
    assert.equal(pending.message, 'agpl-server: AGPL-3.0-only is denied by policy; approval pending');
    // A request to review keeps its warning too.
    const lgpl = after.find((d) => d.range.start.line === lineOf(text, 'pending-lgpl'))!;
    assert.deepEqual([lgpl.code, lgpl.severity], ['approval-pending', 2]);
  });

  it('refuses a self-approval, and a hand-written one does not count: the log entry says why and the finding stays', async () => {
    await start();
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    const line = lineOf(text, 'agpl-server');
    const denied = (await client.diagnosticsFor(manifest())).find((d) => d.range.start.line === line)!;
    const dana = 'Dana Developer <dana@example.org>';
    await execute('ospo.server.requestApproval', { ...(await requestFor(denied)), justification: 'Server-side only.', requestedBy: dana });
    client.filesChanged([log()]);
    const listed = await execute<{ folders: Array<{ folderUri: string; entries: ListedEntry[] }> }>('ospo.server.approvals', {});
    const entry = listed.folders[0].entries.find((e) => e.package === 'pkg:npm/agpl-server')!;
    assert.equal(entry.ruling.disposition, 'deny', 'the reviewer sees an exception to a deny');

    const self = await execute<{ applied: boolean; error?: string }>('ospo.server.reviewApproval', {
      folderUri: listed.folders[0].folderUri,
      index: entry.index,
      decision: 'approved',
      reviewedBy: 'dana@example.org',
    });
    assert.equal(self.applied, false);
    assert.match(self.error!, /would not count: dana@example\.org also requested it/);

    // Someone edits the log by hand instead.
    const edited = JSON.parse(fs.readFileSync(log(), 'utf8'));
    Object.assign(edited.approvals[entry.index], { status: 'approved', reviewedBy: dana, reviewedAt: '2026-12-01' });
    const logText = JSON.stringify(edited, null, 2);
    fs.writeFileSync(log(), logText);
    client.filesChanged([log()]);
    const onLog = await client.diagnosticsFor(log(), (d) => d.some((x) => x.code === 'approval-invalid'));
    const invalid = onLog.find((d) => d.code === 'approval-invalid')!;
    assert.match(invalid.message, /^approval of pkg:npm\/agpl-server@\^1\.0\.0 does not count: Dana Developer <dana@example\.org> also requested it/);
    assert.equal(invalid.severity, 2);
    assert.equal(logText.split('\n')[invalid.range.start.line].trim(), `"reviewedBy": "${dana}",`);
    const after = await client.diagnosticsFor(manifest(), (d) => d.some((x) => x.range.start.line === line && x.code === 'license-denied'));
    const stays = after.find((d) => d.range.start.line === line)!;
    assert.equal(stays.severity, 1);
    assert.equal(stays.message, 'agpl-server: AGPL-3.0-only is denied by policy; its approval does not count');
    const hover = await client.hoverText(manifest(), stays.range.start);
    assert.match(hover ?? '', /\*\*Approval:\*\* the approval does not count: Dana Developer \\<dana\\@example\.org\\> also requested it/);
  });

  it('counts only approvals by listed reviewers and writes the policy default expiry', async () => {
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    const policy = fs.readFileSync(policyPath, 'utf8').replace('"approvals": { "file": ".ospo/approvals.json",', '"approvals": { "file": ".ospo/approvals.json", "reviewers": ["olga@example.org"], "defaultExpiry": "90 days",');
    fs.writeFileSync(policyPath, policy);
    await start();
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    // approved-mpl was approved by Olga: still fine. The policy file itself has no problem.
    const diagnostics = await client.diagnosticsFor(manifest());
    assert.ok(!diagnostics.some((d) => d.range.start.line === lineOf(text, 'approved-mpl')));
    const status = await execute<{ folders: Array<{ policyValid: boolean }> }>('ospo.server.status', {});
    assert.equal(status.folders[0].policyValid, true);
    const listed = await execute<{ folders: Array<{ folderUri: string; entries: ListedEntry[] }> }>('ospo.server.approvals', {});
    const pending = listed.folders[0].entries.find((e) => e.package === 'pkg:npm/pending-lgpl')!;
    assert.equal(pending.ruling.disposition, 'review');
    const bySam = await execute<{ applied: boolean; error?: string }>('ospo.server.reviewApproval', {
      folderUri: listed.folders[0].folderUri,
      index: pending.index,
      decision: 'approved',
      reviewedBy: 'Sam <sam@example.org>',
    });
    assert.equal(bySam.applied, false);
    assert.match(bySam.error!, /Sam <sam@example\.org> is not in approvals\.reviewers/);
    const byOlga = await execute<{ applied: boolean; error?: string }>('ospo.server.reviewApproval', {
      folderUri: listed.folders[0].folderUri,
      index: pending.index,
      decision: 'approved',
      reviewedBy: 'Olga OSPO <olga@example.org>',
    });
    assert.equal(byOlga.applied, true, byOlga.error);
    const entry = JSON.parse(fs.readFileSync(log(), 'utf8')).approvals[pending.index];
    const expected = new Date(Date.UTC(Number(entry.reviewedAt.slice(0, 4)), Number(entry.reviewedAt.slice(5, 7)) - 1, Number(entry.reviewedAt.slice(8, 10)) + 90)).toISOString().slice(0, 10);
    assert.equal(entry.expires, expected);
    client.filesChanged([log()]);
    await client.diagnosticsFor(manifest(), (d) => !d.some((x) => x.range.start.line === lineOf(text, 'pending-lgpl')));
    const again = await execute<{ applied: boolean; error?: string }>('ospo.server.reviewApproval', {
      folderUri: listed.folders[0].folderUri,
      index: pending.index,
      decision: 'approved',
      reviewedBy: 'Olga OSPO <olga@example.org>',
    });
    assert.match(again.error!, /already approved/);
  });

  it('records the detected license beside a different requested one and shows the mismatch to the reviewer', async () => {
    const lockPath = path.join(workspace.root, 'package-lock.json');
    fs.writeFileSync(lockPath, fs.readFileSync(lockPath, 'utf8').replace('"SEE LICENSE IN LICENSE.txt"', '"LGPL"'));
    await start();
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    const line = lineOf(text, 'see-license');
    const finding = (await client.diagnosticsFor(manifest())).find((d) => d.range.start.line === line)!;
    const args = await requestFor(finding);
    assert.equal(args.subject.license, 'LGPL');
    const result = await execute<{ applied: boolean; mismatch?: { requested: string; detected: string } }>('ospo.server.requestApproval', {
      ...args,
      license: 'LGPL-3.0-or-later',
      justification: 'Their COPYING file is the LGPL 3.',
      requestedBy: 'Dana Developer <dana@example.org>',
    });
    assert.deepEqual(result.mismatch, { requested: 'LGPL-3.0-or-later', detected: 'LGPL' });
    const written = JSON.parse(fs.readFileSync(log(), 'utf8')).approvals.at(-1);
    assert.deepEqual([written.license, written.detectedLicense], ['LGPL-3.0-or-later', 'LGPL']);
    client.filesChanged([log()]);
    await client.diagnosticsFor(manifest(), (d) => d.some((x) => x.range.start.line === line && x.code === 'approval-pending'));
    const listed = await execute<{ folders: Array<{ entries: ListedEntry[] }> }>('ospo.server.approvals', {});
    const entry = listed.folders[0].entries.find((e) => e.package === 'pkg:npm/see-license')!;
    assert.equal(entry.license, 'LGPL-3.0-or-later');
    assert.equal(entry.detected, 'LGPL');
    assert.equal(entry.licenseMismatch, true);
    // An entry whose license is what the workspace detects is no mismatch.
    assert.equal(listed.folders[0].entries.find((e) => e.package === 'pkg:npm/pending-lgpl')!.licenseMismatch, false);
  });
});
