import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCodes, LogMessageNotification, ResponseError } from 'vscode-languageserver-protocol';
import { SERVER_COMMANDS, StatusNotification, type FolderStatus, type OspoStatus } from '../../server/src/protocol/ospo-protocol';
import { LspTestClient } from './support/lsp-test-client';

/** Collects the server's `ospo/status` notifications and waits for one that satisfies a test. */
function statusLog(client: LspTestClient) {
  const seen: OspoStatus[] = [];
  const waiters: Array<() => void> = [];
  client.connection.onNotification(StatusNotification, (status) => {
    seen.push(status);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    seen,
    async until(what: string, accept: (status: OspoStatus) => boolean, timeoutMs = 10000): Promise<OspoStatus> {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        const last = seen.at(-1);
        if (last && accept(last)) return last;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no ospo/status with ${what}; last: ${JSON.stringify(last)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

const folderOf = (status: OspoStatus, root: string): FolderStatus | undefined => status.folders.find((f) => f.root === root);

function writeProject(folder: string, policy: object): void {
  fs.mkdirSync(path.join(folder, '.ospo'), { recursive: true });
  fs.writeFileSync(path.join(folder, '.ospo/policy.json'), JSON.stringify(policy, null, 2));
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: path.basename(folder), license: 'MIT', dependencies: { gpl: '^1.0.0' } }, null, 2));
  fs.writeFileSync(path.join(folder, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/gpl': { version: '1.0.0', license: 'GPL-3.0-only' } } }));
}

describe('the ospo/status notification', function () {
  let root: string;
  let client: LspTestClient;
  let status: ReturnType<typeof statusLog>;

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-status-')));
    writeProject(path.join(root, 'app'), { licenses: { allow: ['MIT'], deny: ['GPL-3.0-only'] } });
    writeProject(path.join(root, 'lib'), { licenses: { allow: ['MIT', 'GPL-3.0-only'] } });
    client = new LspTestClient({ root: path.join(root, 'app'), moreFolders: [path.join(root, 'lib')] });
    status = statusLog(client);
    await client.start();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('names the policy of each folder once the server is ready', async () => {
    const app = path.join(root, 'app');
    const first = await status.until('both folders', (s) => s.folders.length === 2);
    assert.equal(first.trusted, true);
    const appStatus = folderOf(first, app)!;
    assert.deepEqual(appStatus.policy, { kind: 'file', path: path.join(app, '.ospo/policy.json'), files: [path.join(app, '.ospo/policy.json')] });
    assert.deepEqual(appStatus.health, { kind: 'valid' });
    assert.equal(appStatus.policyValid, true);
  });

  it('says a policy is broken as it is typed, and valid again once fixed', async () => {
    const policyPath = path.join(root, 'app/.ospo/policy.json');
    const app = path.join(root, 'app');
    const valid = fs.readFileSync(policyPath, 'utf8');
    await status.until('a valid policy', (s) => folderOf(s, app)?.health.kind === 'valid');
    client.open(policyPath, valid);
    client.change(policyPath, '{ "licenses": { "allow": ["MIT"], "deny": 5 } }');
    const broken = await status.until('a broken policy', (s) => folderOf(s, app)?.health.kind === 'invalid');
    const health = folderOf(broken, app)!.health;
    assert.ok(health.kind === 'invalid');
    assert.equal(folderOf(broken, app)!.policyValid, false);
    assert.ok(health.problemCount >= 1);
    assert.match(health.problems[0], /^policy\.json: .*deny/);
    // The problem is one of the folder's own findings.
    assert.ok(folderOf(broken, app)!.counts.error >= 1);
    client.change(policyPath, valid);
    await status.until('the policy valid again', (s) => folderOf(s, app)?.health.kind === 'valid');
  });

  it('follows a policy changed on disk while no file is open', async () => {
    const app = path.join(root, 'app');
    const policyPath = path.join(app, '.ospo/policy.json');
    await status.until('a valid policy', (s) => folderOf(s, app)?.health.kind === 'valid');
    fs.writeFileSync(policyPath, '{ "licenses": { "allow": "MIT" } }');
    client.filesChanged([policyPath]);
    await status.until('a broken policy', (s) => folderOf(s, app)?.health.kind === 'invalid');
    fs.rmSync(policyPath);
    client.filesChanged([policyPath], 3);
    const fallback = await status.until('the default policy', (s) => folderOf(s, app)?.policy.kind === 'default');
    assert.deepEqual(folderOf(fallback, app)!.policy, { kind: 'default', reason: 'no-policy-file' });
    assert.deepEqual(folderOf(fallback, app)!.health, { kind: 'valid' });
  });

  it('counts the findings of each folder and follows an edit that fixes one', async () => {
    const app = path.join(root, 'app');
    const manifest = path.join(app, 'package.json');
    const text = fs.readFileSync(manifest, 'utf8');
    client.open(manifest, text);
    const before = await status.until('one error in app', (s) => folderOf(s, app)?.counts.error === 1);
    // The other folder allows the same license: nothing is counted there.
    assert.deepEqual(folderOf(before, path.join(root, 'lib'))!.counts, { error: 0, warning: 0, information: 0 });
    client.change(manifest, text.replace('"gpl": "^1.0.0"', ''));
    const after = await status.until('no error in app', (s) => folderOf(s, app)?.counts.error === 0);
    assert.deepEqual(folderOf(after, app)!.counts, { error: 0, warning: 0, information: 0 });
  });

  it('sends the same status the status command answers', async () => {
    const pushed = await status.until('both folders', (s) => s.folders.length === 2);
    const asked: OspoStatus = await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.status.name, arguments: [] });
    assert.deepEqual(asked, pushed);
  });

  it('stops checking the files of a removed folder, and stops counting them', async () => {
    const lib = path.join(root, 'lib');
    const libManifest = path.join(lib, 'package.json');
    // Under the embedded default policy GPL-3.0-only would be flagged; under lib's own policy it is allowed.
    const loose = path.join(lib, 'src.ts');
    fs.writeFileSync(loose, 'export const x = 1;\n');
    client.open(loose, fs.readFileSync(loose, 'utf8'));
    client.open(libManifest, fs.readFileSync(libManifest, 'utf8'));
    await client.diagnosticsFor(loose, (d) => d.some((x) => x.code === 'header-missing'));
    // A file the audit reported but nobody opened.
    const unopened = path.join(lib, 'unopened.ts');
    fs.writeFileSync(unopened, 'export const z = 3;\n');
    await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.audit.name, arguments: [] });
    await client.diagnosticsFor(unopened, (d) => d.some((x) => x.code === 'header-missing'));
    await status.until('lib counts its finding', (s) => (folderOf(s, lib)?.counts.warning ?? 0) + (folderOf(s, lib)?.counts.error ?? 0) > 0);
    void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: LspTestClient.uri(lib), name: 'lib' }] } });
    const after = await status.until('lib gone', (s) => s.folders.length === 1);
    assert.equal(folderOf(after, lib), undefined);
    assert.deepEqual(await client.diagnosticsFor(loose, (d) => d.length === 0), []);
    assert.deepEqual(await client.diagnosticsFor(libManifest, (d) => d.length === 0), []);
    assert.deepEqual(await client.diagnosticsFor(unopened, (d) => d.length === 0), []);
    // An edit does not bring the default policy's findings back.
    client.change(loose, 'export const y = 2;\n');
    assert.deepEqual(await client.nextDiagnostics(loose), []);
  });
});

