import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/system-python');
const ROOT = path.join(FIXTURE, 'system-root');

interface AuditPackage {
  readonly name: string;
  readonly version?: string;
  readonly license?: string;
  readonly licenseSource: string;
  readonly status: string;
  readonly unknownLicense?: { readonly kind: string };
}

describe('ospo-guide audit of a project without a virtual environment', () => {
  it("resolves its packages from the system's site folders, with Debian's copyright records as evidence", () => {
    // The system root stands for / : its usr/bin holds the python3 that PATH finds.
    const result = spawnSync(process.execPath, [CLI, 'audit', path.join(FIXTURE, 'app'), '--format', 'json', '--fail-on', 'none'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/usr/bin', OSPO_SYSTEM_ROOT: ROOT },
    });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { packages: AuditPackage[]; findings: Array<{ code: string; message: string; why?: string }> };
    const byName = new Map(report.packages.map((p) => [p.name, p]));
    const copyright = (debianPackage: string) => path.join(ROOT, 'usr/share/doc', debianPackage, 'copyright');

    const requests = byName.get('requests')!;
    assert.deepEqual([requests.version, requests.license, requests.status], ['2.28.1', 'Apache-2.0', 'allowed']);
    assert.equal(requests.licenseSource, `from ${copyright('python3-requests')} (system Python environment; Debian package python3-requests states "Apache")`);
    assert.equal(byName.get('six')!.licenseSource, `from ${copyright('python3-six')} (system Python environment; Debian package python3-six states "Expat")`);
    assert.equal(byName.get('pexpect')!.license, 'ISC');

    // Debian's "LGPL-2.1" above a notice granting "2.1 or any later version" is read as the notice says.
    const [paramiko] = report.findings.filter((f) => f.message.startsWith('paramiko:'));
    assert.equal(paramiko.code, 'license-needs-approval');
    assert.equal(paramiko.message, 'paramiko: LGPL-2.1-or-later needs approval');
    assert.match(paramiko.why ?? '', /^LGPL-2\.1-or-later from \/.*python3-paramiko\/copyright \(system Python environment; Debian package python3-paramiko states "LGPL-2\.1"\)/);
  });

  it('finds nothing in the system when no Python is on PATH', () => {
    const result = spawnSync(process.execPath, [CLI, 'audit', path.join(FIXTURE, 'app'), '--format', 'json', '--fail-on', 'none'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/opt/nothing/bin', OSPO_SYSTEM_ROOT: ROOT },
    });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { packages: AuditPackage[] };
    assert.deepEqual(report.packages.map((p) => [p.name, p.status, p.unknownLicense?.kind]), [
      ['requests', 'problem', 'not-installed'],
      ['six', 'problem', 'not-installed'],
      ['paramiko', 'problem', 'not-installed'],
      ['pexpect', 'problem', 'not-installed'],
    ]);
  });
});
