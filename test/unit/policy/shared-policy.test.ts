import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../../support/temp-dirs';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { parseExtendsSpecifier } from '../../../server/src/policy/extends-specifier';
import { loadPolicy, type PolicyLoadResult } from '../../../server/src/policy/load-policy';
import { RemotePolicyStore, sha256Of } from '../../../server/src/policy/remote-policy-store';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';

function workspace(files: Record<string, string>): string {
  const root = fs.realpathSync(makeTempDir('shared-policy'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const problems = (result: PolicyLoadResult) => (result.kind === 'invalid' ? result.problems.map((p) => p.message) : []);
const allowed = (result: PolicyLoadResult) => result.policy.licenses.allow.map((r) => r.text);

describe('extends specifiers', () => {
  it('reads paths, packages with and without a file, and pinned URLs', () => {
    assert.deepEqual(parseExtendsSpecifier('./org.json'), { kind: 'file', path: './org.json' });
    assert.deepEqual(parseExtendsSpecifier('../org/base.json'), { kind: 'file', path: '../org/base.json' });
    assert.deepEqual(parseExtendsSpecifier('/etc/ospo/base.json'), { kind: 'file', path: '/etc/ospo/base.json' });
    assert.deepEqual(parseExtendsSpecifier('@acme/ospo-policy'), { kind: 'package', name: '@acme/ospo-policy' });
    assert.deepEqual(parseExtendsSpecifier('@acme/ospo-policy/strict.json'), { kind: 'package', name: '@acme/ospo-policy', subpath: 'strict.json' });
    assert.deepEqual(parseExtendsSpecifier('ospo-policy-acme/policies/web.json'), { kind: 'package', name: 'ospo-policy-acme', subpath: 'policies/web.json' });
    const hash = 'AB'.repeat(32);
    assert.deepEqual(parseExtendsSpecifier(`https://ospo.example.com/policy.json#sha256=${hash}`), {
      kind: 'url',
      url: 'https://ospo.example.com/policy.json',
      sha256: hash.toLowerCase(),
    });
  });

  it('rejects what is not a package name, escapes the package, or is an unpinned or plain-http URL', () => {
    for (const bad of ['@acme', '@acme/../../etc', '@Acme/Policy', '_private', '.hidden', '@acme/p/../x.json', '@acme/p//x.json', 'x\\y', '']) {
      assert.equal(parseExtendsSpecifier(bad).kind, 'invalid', bad);
    }
    assert.match(reasonOf('https://ospo.example.com/policy.json'), /pinned with #sha256=/);
    assert.match(reasonOf('https://ospo.example.com/policy.json#sha256=abc'), /pinned with #sha256=/);
    assert.match(reasonOf(`http://ospo.example.com/policy.json#sha256=${'a'.repeat(64)}`), /only https:\/\//);
    assert.match(reasonOf(`https://user:secret@ospo.example.com/p.json#sha256=${'a'.repeat(64)}`), /credentials/);
  });
});

function reasonOf(target: string): string {
  const spec = parseExtendsSpecifier(target);
  return spec.kind === 'invalid' ? spec.reason : `not invalid: ${spec.kind}`;
}

describe('extends an npm package', () => {
  const orgPackage = (manifest: object, files: Record<string, string>) => ({
    'node_modules/@acme/ospo-policy/package.json': JSON.stringify({ name: '@acme/ospo-policy', version: '2.3.0', ...manifest }),
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`node_modules/@acme/ospo-policy/${name}`, text])),
  });

  it('loads the file the package.json "ospo" field names, and says which package and version it was', () => {
    const root = workspace({
      ...orgPackage({ ospo: 'policies/base.json', main: 'index.js' }, { 'policies/base.json': '{ "licenses": { "allow": ["MIT"] } }' }),
      '.ospo/policy.json': '{ "extends": "@acme/ospo-policy", "licenses": { "allow": ["ISC"] } }',
    });
    const result = loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted: false });
    assert.equal(result.kind, 'loaded', problems(result).join('\n'));
    assert.deepEqual(allowed(result), ['MIT', 'ISC']);
    assert.deepEqual(result.bases?.map((b) => b.origin), [
      {
        kind: 'package',
        name: '@acme/ospo-policy',
        version: '2.3.0',
        path: path.join(root, 'node_modules/@acme/ospo-policy/policies/base.json'),
        packageDir: path.join(root, 'node_modules/@acme/ospo-policy'),
      },
    ]);
  });

  it('reads the package again when another version is installed', () => {
    const root = workspace({
      ...orgPackage({}, { 'policy.json': '{ "licenses": { "allow": ["MIT"] } }' }),
      '.ospo/policy.json': '{ "extends": "@acme/ospo-policy" }',
    });
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true });
    assert.deepEqual(engine.policy.licenses.allow.map((r) => r.text), ['MIT']);
    fs.writeFileSync(path.join(root, 'node_modules/@acme/ospo-policy/policy.json'), '{ "licenses": { "allow": ["ISC"] } }');
    fs.writeFileSync(path.join(root, 'node_modules/@acme/ospo-policy/package.json'), '{ "name": "@acme/ospo-policy", "version": "2.4.0" }');
    // An editor reports the package.json it watches; the policy file beside it is read again too.
    assert.equal(engine.fileChanged(path.join(root, 'node_modules/@acme/ospo-policy/package.json')), 'policy');
    assert.deepEqual(engine.policy.licenses.allow.map((r) => r.text), ['ISC']);
    const origin = engine.policyLoad.bases?.[0].origin;
    assert.equal(origin?.kind === 'package' ? origin.version : undefined, '2.4.0');
  });

  it('falls back to a JSON "main", then to policy.json, and loads a named file of the package', () => {
    const viaMain = workspace({
      ...orgPackage({ main: 'org.json' }, { 'org.json': '{ "licenses": { "allow": ["BSD-2-Clause"] } }' }),
      '.ospo/policy.json': '{ "extends": "@acme/ospo-policy" }',
    });
    assert.deepEqual(allowed(loadPolicy({ workspaceRoot: viaMain, files: new CachingFileSource(), trusted: true })), ['BSD-2-Clause']);

    const root = workspace({
      ...orgPackage({ main: 'index.js' }, { 'policy.json': '{ "licenses": { "allow": ["MIT"] } }', 'strict.json': '{ "licenses": { "allow": ["Apache-2.0"] } }' }),
      '.ospo/policy.json': '{ "extends": "@acme/ospo-policy" }',
      'services/api/.ospo/policy.json': '{ "extends": "@acme/ospo-policy/strict.json" }',
    });
    assert.deepEqual(allowed(loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted: true })), ['MIT']);
    // A policy further down finds the package in a parent folder's node_modules, as Node and ESLint do.
    const nested = loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted: true, policyFile: 'services/api/.ospo/policy.json' });
    assert.deepEqual(allowed(nested), ['Apache-2.0']);
  });

  it('prefers the closest node_modules to the policy file', () => {
    const root = workspace({
      'node_modules/org-policy/policy.json': '{ "licenses": { "allow": ["MIT"] } }',
      'node_modules/org-policy/package.json': '{ "version": "1.0.0" }',
      'app/node_modules/org-policy/policy.json': '{ "licenses": { "allow": ["ISC"] } }',
      'app/node_modules/org-policy/package.json': '{ "version": "2.0.0" }',
      'app/policy.json': '{ "extends": "org-policy" }',
    });
    const result = loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted: true, policyFile: 'app/policy.json' });
    assert.deepEqual(allowed(result), ['ISC']);
  });

  it('reports a package that is not installed, one whose "ospo" field leaves the package, and a link out of the workspace', () => {
    const missing = workspace({ '.ospo/policy.json': '{ "extends": "@acme/ospo-policy" }' });
    assert.match(problems(loadPolicy({ workspaceRoot: missing, files: new CachingFileSource(), trusted: true }))[0], /@acme\/ospo-policy is not installed \(looked in \.ospo\/node_modules, node_modules\)/);

    const escaping = workspace({
      ...orgPackage({ ospo: '../../../secret.json' }, {}),
      'secret.json': '{}',
      '.ospo/policy.json': '{ "extends": "@acme/ospo-policy" }',
    });
    assert.match(problems(loadPolicy({ workspaceRoot: escaping, files: new CachingFileSource(), trusted: true }))[0], /leads outside the package/);

    const outside = workspace({ 'org/policy.json': '{ "licenses": { "allow": ["MIT"] } }', 'org/package.json': '{}' });
    const linked = workspace({ '.ospo/policy.json': '{ "extends": "org-policy" }' });
    fs.mkdirSync(path.join(linked, 'node_modules'));
    fs.symlinkSync(path.join(outside, 'org'), path.join(linked, 'node_modules/org-policy'));
    assert.match(problems(loadPolicy({ workspaceRoot: linked, files: new CachingFileSource(), trusted: true }))[0], /leads outside the workspace/);
  });

  it('points at "./name" when a bare name is a file next to the policy rather than a package', () => {
    const root = workspace({ '.ospo/org-base.json': '{}', '.ospo/policy.json': '{ "extends": "org-base.json" }' });
    assert.match(problems(loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted: true }))[0], /write "\.\/org-base\.json"/);
  });
});

