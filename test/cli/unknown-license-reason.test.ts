import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unknownLicenseProject } from '../lsp/support/unknown-license-project';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

describe('ospo-guide audit: license-unknown says why', function () {
  let root: string;
  beforeEach(() => (root = unknownLicenseProject()));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives the same reasons in the CLI text output and the JSON report', () => {
    const text = spawnSync(process.execPath, [CLI, 'audit', root], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^package\.json:\d+:\d+ {2}warning {2}license-unknown {2}ghost-pkg: license unknown: not installed — Not installed, so nothing on this machine states its license: install the dependencies, or enable ospo\.onlineLookup \(--online in the CLI\)/m);
    assert.match(text.stdout, /^package\.json:\d+:\d+ {2}warning {2}license-unknown {2}bare-pkg: license unknown: its metadata names no license — Installed \(node_modules\/bare-pkg\/package\.json\), but its metadata names no license/m);

    const json = JSON.parse(spawnSync(process.execPath, [CLI, 'audit', root, '--format', 'json'], { encoding: 'utf8' }).stdout) as {
      findings: Array<{ message: string; unknownLicense?: { kind: string } }>;
      packages: Array<{ name: string; licenseSource: string; unknownLicense?: { kind: string; statement?: string } }>;
    };
    assert.deepEqual(json.findings.map((f) => f.unknownLicense?.kind).sort(), ['no-license-metadata', 'not-installed', 'unrecognised']);
    const row = (name: string) => json.packages.find((p) => p.name === name)!;
    assert.equal(row('ghost-pkg').unknownLicense?.kind, 'not-installed');
    assert.match(row('ghost-pkg').licenseSource, /^Not installed/);
    assert.deepEqual(row('odd-pkg').unknownLicense, { kind: 'unrecognised', statement: 'Acme Community License', source: 'from installed node_modules/odd-pkg/package.json' });

    const sarif = JSON.parse(spawnSync(process.execPath, [CLI, 'audit', root, '--format', 'sarif'], { encoding: 'utf8' }).stdout) as {
      runs: Array<{ results: Array<{ properties?: { unknownLicense?: { kind: string } } }> }>;
    };
    assert.deepEqual(sarif.runs[0].results.map((r) => r.properties?.unknownLicense?.kind).sort(), ['no-license-metadata', 'not-installed', 'unrecognised']);
  });
});
