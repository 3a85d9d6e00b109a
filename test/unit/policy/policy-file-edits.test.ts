import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addHeaderExcludeEdit, addPackageExceptionEdit, exceptionPattern, removeListEntryEdit } from '../../../server/src/policy/policy-file-edits';
import { readPolicyLayer } from '../../../server/src/policy/read-policy-layer';
import { starterPolicyText } from '../../../server/src/policy/starter-policy';
import { DEFAULT_HEADER_EXCLUDE } from '../../../server/src/policy/default-policy';
import { applyOffsetEdits } from '../../../server/src/text/text-edit';
import type { FileEdit } from '../../../server/src/findings/finding';

const target = (text: string | undefined) => ({ path: '/w/.ospo/policy.json', text, starter: () => starterPolicyText('MIT') });

function result(text: string | undefined, edit: FileEdit | undefined): string {
  assert.ok(edit);
  return edit.create ? edit.edits[0].newText : applyOffsetEdits(text!, edit.edits);
}

describe('quick-fix edits of the policy file', () => {
  it('pins an exception to a semver version, and leaves other versions unpinned', () => {
    assert.equal(exceptionPattern('pkg:npm/mpl-lib', '2.1.0'), 'pkg:npm/mpl-lib@2.1.0');
    assert.equal(exceptionPattern('pkg:npm/@scope/x', '1.0.0-beta.1'), 'pkg:npm/@scope/x@1.0.0-beta.1');
    assert.equal(exceptionPattern('pkg:golang/example.com/m', 'v0.0.0-20240101000000-abcdef123456'), 'pkg:golang/example.com/m@v0.0.0-20240101000000-abcdef123456');
    assert.equal(exceptionPattern('pkg:maven/g/a', '1.0.Final'), 'pkg:maven/g/a');
    assert.equal(exceptionPattern('pkg:pypi/x', undefined), 'pkg:pypi/x');
  });

  it('keeps a one-line list on one line and a multi-line list one item per line', () => {
    const oneLine = '{ "packages": { "allow": ["pkg:npm/a"] } }';
    assert.equal(result(oneLine, addPackageExceptionEdit(target(oneLine), 'pkg:npm/b@1.0.0', 'MIT')), '{ "packages": { "allow": ["pkg:npm/a", /* MIT */ "pkg:npm/b@1.0.0"] } }');
    const multi = '{\n  "packages": {\n    "allow": [\n      "pkg:npm/a"\n    ]\n  }\n}\n';
    assert.equal(result(multi, addPackageExceptionEdit(target(multi), 'pkg:npm/b', 'why */ not')), '{\n  "packages": {\n    "allow": [\n      "pkg:npm/a",\n      /* why * / not */ "pkg:npm/b"\n    ]\n  }\n}\n');
    assert.equal(addPackageExceptionEdit(target(oneLine), 'pkg:npm/a', 'again'), undefined);
  });

  it('creates the policy from the starter when there is none, and the result reads without problems', () => {
    const edit = addPackageExceptionEdit(target(undefined), 'pkg:npm/x@1.0.0', 'GPL-3.0-only (license-denied)');
    assert.equal(edit?.create, true);
    const { layer, problems } = readPolicyLayer('/w/.ospo/policy.json', result(undefined, edit));
    assert.deepEqual(problems, []);
    assert.deepEqual(layer.packages.allow?.map((p) => p.text), ['pkg:npm/x@1.0.0']);
  });

  it('adds a header exclusion to the default list when the policy has none', () => {
    const text = '{ "headers": { "license": "MIT" } }';
    const { layer } = readPolicyLayer('/p', result(text, addHeaderExcludeEdit(target(text), 'src/a.ts')));
    assert.deepEqual(layer.headers.exclude, [...DEFAULT_HEADER_EXCLUDE, 'src/a.ts']);
    const withList = '{ "headers": { "exclude": [] } }';
    assert.equal(result(withList, addHeaderExcludeEdit(target(withList), 'src/a.ts')), '{ "headers": { "exclude": ["src/a.ts"] } }');
  });

  it('removes a deny entry with its comma, wherever it is in the list', () => {
    for (const [before, after] of [
      ['{"packages":{"deny":["a","b","c"]}}', '{"packages":{"deny":["a","c"]}}'],
      ['{"packages":{"deny":["b","c"]}}', '{"packages":{"deny":["c"]}}'],
      ['{"packages":{"deny":["a","b"]}}', '{"packages":{"deny":["a"]}}'],
      ['{"packages":{"deny":["b"]}}', '{"packages":{"deny":[]}}'],
    ]) {
      assert.equal(result(before, removeListEntryEdit(target(before), ['packages', 'deny'], 'b')), after);
    }
    assert.equal(removeListEntryEdit(target('{}'), ['packages', 'deny'], 'b'), undefined);
  });

  it('always leaves a policy that reads, with the new entry last in packages.allow', () => {
    const purl = fc.stringMatching(/^pkg:npm\/[a-z][a-z0-9-]{0,12}$/);
    // A list names each package once (a repeat is a warning of its own, not what this edit is about).
    const list = fc.uniqueArray(purl, { maxLength: 4 });
    fc.assert(
      fc.property(list, purl, fc.boolean(), fc.string({ maxLength: 30 }), (existing, added, multiline, comment) => {
        fc.pre(!existing.includes(added));
        const items = existing.map((p) => JSON.stringify(p));
        const text = multiline ? `{\n  // policy\n  "packages": {\n    "allow": [\n      ${items.join(',\n      ')}\n    ]\n  }\n}\n` : `{"packages":{"allow":[${items.join(', ')}]}}`;
        const after = result(text, addPackageExceptionEdit(target(text), added, comment));
        const { layer, problems } = readPolicyLayer('/p', after);
        assert.deepEqual(problems, []);
        assert.deepEqual(layer.packages.allow?.map((p) => p.text), [...existing, added]);
      }),
    );
  });
});