describe('extends a pinned https URL', () => {
  const base = '{ "licenses": { "deny": ["AGPL-3.0-only"], "allow": ["MIT"] } }';
  const url = 'https://ospo.example.com/policy.json';
  let calls: string[];
  let served: Map<string, string>;
  const fetcher = async (requested: string) => {
    calls.push(requested);
    const text = served.get(requested);
    if (text === undefined) throw new Error('connection refused');
    return Buffer.from(text);
  };
  beforeEach(() => {
    calls = [];
    served = new Map([[url, base]]);
  });

  async function loadFetching(root: string, store: RemotePolicyStore, trusted = true): Promise<PolicyLoadResult> {
    let result = loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted, remote: store });
    for (const pin of result.pendingUrls ?? []) await store.fetch(pin);
    if (result.pendingUrls) result = loadPolicy({ workspaceRoot: root, files: new CachingFileSource(), trusted, remote: store });
    return result;
  }

  it('fetches once, verifies the pin, and loads from the cache afterwards without the network', async () => {
    const cache = makeTempDir('policy-cache');
    const root = workspace({ '.ospo/policy.json': JSON.stringify({ extends: `${url}#sha256=${sha256Of(base)}` }) });
    const first = await loadFetching(root, new RemotePolicyStore(cache, fetcher));
    assert.equal(first.kind, 'loaded', problems(first).join('\n'));
    assert.deepEqual(allowed(first), ['MIT']);
    assert.deepEqual(calls, [url]);
    assert.equal(fs.readFileSync(path.join(cache, `${sha256Of(base)}.json`), 'utf8'), base);

    served.clear();
    const offline = await loadFetching(root, new RemotePolicyStore(cache, fetcher));
    assert.equal(offline.kind, 'loaded');
    assert.deepEqual(calls, [url]);
    const origin = offline.bases?.[0].origin;
    assert.equal(origin?.kind, 'url');
  });

  it('reports a hash mismatch at the extends entry and does not use or cache the file', async () => {
    const cache = makeTempDir('policy-cache');
    const pinned = sha256Of('{ "licenses": { "allow": ["MIT"] } }');
    const text = JSON.stringify({ extends: [`${url}#sha256=${pinned}`] });
    const root = workspace({ '.ospo/policy.json': text });
    const result = await loadFetching(root, new RemotePolicyStore(cache, fetcher));
    assert.equal(result.kind, 'invalid');
    const problem = result.kind === 'invalid' ? result.problems[0] : undefined;
    assert.equal(text.slice(problem!.span.start, problem!.span.end), JSON.stringify(`${url}#sha256=${pinned}`));
    assert.match(problem!.message, new RegExp(`has SHA-256 ${sha256Of(base)}, not the pinned ${pinned}`));
    assert.deepEqual(fs.readdirSync(cache), []);
  });

  it('never fetches in a restricted workspace or without a pin, and says why', async () => {
    const cache = makeTempDir('policy-cache');
    const pinnedRoot = workspace({ '.ospo/policy.json': JSON.stringify({ extends: `${url}#sha256=${sha256Of(base)}` }) });
    const restricted = await loadFetching(pinnedRoot, new RemotePolicyStore(cache, fetcher), false);
    assert.match(problems(restricted)[0], /not fetched or loaded in a restricted workspace/);
    const unpinned = await loadFetching(workspace({ '.ospo/policy.json': JSON.stringify({ extends: url }) }), new RemotePolicyStore(cache, fetcher));
    assert.match(problems(unpinned)[0], /must be pinned with #sha256=/);
    assert.deepEqual(calls, []);
  });

  it('ignores a cache file that no longer matches its pin and fetches again', async () => {
    const cache = makeTempDir('policy-cache');
    const sha = sha256Of(base);
    fs.writeFileSync(path.join(cache, `${sha}.json`), '{ "licenses": { "allow": ["GPL-3.0-only"] } }');
    const root = workspace({ '.ospo/policy.json': JSON.stringify({ extends: `${url}#sha256=${sha}` }) });
    const result = await loadFetching(root, new RemotePolicyStore(cache, fetcher));
    assert.deepEqual(allowed(result), ['MIT']);
    assert.deepEqual(calls, [url]);
  });

  it('says a URL could not be fetched, and lets a fetched policy extend only other pinned URLs', async () => {
    const cache = makeTempDir('policy-cache');
    const down = await loadFetching(workspace({ '.ospo/policy.json': JSON.stringify({ extends: `https://down.example.com/p.json#sha256=${'0'.repeat(64)}` }) }), new RemotePolicyStore(cache, fetcher));
    assert.match(problems(down)[0], /could not be fetched and is not in the cache .*connection refused/);

    const relative = '{ "extends": "./local.json" }';
    served.set(url, relative);
    const root = workspace({ '.ospo/policy.json': JSON.stringify({ extends: `${url}#sha256=${sha256Of(relative)}` }), '.ospo/local.json': '{}' });
    const result = await loadFetching(root, new RemotePolicyStore(cache, fetcher));
    assert.ok(problems(result).some((m) => /can extend only other pinned URLs/.test(m)), problems(result).join('\n'));
  });
});
