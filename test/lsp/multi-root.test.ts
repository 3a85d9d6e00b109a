import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from './support/lsp-test-client';

describe('multi-root workspaces', function () {
  let root: string;
  let client: LspTestClient;

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-multi-')));
    for (const [name, allow] of [['strict', []], ['relaxed', ['GPL-3.0-only']]] as const) {
      const folder = path.join(root, name);
      fs.mkdirSync(path.join(folder, '.ospo'), { recursive: true });
      fs.writeFileSync(path.join(folder, '.ospo/policy.json'), JSON.stringify({ licenses: { allow: ['MIT', ...allow], deny: ['GPL-3.0-only'].filter((l) => !allow.includes(l as never)) } }));
      fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, license: 'MIT', dependencies: { gpl: '^1.0.0' } }, null, 2));
      fs.writeFileSync(path.join(folder, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/gpl': { version: '1.0.0', license: 'GPL-3.0-only' } } }));
    }
    client = new LspTestClient({ root: path.join(root, 'strict'), moreFolders: [path.join(root, 'relaxed')] });
    await client.start();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('checks each folder with its own policy', async () => {
    const strict = path.join(root, 'strict/package.json');
    const relaxed = path.join(root, 'relaxed/package.json');
    client.open(strict, fs.readFileSync(strict, 'utf8'));
    client.open(relaxed, fs.readFileSync(relaxed, 'utf8'));
    const strictFindings = await client.diagnosticsFor(strict, (d) => d.length > 0);
    assert.deepEqual(strictFindings.map((d) => d.code), ['license-denied']);
    const relaxedFindings = await client.diagnosticsFor(relaxed);
    assert.deepEqual(relaxedFindings, []);
    const status = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.status', arguments: [] })) as { folders: Array<{ root: string; policy: { path: string } }> };
    assert.deepEqual(status.folders.map((f) => path.relative(root, f.policy.path)).sort(), ['relaxed/.ospo/policy.json', 'strict/.ospo/policy.json']);
  });
});
