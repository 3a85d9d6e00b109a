import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from './support/lsp-test-client';

describe('the configured Python interpreter', function () {
  let root: string;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-python-')));
    // An environment outside the usual .venv/venv places, known only from the editor's setting.
    const dist = path.join(root, 'envs/app/lib/python3.12/site-packages/copyleft_lib-1.0.0.dist-info');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'METADATA'), 'Metadata-Version: 2.4\nName: copyleft-lib\nVersion: 1.0.0\nLicense-Expression: AGPL-3.0-only\n');
    fs.writeFileSync(path.join(root, 'requirements.txt'), 'copyleft-lib==1.0.0\n');
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads installed metadata from the environment of python.defaultInterpreterPath', async () => {
    const requirements = path.join(root, 'requirements.txt');
    client = new LspTestClient({ root, python: { defaultInterpreterPath: '${workspaceFolder}/envs/app/bin/python' } });
    await client.start();
    client.open(requirements, fs.readFileSync(requirements, 'utf8'), 'pip-requirements');
    const diagnostics = await client.diagnosticsFor(requirements, (d) => d.some((x) => x.code === 'license-denied'));
    assert.equal(diagnostics[0].message, 'copyleft-lib: AGPL-3.0-only is denied by policy', 'no site-packages path in the message');
    const hover = await client.hoverText(requirements, diagnostics[0].range.start);
    assert.match(hover ?? '', /\*\*License:\*\* AGPL-3\.0-only — from installed envs\/app\/lib\/python3\.12\/site-packages/);
  });

  it('knows nothing of that environment without the setting', async () => {
    const requirements = path.join(root, 'requirements.txt');
    client = new LspTestClient({ root });
    await client.start();
    client.open(requirements, fs.readFileSync(requirements, 'utf8'), 'pip-requirements');
    const diagnostics = await client.diagnosticsFor(requirements, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['license-unknown']);
  });

  it("hovers a package of the system environment with Debian's copyright record as its evidence", async () => {
    const fixture = path.resolve(__dirname, '../fixtures/system-python');
    const requirements = path.join(fixture, 'app', 'requirements.txt');
    client = new LspTestClient({ root: path.dirname(requirements), env: { PATH: '/usr/bin', OSPO_SYSTEM_ROOT: path.join(fixture, 'system-root') } });
    await client.start();
    const text = fs.readFileSync(requirements, 'utf8');
    client.open(requirements, text, 'pip-requirements');
    const diagnostics = await client.diagnosticsFor(requirements, (d) => d.some((x) => x.message.startsWith('paramiko')));
    const paramiko = diagnostics.find((d) => d.message.startsWith('paramiko'))!;
    assert.equal(paramiko.code, 'license-needs-approval');
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: LspTestClient.uri(requirements) }, position: paramiko.range.start })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /LGPL-2\.1-or-later/);
    assert.match(hover.contents.value, /system Python environment; Debian package python3-paramiko states "LGPL-2\.1"/);
    // The record lies outside the folder: shown absolute, not as ../../system-root/…
    assert.match(hover.contents.value, /from \/\S*\/system-root\/usr\/share\/doc\/python3-paramiko\/copyright/);
    assert.doesNotMatch(hover.contents.value, /\.\.\//);
  });
});
