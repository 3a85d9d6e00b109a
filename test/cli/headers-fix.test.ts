import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';
import { runCli as run } from './support/run-cli';


describe('ospo-guide headers fix', function () {
  let workspace: ReturnType<typeof copyFixture>;
  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(() => workspace.dispose());
  const file = (p: string) => path.join(workspace.root, p);

  it('lists what it would change with --dry-run and writes nothing', () => {
    const before = fs.readFileSync(file('src/missing.ts'));
    const result = run(['headers', 'fix', '--dry-run'], workspace.root);
    assert.equal(result.status, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /^would fix src\/missing\.ts$/m);
    assert.match(result.stdout, /^would fix src\/tool\.sh$/m);
    assert.match(result.stdout, /^would fix src\/mismatch\.py$/m);
    assert.ok(fs.readFileSync(file('src/missing.ts')).equals(before));
  });

  it('fixes every file, keeps encodings and line endings, and is idempotent', () => {
    // Odd files: CRLF with a BOM, UTF-16LE, Latin-1 bytes that are not UTF-8.
    fs.writeFileSync(file('src/crlf.ts'), '\ufeffexport const a = 1;\r\nexport const b = 2;\r\n');
    fs.writeFileSync(file('src/wide.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export const w = "ü";\n', 'utf16le')]));
    fs.writeFileSync(file('src/latin.py'), Buffer.from('# caf\xe9\nprint(1)\n', 'latin1'));
    fs.chmodSync(file('src/tool.sh'), 0o755);
    const result = run(['headers', 'fix'], workspace.root);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /6 file\(s\) fixed, 0 \.license file\(s\) created, 0 could not be fixed\./);

    const crlf = fs.readFileSync(file('src/crlf.ts'), 'utf8');
    assert.ok(crlf.startsWith('\ufeff// SPDX-FileCopyrightText: '));
    assert.ok(!/[^\r]\n/.test(crlf), 'CRLF kept');
    assert.ok(crlf.endsWith('\r\nexport const a = 1;\r\nexport const b = 2;\r\n'));
    const wide = fs.readFileSync(file('src/wide.ts'));
    assert.deepEqual([...wide.subarray(0, 2)], [0xff, 0xfe]);
    assert.match(wide.subarray(2).toString('utf16le'), /^\/\/ SPDX-FileCopyrightText: .*\n\/\/ SPDX-License-Identifier: Apache-2\.0\n\nexport const w = "ü";\n$/);
    const latin = fs.readFileSync(file('src/latin.py'));
    assert.ok(latin.subarray(latin.length - Buffer.from('# caf\xe9\nprint(1)\n', 'latin1').length).equals(Buffer.from('# caf\xe9\nprint(1)\n', 'latin1')));
    assert.equal(fs.statSync(file('src/tool.sh')).mode & 0o777, 0o755, 'file mode kept');

    const audit = JSON.parse(run(['audit', '--format', 'json'], workspace.root).stdout);
    assert.deepEqual(audit.findings.filter((f: { code: string }) => f.code.startsWith('header-')), []);
    const again = run(['headers', 'fix'], workspace.root);
    assert.match(again.stdout, /^0 file\(s\) fixed/m);
  });

  it('exits 1 and says why for files it cannot fix', () => {
    const policyPath = file('.ospo/policy.json');
    fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"license": "Apache-2.0",', ''));
    fs.writeFileSync(file('package.json'), fs.readFileSync(file('package.json'), 'utf8').replace('"license": "Apache-2.0",', ''));
    const result = run(['headers', 'fix'], workspace.root);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^could not fix src\/missing\.ts: No SPDX-License-Identifier header; any valid SPDX expression is accepted/m);
  });
});
