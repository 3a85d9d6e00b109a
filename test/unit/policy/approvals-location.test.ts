import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { loadPolicy, type PolicyLoadOptions } from '../../../server/src/policy/load-policy';

describe('the approvals log stays inside the workspace folder', () => {
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  function workspace(approvalsFile: string): { root: string; policy: string } {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-approvals-')));
    roots.push(root);
    fs.mkdirSync(path.join(root, '.ospo'));
    const policy = `{\n  "approvals": { "file": ${JSON.stringify(approvalsFile)} }\n}\n`;
    fs.writeFileSync(path.join(root, '.ospo/policy.json'), policy);
    return { root, policy };
  }
  const load = (root: string, options: Partial<PolicyLoadOptions> = {}) => loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted: true, ...options });

  for (const target of ['/etc/passwd', '../../../x', 'linked/approvals.json']) {
    it(`reports approvals.file "${target}" at its place and uses the default log instead`, () => {
      const { root, policy } = workspace(target);
      fs.symlinkSync('/etc', path.join(root, 'linked'));
      const result = load(root);
      assert.equal(result.kind, 'invalid');
      const problems = result.kind === 'invalid' ? result.problems : [];
      assert.equal(problems.length, 1, JSON.stringify(problems));
      const start = policy.indexOf(JSON.stringify(target));
      assert.deepEqual(problems[0].span, { start, end: start + JSON.stringify(target).length });
      assert.equal(problems[0].path, path.join(root, '.ospo/policy.json'));
      assert.match(problems[0].message, /^approvals\.file ".*" must be inside the workspace folder: .* is outside the workspace folder .*; to allow it, turn on the user setting ospo\.approvals\.allowOutsideWorkspace$/);
      assert.equal(result.policy.approvals.file, '.ospo/approvals.json');
    });
  }

  it('accepts a log elsewhere in the folder', () => {
    const { root } = workspace('compliance/approvals.json');
    const result = load(root);
    assert.equal(result.kind, 'loaded');
    assert.equal(result.policy.approvals.file, 'compliance/approvals.json');
  });

  it('lets the user setting allow a log outside, in a trusted workspace only', () => {
    const { root } = workspace('../shared/approvals.json');
    assert.equal(load(root, { approvalsOutsideWorkspace: true }).kind, 'loaded');
    const restricted = load(root, { trusted: false, approvalsOutsideWorkspace: true });
    assert.equal(restricted.kind, 'invalid');
    assert.match(restricted.kind === 'invalid' ? restricted.problems[0].message : '', /a restricted workspace cannot allow it$/);
  });

  it('does not let a base policy outside the folder bring one in through extends in a restricted workspace', () => {
    const { root } = workspace('.ospo/approvals.json');
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-approvals-base-'));
    roots.push(base);
    fs.writeFileSync(path.join(base, 'org.json'), '{ "approvals": { "file": "/etc/passwd" } }');
    fs.writeFileSync(path.join(root, '.ospo/policy.json'), `{ "extends": ${JSON.stringify(path.join(base, 'org.json'))} }`);
    const restricted = load(root, { trusted: false });
    assert.equal(restricted.kind, 'invalid');
    assert.match(restricted.kind === 'invalid' ? restricted.problems[0].message : '', /is outside the workspace and is not loaded in an untrusted workspace/);
    assert.equal(restricted.policy.approvals.file, '.ospo/approvals.json');
    // Trusted, the base is read, and the path it names is still refused, at its place in the base.
    const trusted = load(root);
    assert.equal(trusted.kind === 'invalid' && trusted.problems[0].path, path.join(base, 'org.json'));
    assert.equal(trusted.policy.approvals.file, '.ospo/approvals.json');
  });

  it('does not follow an extends link inside the folder to a policy outside it in a restricted workspace', () => {
    const { root } = workspace('.ospo/approvals.json');
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-approvals-base-'));
    roots.push(base);
    fs.writeFileSync(path.join(base, 'org.json'), '{ "licenses": { "allow": ["AGPL-3.0-only"] } }');
    fs.symlinkSync(path.join(base, 'org.json'), path.join(root, '.ospo/org.json'));
    fs.writeFileSync(path.join(root, '.ospo/policy.json'), '{ "extends": "./org.json" }');
    const restricted = load(root, { trusted: false });
    assert.equal(restricted.kind, 'invalid');
    assert.match(restricted.kind === 'invalid' ? restricted.problems[0].message : '', /extends "\.\/org\.json" is outside the workspace and is not loaded in an untrusted workspace/);
    assert.ok(!restricted.policy.licenses.allow.some((r) => r.text === 'AGPL-3.0-only'));
    assert.equal(load(root).kind, 'loaded');
  });

  it('does not read a policy file linked out of the folder in a restricted workspace', () => {
    const { root } = workspace('.ospo/approvals.json');
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-approvals-base-'));
    roots.push(base);
    fs.writeFileSync(path.join(base, 'policy.json'), '{ "licenses": { "allow": ["AGPL-3.0-only"] } }');
    fs.rmSync(path.join(root, '.ospo/policy.json'));
    fs.symlinkSync(path.join(base, 'policy.json'), path.join(root, '.ospo/policy.json'));
    const restricted = load(root, { trusted: false });
    assert.equal(restricted.kind, 'invalid');
    assert.match(restricted.kind === 'invalid' ? restricted.problems[0].message : '', /^the policy file leads outside the workspace folder and is not read in a restricted workspace: .*through a symbolic link/);
    assert.ok(!restricted.policy.licenses.allow.some((r) => r.text === 'AGPL-3.0-only'));
    assert.ok(load(root).policy.licenses.allow.some((r) => r.text === 'AGPL-3.0-only'), 'a trusted workspace reads it');
  });
});
