import * as assert from 'node:assert/strict';
import type { AuditResult } from '../../../server/src/audit/run-audit';
import type { PackageRow } from '../../../server/src/dependencies/check-manifest';
import { packageRef } from '../../../server/src/dependencies/package-ref';
import { documentStamp, sbomInventory } from '../../../server/src/sbom/sbom-inventory';

function row(name: string, version: string, over: Partial<PackageRow> = {}): PackageRow {
  return {
    manifest: '/p/package.json',
    ecosystem: 'npm',
    name,
    purl: `pkg:npm/${name}`,
    version,
    direct: true,
    via: [],
    scope: 'runtime',
    ref: `pkg:npm/${name}@${version}`,
    dependents: [],
    line: 1,
    license: 'MIT',
    licenseSource: 'from package-lock.json',
    status: 'allowed',
    why: 'MIT is allowed',
    ...over,
  };
}

function result(root: string, packages: PackageRow[]): AuditResult {
  return { root, policySource: 'embedded default policy', findings: [], packages, stats: { filesSeen: 0, manifestsChecked: 1, headerFilesChecked: 0, skipped: [], durationMs: 0 } };
}

describe('SBOM inventory', () => {
  it('encodes the version into the purl before qualifiers', () => {
    assert.equal(packageRef({ purl: 'pkg:npm/%40s/a', version: '1.0.0+build.1' }), 'pkg:npm/%40s/a@1.0.0%2Bbuild.1');
    assert.equal(packageRef({ purl: 'pkg:maven/g/a?type=jar', version: '2.0' }), 'pkg:maven/g/a@2.0?type=jar');
    assert.equal(packageRef({ purl: 'pkg:golang/x/y' }), 'pkg:golang/x/y');
  });

  it('merges a package found in two manifests: runtime wins, every dependent is kept, lists are sorted', () => {
    const inventory = sbomInventory([
      result('/p/app', [row('b', '1.0.0', { scope: 'dev' }), row('c', '1.0.0', { direct: false, via: ['b', 'c'], scope: 'dev', dependents: ['pkg:npm/b@1.0.0'] })]),
      result('/p/lib', [row('a', '2.0.0'), row('c', '1.0.0', { direct: false, via: ['a', 'c'], dependents: ['pkg:npm/a@2.0.0'] })]),
    ]);
    assert.equal(inventory.name, 'app');
    assert.deepEqual(inventory.rootDependsOn, ['pkg:npm/a@2.0.0', 'pkg:npm/b@1.0.0']);
    assert.deepEqual(
      inventory.packages.map((p) => [p.ref, p.scope, p.dependsOn]),
      [
        ['pkg:npm/a@2.0.0', 'runtime', ['pkg:npm/c@1.0.0']],
        ['pkg:npm/b@1.0.0', 'dev', ['pkg:npm/c@1.0.0']],
        ['pkg:npm/c@1.0.0', 'runtime', []],
      ],
    );
  });

  it('states a license as an SPDX expression, a named license, or nothing', () => {
    const inventory = sbomInventory([
      result('/p', [
        row('a', '1', { license: 'GPL-2.0 OR MIT' }),
        row('b', '1', { license: 'SEE LICENSE IN LICENSE.txt' }),
        row('c', '1', { license: undefined, status: 'problem', code: 'license-unknown' }),
      ]),
    ]);
    assert.deepEqual(
      inventory.packages.map((p) => p.license),
      [{ kind: 'expression', expression: 'GPL-2.0-only OR MIT' }, { kind: 'named', name: 'SEE LICENSE IN LICENSE.txt' }, { kind: 'none' }],
    );
  });

  it('fixes the timestamp and derives the serial number under SOURCE_DATE_EPOCH only', () => {
    const fixed = documentStamp('content', { SOURCE_DATE_EPOCH: '1700000000' });
    assert.equal(fixed.timestamp.toISOString(), '2023-11-14T22:13:20.000Z');
    assert.deepEqual(documentStamp('content', { SOURCE_DATE_EPOCH: '1700000000' }), fixed);
    assert.notEqual(documentStamp('other', { SOURCE_DATE_EPOCH: '1700000000' }).uuid, fixed.uuid);
    assert.match(fixed.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(documentStamp('content', {}).uuid, documentStamp('content', {}).uuid);
  });
});