describe('the ospo/status notification in a restricted workspace', function () {
  it('says what restricted mode did not load, rather than calling the policy broken', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-restricted-status-')));
    const app = path.join(root, 'app');
    const client = new LspTestClient({ root: app, trusted: false });
    try {
      writeProject(app, { extends: ['../../org/base.json'], licenses: { allow: ['MIT'] } });
      fs.mkdirSync(path.join(root, 'org'));
      fs.writeFileSync(path.join(root, 'org/base.json'), JSON.stringify({ licenses: { deny: ['GPL-3.0-only'] } }));
      const status = statusLog(client);
      await client.start();
      const restricted = await status.until('the app folder', (s) => s.folders.length === 1);
      assert.equal(restricted.trusted, false);
      assert.deepEqual(restricted.folders[0].health, { kind: 'restricted', notLoaded: [path.join(root, 'org/base.json')] });
      assert.equal(restricted.folders[0].policyValid, false);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the server log', function () {
  it('records the policy each folder loaded, folders removed, and audits with counts and time', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-log-')));
    const client = new LspTestClient({ root: path.join(root, 'app'), moreFolders: [path.join(root, 'lib')] });
    try {
      writeProject(path.join(root, 'app'), { licenses: { allow: ['MIT'], deny: ['GPL-3.0-only'] } });
      writeProject(path.join(root, 'lib'), { licenses: { allow: ['MIT', 'GPL-3.0-only'] } });
      const logs: string[] = [];
      client.connection.onNotification(LogMessageNotification.type, (params) => void logs.push(params.message));
      const status = statusLog(client);
      await client.start();
      await status.until('both folders', (s) => s.folders.length === 2);
      assert.ok(logs.includes('app: loaded policy .ospo/policy.json'), logs.join('\n'));
      assert.ok(logs.includes('lib: loaded policy .ospo/policy.json'), logs.join('\n'));
      await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.audit.name, arguments: [] });
      const audit = logs.find((l) => l.startsWith(`Audit of ${path.join(root, 'app')}:`));
      assert.match(audit ?? logs.join('\n'), /: \d+ files, 1 manifests, \d+ headers checked; 1 error\(s\), \d+ warning\(s\), \d+ info in \d+ ms$/);
      void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: LspTestClient.uri(path.join(root, 'lib')), name: 'lib' }] } });
      await status.until('lib gone', (s) => s.folders.length === 1);
      assert.ok(logs.includes(`Folder removed: ${path.join(root, 'lib')}`), logs.join('\n'));
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('command params checked where they enter the server', function () {
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-params-')));
    writeProject(root, { licenses: { allow: ['MIT'] } });
    client = new LspTestClient({ root });
    await client.start();
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function expectInvalidParams(command: string, argument: unknown, reason: RegExp): Promise<void> {
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', { command, arguments: [argument] }),
      (error: unknown) => {
        assert.ok(error instanceof ResponseError, String(error));
        assert.equal(error.code, ErrorCodes.InvalidParams);
        assert.match(error.message, reason);
        return true;
      },
    );
  }

  it('answers InvalidParams, naming the field, for params that do not match the declaration', async () => {
    await expectInvalidParams(SERVER_COMMANDS.reviewApproval.name, { index: 'first', decision: 'approved' }, /ospo\.server\.reviewApproval: arguments\[0\]\.index must be an integer/);
    await expectInvalidParams(SERVER_COMMANDS.reviewApproval.name, { index: 0, decision: 'maybe' }, /arguments\[0\]\.decision must be one of "approved", "rejected"/);
    await expectInvalidParams(SERVER_COMMANDS.requestApproval.name, { justification: 'x' }, /arguments\[0\]\.subject must be an object/);
    await expectInvalidParams(SERVER_COMMANDS.requestApproval.name, { subject: { purl: 5, name: 'x' } }, /arguments\[0\]\.subject\.purl must be a string/);
    await expectInvalidParams(SERVER_COMMANDS.exportReport.name, { format: 'pdf' }, /arguments\[0\]\.format must be one of "sarif", "markdown"/);
    await expectInvalidParams(SERVER_COMMANDS.headerFixPlan.name, 'everything', /arguments\[0\] must be an object/);
  });

  it('still serves valid calls after rejecting bad ones', async () => {
    const plan: { files: unknown[] } = await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.headerFixPlan.name, arguments: [{}] });
    assert.ok(Array.isArray(plan.files));
  });
});
