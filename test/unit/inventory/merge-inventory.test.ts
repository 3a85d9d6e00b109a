import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { inventoryToMarkdown, markdownCell } from '../../../server/src/inventory/inventory-markdown';
import { compareVersions, mergeInventory } from '../../../server/src/inventory/merge-inventory';
import { readAuditReport, type AuditReport } from '../../../server/src/inventory/read-audit-report';

const report = (repository: string, packages: object[], approvals: object[] = []): AuditReport => {
  const read = readAuditReport(JSON.stringify({ repository: { name: repository }, findings: [], packages, approvals }), `${repository}.json`, repository);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.report;
};
const row = (name: string, version: string, license: string | undefined, status: string) => ({ ecosystem: 'npm', name, purl: `pkg:npm/${name}`, version, ...(license ? { license } : {}), status, direct: true });

describe('organisation inventory', () => {
  it('keeps the worst status, every version and license, and counts licenses by package and repository', () => {
    const inventory = mergeInventory([
      report('a', [row('x', '1.0.0', 'MIT', 'allowed'), row('y', '2.0.0', undefined, 'problem')]),
      report('b', [row('x', '1.10.0', 'MIT', 'approved'), row('x', '1.2.0', 'MIT', 'allowed')], [{ package: 'pkg:npm/y', standing: 'pending' }]),
    ]);
    const x = inventory.packages.find((p) => p.name === 'x')!;
    assert.deepEqual(x.versions, ['1.0.0', '1.2.0', '1.10.0']);
    assert.equal(x.status, 'approved');
    assert.deepEqual(x.repositories, ['a', 'b']);
    assert.deepEqual(inventory.licenses, [
      { license: 'MIT', packages: 1, repositories: 2 },
      { license: 'unknown', packages: 1, repositories: 1 },
    ]);
    assert.deepEqual(inventory.pendingApprovals, [{ package: 'pkg:npm/y', standing: 'pending', repository: 'b' }]);
  });

  it('does not depend on the order of the reports', () => {
    const name = fc.constantFrom('x', 'y', 'z');
    const pkg = fc.record({ name, version: fc.constantFrom('1.0.0', '2.0.0'), license: fc.constantFrom('MIT', 'ISC', undefined), status: fc.constantFrom('allowed', 'approved', 'problem') });
    const reports = fc.uniqueArray(fc.record({ repo: fc.string({ minLength: 1, maxLength: 4 }), packages: fc.array(pkg, { maxLength: 5 }) }), { selector: (r) => r.repo, maxLength: 6 });
    fc.assert(
      fc.property(reports, (list) => {
        const built = list.map((r) => report(r.repo, r.packages.map((p) => row(p.name, p.version, p.license, p.status))));
        assert.deepEqual(mergeInventory(built), mergeInventory([...built].reverse()));
      }),
      { numRuns: 100 },
    );
  });

  it('compares versions by their numbers', () => {
    assert.deepEqual(['1.10.0', '1.9.2', '1.9.10', '0.1.0-beta'].sort(compareVersions), ['0.1.0-beta', '1.9.2', '1.9.10', '1.10.0']);
  });

  it('escapes Markdown in every cell, so a package or repository name cannot add links, HTML or columns', () => {
    assert.equal(markdownCell('a|b <script> [x](y) *z*\nnext'), 'a\\|b \\<script\\> \\[x\\]\\(y\\) \\*z\\* next');
    const text = inventoryToMarkdown(mergeInventory([report('evil|<b>', [row('x', '1.0.0', 'MIT', 'allowed')])]));
    assert.ok(text.includes('evil\\|\\<b\\>'));
    assert.ok(!text.includes('<b>'));
  });

  it('rejects rows that are not what the audit writes', () => {
    assert.equal(readAuditReport('{"findings": [], "packages": [{"name": "x"}]}', 'r.json', 'r').ok, false);
    assert.equal(readAuditReport('{"findings": [], "packages": [], "approvals": [{"package": "p", "standing": "maybe"}]}', 'r.json', 'r').ok, false);
    const unnamed = readAuditReport('{"findings": [], "packages": []}', 'r.json', 'r');
    assert.ok(unnamed.ok && unnamed.report.repository === 'r' && !unnamed.report.repositoryNamed);
  });
});
