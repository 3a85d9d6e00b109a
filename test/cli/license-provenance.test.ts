import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
/** A venv holding the metadata of requests, Babel and python-apt as Debian installs them. */
const PROJECT = path.resolve(__dirname, '../fixtures/workspaces/python-free-text-licenses');

function audit(format: string): string {
  const result = spawnSync(process.execPath, [CLI, 'audit', PROJECT, '--format', format, '--fail-on', 'none'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('reports on free-text license metadata', () => {
  it('carries the provenance and the family wording in JSON rows', () => {
    const report = JSON.parse(audit('json')) as { packages?: Array<{ name: string; licenseSource: string; why: string }> };
    const rows = report.packages ?? [];
    const requests = rows.find((p) => p.name === 'requests');
    assert.ok(requests, JSON.stringify(report).slice(0, 500));
    assert.match(requests.licenseSource, /mapped from "Apache 2\.0"/);
    assert.match(rows.find((p) => p.name === 'babel')!.why, /variant not stated; every BSD variant is allowed here/);
  });

  it('words a family finding the same in text and SARIF', () => {
    assert.match(audit('text'), /license-needs-approval {2}python-apt: GNU GPL needs approval — .*"GNU GPL" names the GPL family, not the variant \(variant not stated; every GPL variant needs approval here\)/);
    const sarif = JSON.parse(audit('sarif')) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }> };
    const results = sarif.runs[0].results;
    assert.deepEqual(results.map((r) => r.ruleId), ['license-needs-approval']);
    assert.match(results[0].message.text, /every GPL variant needs approval here/);
  });
});
