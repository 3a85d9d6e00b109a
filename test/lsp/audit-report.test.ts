import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import type { AuditReport, RequestApprovalResult } from '../../server/src/protocol/ospo-protocol';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

const COUNTS = /^(?:.*: )?(\d+) files walked, (\d+) manifests checked, (\d+) headers checked — (.*)$/;

describe('the audit over LSP: progress counts and restricted mode', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    workspace = copyFixture('workspaces/foundation');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    workspace.dispose();
  });

  async function start(trusted: boolean, moreFolders: string[] = []): Promise<LspTestClient> {
    client = new LspTestClient({ root: workspace.root, trusted, moreFolders });
    await client.start();
    return client;
  }

  /** Runs the audit with a progress token and collects every progress value the server sends on it. */
  async function audit(c: LspTestClient): Promise<{ report: AuditReport; progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> }> {
    const token = `audit-${Date.now()}`;
    const progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
    const listening = c.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      progress.push(value);
    });
    try {
      const report = (await c.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.audit', arguments: [{}], workDoneToken: token })) as AuditReport;
      // The end notification may trail the response by a tick.
      for (let i = 0; i < 50 && progress.at(-1)?.kind !== 'end'; i++) await new Promise((r) => setTimeout(r, 20));
      return { report, progress };
    } finally {
      listening.dispose();
    }
  }

  it('reports how far it is in counts, ending with the counts of the whole walk', async () => {
    // Enough files that a slow machine reports during the walk too; the last report is always the total.
    const many = path.join(workspace.root, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 1200; i++) fs.writeFileSync(path.join(many, `f${i}.txt`), 'x\n');
    const c = await start(true);
    const { report, progress } = await audit(c);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal(progress.at(-1)?.kind, 'end');
    const messages = progress.flatMap((p) => (p.kind === 'report' && p.message ? [p.message] : []));
    const counts = messages.map((m) => COUNTS.exec(m)).filter((m): m is RegExpExecArray => m !== null);
    assert.ok(counts.length >= 1, JSON.stringify(messages));
    const walked = counts.map((m) => Number(m[1]));
    assert.deepEqual(walked, [...walked].sort((a, b) => a - b), 'the counts only grow');
    const last = counts.at(-1)!;
    const stats = report.folders[0].stats;
    assert.equal(last[4], 'done');
    assert.deepEqual([Number(last[1]), Number(last[2]), Number(last[3])], [stats.filesSeen, stats.manifestsChecked, stats.headerFilesChecked]);
    assert.ok(stats.filesSeen > 1200 && stats.manifestsChecked >= 1, JSON.stringify(stats));
    assert.equal(report.restricted, false);
    assert.deepEqual(report.folders[0].notLoaded, []);
  });

  it('names the folder and its place in a multi-root audit', async () => {
    const second = copyFixture('workspaces/foundation');
    try {
      const c = await start(true, [second.root]);
      const { report, progress } = await audit(c);
      assert.equal(report.folders.length, 2);
      const done = progress.flatMap((p) => (p.kind === 'report' && p.message?.endsWith('— done') ? [p.message] : []));
      assert.deepEqual(
        done.map((m) => m.slice(0, m.indexOf(':'))),
        [`${path.basename(workspace.root)} (1 of 2)`, `${path.basename(second.root)} (2 of 2)`],
      );
    } finally {
      await client?.stop();
      client = undefined;
      second.dispose();
    }
  });

  it('in a restricted workspace: a skipped policy part is a warning, the audit says it ran restricted, a request says its URL was not opened', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-org-')));
    try {
      const orgPolicy = path.join(outside, 'org.json');
      fs.writeFileSync(orgPolicy, '{ "licenses": { "allow": ["MPL-2.0"] } }');
      const policyPath = path.join(workspace.root, '.ospo/policy.json');
      fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"extends": "./org-base.json"', `"extends": ["./org-base.json", ${JSON.stringify(orgPolicy)}]`));
      const c = await start(false);
      const problems = await c.diagnosticsFor(policyPath, (d) => d.length > 0);
      assert.deepEqual(
        problems.map((p) => [p.code, p.severity]),
        [['policy-not-loaded', 2]],
        'a warning, not a policy-invalid error',
      );
      assert.match(problems[0].message, /org\.json.*is not loaded in an untrusted workspace/);

      const { report } = await audit(c);
      assert.equal(report.restricted, true);
      assert.deepEqual(report.folders[0].notLoaded, [orgPolicy]);
      const policyFindings = report.folders[0].findings.filter((f) => f.file === '.ospo/policy.json');
      assert.deepEqual(policyFindings.map((f) => [f.code, f.severity]), [['policy-not-loaded', 'warning']]);

      const manifest = path.join(workspace.root, 'package.json');
      const result = (await c.connection.sendRequest('workspace/executeCommand', {
        command: 'ospo.server.requestApproval',
        arguments: [{ subject: { purl: 'pkg:npm/mpl-lib', name: 'mpl-lib', ecosystem: 'npm', license: 'MPL-2.0', via: ['mpl-lib'] }, uri: LspTestClient.uri(manifest), justification: 'needed', requestedBy: 'T' }],
      })) as RequestApprovalResult;
      assert.equal(result.applied, true);
      assert.equal(result.url, undefined);
      assert.equal(result.urlNotOpened, 'restricted');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a broken policy entry stays a policy-invalid error when trusted; package rows carry their manifest line', async () => {
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"GPL-3.0-only"', '"gpl-3.0-only"'));
    const c = await start(true);
    const problems = await c.diagnosticsFor(policyPath, (d) => d.length > 0);
    assert.ok(problems.every((p) => p.code === 'policy-invalid' && p.severity === 1), JSON.stringify(problems));
    const { report } = await audit(c);
    const manifest = fs.readFileSync(path.join(workspace.root, 'package.json'), 'utf8').split('\n');
    const mpl = report.folders[0].packages.find((p) => p.name === 'mpl-lib' && p.manifest === 'package.json')!;
    assert.ok(manifest[mpl.line - 1].includes('"mpl-lib"'), `line ${mpl.line}`);
    assert.equal(mpl.severity, 'warning');
  });
});
