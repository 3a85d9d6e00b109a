import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../../support/temp-dirs';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { loadPolicy } from '../../../server/src/policy/load-policy';

function workspace(files: Record<string, string>): string {
  const root = makeTempDir('policy');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

function load(root: string, trusted = true) {
  return loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted });
}

describe('policy loading', () => {
  it('uses the embedded default with the project license when there is no policy file', () => {
    const root = workspace({ 'package.json': '{"license": "Apache-2.0"}' });
    const result = load(root);
    assert.equal(result.kind, 'loaded');
    assert.deepEqual(result.policy.source, { kind: 'default', reason: 'no-policy-file' });
    assert.equal(result.policy.headers.license, 'Apache-2.0');
    assert.deepEqual(result.policy.licenses.deny.map((r) => r.text), ['@forbidden']);
  });

  it('reads JSONC with comments and trailing commas', () => {
    const root = workspace({ '.ospo/policy.json': '{\n // comment\n "licenses": { "allow": ["MIT",], },\n}' });
    const result = load(root);
    assert.equal(result.kind, 'loaded');
    assert.deepEqual(result.policy.licenses.allow.map((r) => r.text), ['MIT']);
  });

  it('merges extends in order, and a later list takes a license from an earlier one', () => {
    const root = workspace({
      'org/a.json': '{ "licenses": { "review": ["MPL-2.0", "EPL-2.0"], "deny": ["AGPL-3.0-only"], "unknown": "deny" } }',
      'org/b.json': '{ "licenses": { "unknown": "allow" }, "headers": { "copyrightHolder": "Org" } }',
      '.ospo/policy.json': '{ "extends": ["../org/a.json", "../org/b.json"], "licenses": { "allow": ["MIT", "MPL-2.0"] }, "headers": { "license": "MIT" } }',
    });
    const result = load(root);
    assert.equal(result.kind, 'loaded', JSON.stringify(result.kind === 'invalid' && result.problems));
    const p = result.policy;
    assert.deepEqual(p.licenses.allow.map((r) => r.text), ['MIT', 'MPL-2.0']);
    assert.deepEqual(p.licenses.review.map((r) => r.text), ['EPL-2.0']);
    assert.deepEqual(p.licenses.deny.map((r) => r.text), ['AGPL-3.0-only']);
    assert.equal(p.licenses.unknown, 'allow');
    assert.equal(p.headers.copyrightHolder, 'Org');
    assert.equal(p.headers.license, 'MIT');
    assert.equal(p.source.kind === 'file' && p.source.chain.length, 3);
  });

  it('reports problems at their exact offsets', () => {
    const text = '{ "licenses": { "allow": ["mit", "@nice"], "unknown": "maybe" }, "colour": 1, "packages": { "deny": ["npm/x"] } }';
    const root = workspace({ '.ospo/policy.json': text });
    const result = load(root);
    assert.equal(result.kind, 'invalid');
    const problems = result.kind === 'invalid' ? result.problems : [];
    const at = (needle: string) => problems.find((p) => text.slice(p.span.start, p.span.end) === needle);
    assert.match(at('"mit"')!.message, /case-sensitive; did you mean "MIT"/);
    assert.deepEqual(at('"mit"')!.fixes?.map((f) => f.edits[0].newText), ['"MIT"']);
    assert.match(at('"@nice"')!.message, /unknown license category/);
    assert.match(at('"maybe"')!.message, /must be "allow", "review" or "deny"/);
    assert.match(at('"colour"')!.message, /unknown key "colour"/);
    assert.match(at('"npm/x"')!.message, /not a Package URL pattern/);
  });

  it('reports a syntax error, a missing extends target and a cycle', () => {
    const syntax = load(workspace({ '.ospo/policy.json': '{ "licenses": { "allow": ["MIT" }' }));
    assert.equal(syntax.kind, 'invalid');
    assert.match(syntax.kind === 'invalid' ? syntax.problems[0].message : '', /syntax error/);

    const missing = load(workspace({ '.ospo/policy.json': '{ "extends": "./nope.json" }' }));
    assert.match(missing.kind === 'invalid' ? missing.problems[0].message : '', /no such policy file/);

    const cycle = load(workspace({ '.ospo/policy.json': '{ "extends": "./a.json" }', '.ospo/a.json': '{ "extends": "./policy.json" }' }));
    assert.equal(cycle.kind, 'invalid');
    assert.ok(cycle.kind === 'invalid' && cycle.problems.some((p) => /forms a cycle/.test(p.message)));
  });

  it('does not follow extends out of an untrusted workspace', () => {
    const outer = workspace({ 'base.json': '{ "licenses": { "allow": ["MIT"] } }' });
    const root = path.join(outer, 'project');
    fs.mkdirSync(path.join(root, '.ospo'), { recursive: true });
    fs.writeFileSync(path.join(root, '.ospo/policy.json'), '{ "extends": "../../base.json" }');
    assert.equal(load(root, true).kind, 'loaded');
    const untrusted = load(root, false);
    assert.equal(untrusted.kind, 'invalid');
    assert.match(untrusted.kind === 'invalid' ? untrusted.problems[0].message : '', /untrusted workspace/);
  });

  it('refuses a policy file larger than 256 KB with one problem and applies the embedded default', () => {
    const allow = Array.from({ length: 50000 }, () => 'MIT');
    const root = workspace({ '.ospo/policy.json': JSON.stringify({ licenses: { allow, deny: ['MIT'] } }) });
    const result = load(root);
    assert.equal(result.kind, 'invalid');
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0].message, /^the policy file is too large to read: \d+ KB > 256 KB$/);
    assert.deepEqual(result.policy.licenses.deny.map((r) => r.text), ['@forbidden']);
  });

  it('refuses an oversized base policy at its extends entry', () => {
    const root = workspace({
      'org/huge.json': JSON.stringify({ licenses: { allow: Array.from({ length: 50000 }, () => 'MIT') } }),
      '.ospo/policy.json': '{ "extends": "../org/huge.json", "licenses": { "allow": ["ISC"] } }',
    });
    const result = load(root);
    assert.equal(result.kind, 'invalid');
    assert.ok(result.problems.some((p) => /too large to read/.test(p.message)));
    assert.ok(result.problems.some((p) => /extends "\.\.\/org\/huge\.json": the base policy has 1 problem/.test(p.message)));
    assert.deepEqual(result.policy.licenses.allow.map((r) => r.text), ['ISC']);
  });
});

