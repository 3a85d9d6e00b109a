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
      `.ospo/approvals.json:${lineOf(path.join(workspace.root, '.ospo/approvals.json'), '"expires": "2020-01-01"')}:approval-expired`,
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
    assert.match(text.stdout, /17 finding\(s\): 5 error\(s\), 12 warning\(s\), 0 info/);
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
    assert.match(broken.stderr, /^ospo-guide: invalid policy: \.ospo\/policy\.json: "mit" in licenses\.allow: SPDX ids are case-sensitive; did you mean "MIT"\?/);
    assert.equal(broken.stderr.trim().split('\n').length, 1);
    assert.equal(runCli(['audit', '--format', 'xml'], workspace.root).status, 2);
    assert.equal(runCli(['audit', '--policy', 'nope.json'], workspace.root).status, 2);
    assert.equal(runCli(['frobnicate'], workspace.root).status, 2);
  });

  it('counts a pending request at the severity of the finding it asks an exception to, unless --allow-pending', () => {
    const root = path.join(workspace.root, 'pending');
    fs.mkdirSync(path.join(root, '.ospo'), { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'pending', dependencies: { 'gpl-tool': '^2.0.0' } }));
    fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/gpl-tool': { version: '2.1.0', license: 'GPL-3.0-only' } } }));
    fs.writeFileSync(path.join(root, '.ospo/policy.json'), JSON.stringify({ licenses: { allow: ['MIT'], deny: ['GPL-3.0-only'] }, headers: { enabled: false } }));
    const request = { package: 'pkg:npm/gpl-tool', version: '^2.0.0', license: 'GPL-3.0-only', status: 'requested', requestedBy: 'Dana <dana@example.org>', requestedAt: '2026-12-01', justification: 'Build only.' };
    fs.writeFileSync(path.join(root, '.ospo/approvals.json'), JSON.stringify({ approvals: [request] }, null, 2));

    const strict = runCli(['audit', 'pending'], workspace.root);
    assert.equal(strict.status, 1, 'a request alone does not pass CI');
    assert.match(strict.stdout, /^package\.json:\d+:\d+ {2}error {2}approval-pending {2}gpl-tool: GPL-3\.0-only is denied by policy; approval pending — .*requested by Dana <dana@example\.org>/m);
    assert.match(strict.stdout, /1 finding\(s\): 1 error\(s\), 0 warning\(s\), 0 info/);
    assert.match(strict.stderr, /only pending approval requests fail the audit \(1\); --allow-pending/);
    const allowed = runCli(['audit', 'pending', '--allow-pending', '--format', 'json'], workspace.root);
    assert.equal(allowed.status, 0, allowed.stdout);
    assert.deepEqual(JSON.parse(allowed.stdout).findings.map((f: { code: string; severity: string }) => `${f.code}:${f.severity}`), ['approval-pending:error'], 'still reported');

    // --allow-pending excuses only the pending request: another failing finding still fails.
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'pending', dependencies: { 'gpl-tool': '^2.0.0', 'other-gpl': '^1.0.0' } }));
    fs.writeFileSync(
      path.join(root, 'package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/gpl-tool': { version: '2.1.0', license: 'GPL-3.0-only' }, 'node_modules/other-gpl': { version: '1.0.0', license: 'GPL-3.0-only' } } }),
    );
    assert.equal(runCli(['audit', 'pending', '--allow-pending'], workspace.root).status, 1);
  });

  it('reports approvals without a valid reviewer or past their expiry in text, JSON and SARIF, and keeps the dependency failing', () => {
    const root = path.join(workspace.root, 'reviewers');
    fs.mkdirSync(path.join(root, '.ospo'), { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'reviewers', dependencies: { 'gpl-tool': '^2.0.0', 'mpl-tool': '^1.0.0', 'old-mpl': '^1.0.0' } }));
    fs.writeFileSync(
      path.join(root, 'package-lock.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': {},
          'node_modules/gpl-tool': { version: '2.1.0', license: 'GPL-3.0-only' },
          'node_modules/mpl-tool': { version: '1.0.0', license: 'MPL-2.0' },
          'node_modules/old-mpl': { version: '1.0.0', license: 'MPL-2.0' },
        },
      }),
    );
    fs.writeFileSync(
      path.join(root, '.ospo/policy.json'),
      JSON.stringify({ licenses: { allow: ['MIT'], review: ['MPL-2.0'], deny: ['GPL-3.0-only'] }, headers: { enabled: false }, approvals: { reviewers: ['olga@example.org'] } }),
    );
    const dana = 'Dana <dana@example.org>';
    const approvals = [
      // One git identity requested and approved an exception to a deny.
      { package: 'pkg:npm/gpl-tool', license: 'GPL-3.0-only', status: 'approved', requestedBy: dana, justification: 'x', reviewedBy: dana, reviewedAt: '2026-12-01' },
      // Approved by someone who is not a reviewer.
      { package: 'pkg:npm/mpl-tool', license: 'MPL-2.0', status: 'approved', requestedBy: dana, justification: 'y', reviewedBy: 'Sam <sam@example.org>', reviewedAt: '2026-12-01' },
      // Approved by a reviewer, long ago.
      { package: 'pkg:npm/old-mpl', license: 'MPL-2.0', status: 'approved', requestedBy: dana, justification: 'z', reviewedBy: 'Olga <olga@example.org>', reviewedAt: '2019-01-01', expires: '2020-01-01' },
    ];
    fs.writeFileSync(path.join(root, '.ospo/approvals.json'), JSON.stringify({ approvals }, null, 2));
    const log = path.join(root, '.ospo/approvals.json');

    const text = runCli(['audit', 'reviewers'], workspace.root);
    assert.equal(text.status, 1);
    assert.match(text.stdout, new RegExp(`^\\.ospo/approvals\\.json:${lineOf(log, `"reviewedBy": "${dana}"`)}:\\d+ {2}warning {2}approval-invalid {2}approval of pkg:npm/gpl-tool does not count: Dana <dana@example\\.org> also requested it`, 'm'));
    assert.match(text.stdout, /approval-invalid {2}approval of pkg:npm\/mpl-tool does not count: Sam <sam@example\.org> is not in approvals\.reviewers/);
    assert.match(text.stdout, /approval-expired {2}approval of pkg:npm\/old-mpl expired on 2020-01-01/);
    assert.match(text.stdout, /^package\.json:\d+:\d+ {2}error {2}license-denied {2}gpl-tool: GPL-3\.0-only is denied by policy; its approval does not count — .*the approval does not count: Dana <dana@example\.org> also requested it/m);
    assert.match(text.stdout, /^package\.json:\d+:\d+ {2}warning {2}license-needs-approval {2}mpl-tool: .*Sam <sam@example\.org> is not in approvals\.reviewers/m);

    const json = JSON.parse(runCli(['audit', 'reviewers', '--format', 'json'], workspace.root).stdout);
    assert.deepEqual(
      json.findings.filter((f: { file: string }) => f.file === '.ospo/approvals.json').map((f: { code: string }) => f.code),
      ['approval-invalid', 'approval-invalid', 'approval-expired'],
    );
    const sarif = JSON.parse(runCli(['audit', 'reviewers', '--format', 'sarif'], workspace.root).stdout);
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    const onLog = results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === '.ospo/approvals.json');
    assert.deepEqual(onLog.map((r) => `${r.ruleId}:${r.level}`), ['approval-invalid:warning', 'approval-invalid:warning', 'approval-expired:warning']);
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(rules.includes('approval-invalid') && rules.includes('approval-expired'));
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
