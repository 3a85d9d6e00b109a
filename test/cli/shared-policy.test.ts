import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startHttpsTestServer, type HttpsTestServer } from '../support/https-test-server';
import { makeTempDir } from '../support/temp-dirs';
import { runCliAsync } from './support/run-cli-async';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A project with one installed dependency under GPL-3.0-only, which the organisation policy denies. */
function project(policy: object): string {
  const root = fs.realpathSync(makeTempDir('cli-shared-policy'));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };
  write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', license: 'MIT', dependencies: { 'gpl-lib': '^1.0.0' } }));
  write('node_modules/gpl-lib/package.json', JSON.stringify({ name: 'gpl-lib', version: '1.0.0', license: 'GPL-3.0-only' }));
  write('.ospo/policy.json', JSON.stringify({ ...policy, headers: { enabled: false } }));
  return root;
}

describe('ospo-guide audit with a shared organisation policy', function () {
  this.timeout(30000);
  const orgPolicy = '{ "licenses": { "allow": ["MIT"], "deny": ["GPL-3.0-only"], "unlisted": "review" } }';
  let server: HttpsTestServer;
  let cache: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    server = await startHttpsTestServer();
    server.files.set('/org/policy.json', orgPolicy);
    cache = makeTempDir('cli-policy-cache');
    env = { XDG_CACHE_HOME: cache, NODE_EXTRA_CA_CERTS: server.certificatePath };
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('fetches a pinned URL once, applies it, and audits offline from the cache afterwards', async () => {
    const root = project({ extends: `${server.origin}/org/policy.json#sha256=${sha256(orgPolicy)}` });
    const first = await runCliAsync(['audit', '--format', 'json'], root, env);
    assert.equal(first.status, 1, first.stderr);
    const report = JSON.parse(first.stdout);
    assert.ok(report.findings.some((f: { code: string; dependency?: { name: string } }) => f.code === 'license-denied' && f.dependency?.name === 'gpl-lib'), first.stdout);
    assert.deepEqual(server.requests, ['/org/policy.json']);
    assert.equal(fs.readFileSync(path.join(cache, 'ospo-guide/policies', `${sha256(orgPolicy)}.json`), 'utf8'), orgPolicy);

    await server.close();
    const offline = await runCliAsync(['audit', '--format', 'json'], root, env);
    assert.equal(offline.status, 1, offline.stderr);
    assert.ok(JSON.parse(offline.stdout).findings.some((f: { code: string }) => f.code === 'license-denied'));
    server = await startHttpsTestServer();
  });

  it('refuses a file whose hash is not the pinned one, naming the extends entry', async () => {
    const pinned = sha256('{ "licenses": { "allow": ["GPL-3.0-only"] } }');
    const root = project({ extends: `${server.origin}/org/policy.json#sha256=${pinned}` });
    const result = await runCliAsync(['audit'], root, env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`invalid policy: \\.ospo/policy\\.json: extends ".*": the file at the URL has SHA-256 ${sha256(orgPolicy)}, not the pinned ${pinned}`));
    // Nothing of the refused file is kept (the folder also holds the CLI's code cache).
    const policies = path.join(cache, 'ospo-guide', 'policies');
    assert.deepEqual(fs.existsSync(policies) ? fs.readdirSync(policies) : [], []);
  });

  it('fetches nothing for an unpinned URL and says how to pin it', async () => {
    const root = project({ extends: `${server.origin}/org/policy.json` });
    const result = await runCliAsync(['audit'], root, env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /must be pinned with #sha256=/);
    assert.deepEqual(server.requests, []);
  });

  it('extends a policy package installed in node_modules', async () => {
    const root = project({ extends: '@acme/ospo-policy/strict.json' });
    fs.mkdirSync(path.join(root, 'node_modules/@acme/ospo-policy'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules/@acme/ospo-policy/package.json'), '{ "name": "@acme/ospo-policy", "version": "3.1.0" }');
    fs.writeFileSync(path.join(root, 'node_modules/@acme/ospo-policy/strict.json'), orgPolicy);
    const result = await runCliAsync(['audit', '--format', 'json'], root, env);
    assert.equal(result.status, 1, result.stderr);
    assert.ok(JSON.parse(result.stdout).findings.some((f: { code: string }) => f.code === 'license-denied'));
  });
});
