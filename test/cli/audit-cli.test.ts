import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';
import { FOUNDATION_DEPENDENCY_FINDINGS } from '../support/foundation-expectations';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function runCli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lineOf(file: string, needle: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `${needle} not in ${file}`);
  return index + 1;
}

describe('ospo-guide audit (CLI)', function () {
  let workspace: ReturnType<typeof copyFixture>;
  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(() => workspace.dispose());

  it('writes SARIF with exactly the expected findings, lines and rule ids', () => {
    const out = path.join(workspace.root, 'out.sarif');
    const result = runCli(['audit', '.', '--format', 'sarif', '--output', out], workspace.root);
    assert.equal(result.status, 1, result.stderr);
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'OSPO Guide');
    const found = run.results
      .map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
        `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.ruleId}`)
      .sort();
    const manifest = path.join(workspace.root, 'package.json');
    const expected = [
      ...FOUNDATION_DEPENDENCY_FINDINGS.map(([needle, code]) => `package.json:${lineOf(manifest, needle)}:${code}`),
      'src/missing.ts:1:header-missing',
      'src/tool.sh:1:header-missing',
      'src/mismatch.py:2:header-license-mismatch',
    ].sort();
    assert.deepEqual(found, expected);
    for (const r of run.results) {
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(r.message.text.length > 10);
      assert.ok(run.tool.driver.rules[r.ruleIndex].id === r.ruleId);
    }
  });

  it('prints a readable text report with counts and honours --fail-on', () => {
    const text = runCli(['audit'], workspace.root);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^package\.json:\d+:\d+ {2}error {2}license-denied {2}agpl-server: AGPL-3\.0-only is denied/m);
    assert.match(text.stdout, /Policy: \.ospo\/policy\.json/);
    assert.match(text.stdout, /16 finding\(s\): 5 error\(s\), 10 warning\(s\), 1 info/);
    assert.equal(runCli(['audit', '--fail-on', 'none'], workspace.root).status, 0);
  });

  it('passes a clean tree with exit 0 and uses the embedded default policy when there is none', () => {
    const clean = path.join(workspace.root, 'clean');
    fs.mkdirSync(path.join(clean, 'src'), { recursive: true });
    fs.writeFileSync(path.join(clean, 'package.json'), JSON.stringify({ name: 'clean', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } }));
    fs.writeFileSync(path.join(clean, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/left-pad': { version: '1.3.0', license: 'WTFPL' } } }));
    fs.writeFileSync(path.join(clean, 'src/index.ts'), '// SPDX-License-Identifier: MIT\nexport {};\n');
    const result = runCli(['audit', 'clean', '--format', 'json'], workspace.root);
    assert.equal(result.status, 1, 'WTFPL is @forbidden in the default policy');
    const report = JSON.parse(result.stdout);
    assert.equal(report.policy, 'embedded default policy');
    assert.deepEqual(report.findings.map((f: { code: string }) => f.code), ['license-denied']);
    fs.writeFileSync(path.join(clean, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/left-pad': { version: '1.3.0', license: 'MIT' } } }));
    const ok = runCli(['audit', 'clean'], workspace.root);
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /No findings\./);
  });

  it('exits 2 with a one-line reason for a broken policy or bad usage', () => {
    fs.writeFileSync(path.join(workspace.root, '.ospo/policy.json'), '{ "licenses": { "allow": ["mit"] } }');
    const broken = runCli(['audit'], workspace.root);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^ospo-guide: invalid policy: \.ospo\/policy\.json: "mit" in licenses\.allow: not a valid SPDX expression/);
    assert.equal(broken.stderr.trim().split('\n').length, 1);
    assert.equal(runCli(['audit', '--format', 'xml'], workspace.root).status, 2);
    assert.equal(runCli(['audit', '--policy', 'nope.json'], workspace.root).status, 2);
    assert.equal(runCli(['frobnicate'], workspace.root).status, 2);
  });

  it('skips what .gitignore ignores and never reads node_modules as sources', () => {
    fs.writeFileSync(path.join(workspace.root, '.gitignore'), 'src/missing.ts\n');
    const result = runCli(['audit', '--format', 'json'], workspace.root);
    const files = JSON.parse(result.stdout).findings.map((f: { file: string }) => f.file);
    assert.ok(!files.includes('src/missing.ts'));
    assert.ok(files.includes('src/tool.sh'));
    assert.ok(!files.some((f: string) => f.includes('node_modules')));
  });
});
