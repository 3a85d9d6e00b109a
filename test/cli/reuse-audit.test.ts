import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function audit(root: string): { status: number | null; findings: Array<{ code: string; file: string; line: number; message: string }> } {
  const result = spawnSync(process.execPath, [CLI, 'audit', root, '--format', 'json'], { encoding: 'utf8' });
  return { status: result.status, findings: JSON.parse(result.stdout).findings };
}

describe('audit of a REUSE project', function () {
  let workspace: ReturnType<typeof copyFixture>;
  beforeEach(() => (workspace = copyFixture('workspaces/reuse-compliant')));
  afterEach(() => workspace.dispose());
  const file = (p: string) => path.join(workspace.root, p);

  it('reports nothing on a compliant tree: REUSE.toml (nested, override, aggregate), sidecars and LICENSES/', () => {
    const result = audit(workspace.root);
    assert.deepEqual(result.findings, []);
    assert.equal(result.status, 0);
  });

  it('reports a missing and an unused license text', () => {
    fs.rmSync(file('LICENSES/MIT.txt'));
    fs.writeFileSync(file('LICENSES/GPL-3.0-only.txt'), 'text\n');
    const { findings } = audit(workspace.root);
    assert.deepEqual(
      findings.map((f) => `${f.code} ${f.file}`).sort(),
      ['license-text-missing src/vendored/upstream.c', 'license-text-unused LICENSES/GPL-3.0-only.txt'],
    );
  });

  it('asks for a sidecar when a file that cannot hold comments loses its .license file', () => {
    fs.rmSync(file('src/config.json.license'));
    const { findings } = audit(workspace.root);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.file}:${f.line}`), ['header-missing src/config.json:1']);
  });

  it('reads a file without REUSE coverage for its own header', () => {
    fs.writeFileSync(file('src/new.ts'), 'export {};\n');
    fs.writeFileSync(file('src/bad.ts'), '// SPDX-License-Identifier: Apache 2\nexport {};\n');
    const { findings } = audit(workspace.root);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.file}`).sort(), ['header-license-mismatch src/bad.ts', 'header-missing src/new.ts']);
  });

  it('reports a broken REUSE.toml instead of failing', () => {
    fs.writeFileSync(file('lib/nested/REUSE.toml'), 'version = 1\n[[annotations]\n');
    const { findings } = audit(workspace.root);
    assert.ok(findings.some((f) => f.code === 'reuse-metadata-invalid' && f.file === 'lib/nested/REUSE.toml'), JSON.stringify(findings));
    assert.ok(findings.some((f) => f.code === 'header-missing' && f.file === 'lib/nested/index.js'));
  });
});
