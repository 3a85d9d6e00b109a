import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';
import { makeTempDir } from '../support/temp-dirs';
import { runCli } from './support/run-cli';

interface JsonFinding {
  code: string;
  file: string;
  line: number;
  fingerprint: string;
  dependency?: { name: string };
}

describe('ospo-guide audit --baseline', () => {
  let workspace: ReturnType<typeof copyFixture>;
  let out: string;
  beforeEach(() => {
    workspace = copyFixture('workspaces/foundation');
    out = makeTempDir('baseline-out');
  });
  afterEach(() => {
    workspace.dispose();
    fs.rmSync(out, { recursive: true, force: true });
  });

  const audit = (...args: string[]) => runCli(['audit', ...args], workspace.root);

  for (const format of ['json', 'sarif'] as const) {
    it(`passes when nothing is new since a ${format} baseline, though lines moved`, () => {
      const baseline = path.join(out, `baseline.${format}`);
      assert.equal(audit('--format', format, '--output', baseline).status, 1);
      // Lines move: the findings stay the same findings.
      const manifest = path.join(workspace.root, 'package.json');
      fs.writeFileSync(manifest, '\n\n\n' + fs.readFileSync(manifest, 'utf8'));
      const result = audit('--format', 'json', '--baseline', baseline);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout).findings, []);
      assert.match(result.stderr, /0 new finding\(s\), 17 already in the baseline \(not shown\), 0 fixed since/);
    });

    it(`reports and fails only on findings a ${format} baseline does not have`, () => {
      const baseline = path.join(out, `baseline.${format}`);
      audit('--format', format, '--output', baseline);
      const policyPath = path.join(workspace.root, '.ospo/policy.json');
      // MPL-2.0 moves from review to deny (named in both, the policy would also warn of the repeat).
      fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"review": ["MPL-2.0", ', '"review": [').replace('"deny": [', '"deny": ["MPL-2.0", '));
      const result = audit('--format', 'json', '--baseline', baseline);
      assert.equal(result.status, 1, result.stderr);
      const fresh: JsonFinding[] = JSON.parse(result.stdout).findings;
      assert.deepEqual(
        fresh.map((f) => `${f.code} ${f.dependency?.name}`).sort(),
        ['license-denied and-licensed', 'license-denied expired-approval', 'license-denied legacy-licenses', 'license-denied mpl-lib'],
      );
      assert.match(result.stderr, /4 new finding\(s\), 13 already in the baseline \(not shown\), 4 fixed since/);
    });
  }

  it('gives every finding a fingerprint without its line, in JSON and SARIF alike', () => {
    const json = JSON.parse(audit('--format', 'json').stdout).findings as JsonFinding[];
    const sarif = JSON.parse(audit('--format', 'sarif').stdout).runs[0].results as Array<{ partialFingerprints: Record<string, string> }>;
    assert.deepEqual(
      sarif.map((r) => r.partialFingerprints['ospoGuide/v1']),
      json.map((f) => f.fingerprint),
    );
    assert.equal(new Set(json.filter((f) => f.dependency).map((f) => f.fingerprint)).size, json.filter((f) => f.dependency).length);
  });

  it('refuses a baseline that is not an audit report', () => {
    const bogus = path.join(out, 'bogus.json');
    fs.writeFileSync(bogus, '{ "hello": 1 }');
    const result = audit('--baseline', bogus);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /is not an audit report/);
    assert.equal(audit('--baseline', path.join(out, 'missing.json')).status, 2);
  });
});