describe('a policy being written', () => {
  it('starts from the embedded default while the file is empty or its lists are', () => {
    for (const text of ['', '  \n', '{}', '{"licenses":{"allow":[]}}', '{"licenses":{"allow":[], "deny": []}}']) {
      const result = load(workspace({ '.ospo/policy.json': text }));
      assert.equal(result.kind, 'loaded', `${JSON.stringify(text)}: ${JSON.stringify(result.kind === 'invalid' && result.problems)}`);
      assert.deepEqual(result.policy.licenses.allow.map((r) => r.text), ['@permissive', '@notice', '@unencumbered'], text);
      assert.deepEqual(result.policy.licenses.deny.map((r) => r.text), ['@forbidden'], text);
    }
  });

  it('replaces the default lists once a list names something', () => {
    const result = load(workspace({ '.ospo/policy.json': '{"licenses":{"allow":["MIT"]}}' }));
    assert.deepEqual(result.policy.licenses.allow.map((r) => r.text), ['MIT']);
    assert.deepEqual(result.policy.licenses.deny, []);
  });

  it('builds on the default with "extends": "ospo:default", moving what the file lists', () => {
    const result = load(workspace({ '.ospo/policy.json': '{"extends": ["ospo:default"], "licenses":{"deny":["@restricted"], "allow": ["MPL-2.0"]}}' }));
    assert.equal(result.kind, 'loaded');
    assert.deepEqual(result.policy.licenses.allow.map((r) => r.text), ['@permissive', '@notice', '@unencumbered', 'MPL-2.0']);
    assert.deepEqual(result.policy.licenses.review.map((r) => r.text), ['@reciprocal']);
    assert.deepEqual(result.policy.licenses.deny.map((r) => r.text), ['@forbidden', '@restricted']);
  });
});
