import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startHttpsTestServer, type HttpsTestServer } from '../support/https-test-server';
import { makeTempDir } from '../support/temp-dirs';
import { LspTestClient } from './support/lsp-test-client';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ORG_POLICY = '{ "licenses": { "allow": ["MIT"], "deny": ["GPL-3.0-only"] } }';

/** A project with one installed GPL-3.0-only dependency, and a policy that extends `target`. */
function project(target: string): { root: string; policyPath: string; policyText: string } {
  const root = fs.realpathSync(makeTempDir('lsp-shared-policy'));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };
  write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', license: 'MIT', dependencies: { 'gpl-lib': '^1.0.0' } }, null, 2));
  write('node_modules/gpl-lib/package.json', JSON.stringify({ name: 'gpl-lib', version: '1.0.0', license: 'GPL-3.0-only' }));
  const policyText = `{\n  "extends": [${JSON.stringify(target)}],\n  "headers": { "enabled": false }\n}\n`;
  write('.ospo/policy.json', policyText);
  return { root, policyPath: path.join(root, '.ospo/policy.json'), policyText };
}

/** The position of the middle of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle) + Math.floor(needle.length / 2);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('a shared organisation policy in the editor', function () {
  this.timeout(30000);
  let client: LspTestClient | undefined;
  let server: HttpsTestServer;
  let cache: string;

  beforeEach(async () => {
    server = await startHttpsTestServer();
    server.files.set('/org/policy.json', ORG_POLICY);
    cache = makeTempDir('lsp-policy-cache');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await server.close();
    fs.rmSync(cache, { recursive: true, force: true });
  });

  async function start(root: string, trusted = true): Promise<LspTestClient> {
    client = new LspTestClient({ root, trusted, env: { XDG_CACHE_HOME: cache, NODE_EXTRA_CA_CERTS: server.certificatePath } });
    await client.start();
    return client;
  }

  async function hover(c: LspTestClient, file: string, text: string, needle: string): Promise<string> {
    const answer = (await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: LspTestClient.uri(file) }, position: positionOf(text, needle) })) as Hover | null;
    return answer ? (answer.contents as MarkupContent).value : '';
  }

  it('applies a policy package from node_modules, and the hover on the entry names the package and version', async () => {
    const { root, policyPath, policyText } = project('@acme/ospo-policy');
    fs.mkdirSync(path.join(root, 'node_modules/@acme/ospo-policy'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules/@acme/ospo-policy/package.json'), '{ "name": "@acme/ospo-policy", "version": "2.3.0", "ospo": "org.json" }');
    fs.writeFileSync(path.join(root, 'node_modules/@acme/ospo-policy/org.json'), ORG_POLICY);
    const c = await start(root);
    const manifest = path.join(root, 'package.json');
    c.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const found = await c.diagnosticsFor(manifest, (d) => d.length > 0);
    assert.ok(found.some((d) => d.code === 'license-denied' && /gpl-lib/.test(d.message)), JSON.stringify(found));

    c.open(policyPath, policyText);
    const text = await hover(c, policyPath, policyText, '@acme/ospo-policy');
    assert.match(text, /npm package `@acme\/ospo-policy@2\.3\.0`/);
    assert.match(text, /node_modules\/@acme\/ospo-policy\/org\.json/);
  });

  it('fetches a pinned URL in the background, applies it, and the hover says where it is cached', async () => {
    const target = `${server.origin}/org/policy.json#sha256=${sha256(ORG_POLICY)}`;
    const { root, policyPath, policyText } = project(target);
    const c = await start(root);
    const manifest = path.join(root, 'package.json');
    c.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const found = await c.diagnosticsFor(manifest, (d) => d.some((x) => x.code === 'license-denied'));
    assert.ok(found.some((d) => /gpl-lib/.test(d.message)));
    assert.deepEqual(server.requests, ['/org/policy.json']);

    c.open(policyPath, policyText);
    await c.diagnosticsFor(policyPath, (d) => d.length === 0);
    const text = await hover(c, policyPath, policyText, '/org/policy.json');
    assert.ok(text.includes(`${server.origin}/org/policy.json`), text);
    assert.match(text, new RegExp(`pinned SHA-256 \`${sha256(ORG_POLICY)}\`, verified`));
    assert.ok(text.includes(path.join(cache, 'ospo-guide/policies', `${sha256(ORG_POLICY)}.json`)), text);
  });

  it('reports a hash mismatch as policy-invalid on the extends entry', async () => {
    const pinned = sha256('{}');
    const target = `${server.origin}/org/policy.json#sha256=${pinned}`;
    const { root, policyPath, policyText } = project(target);
    const c = await start(root);
    c.open(policyPath, policyText);
    const found = await c.diagnosticsFor(policyPath, (d) => d.some((x) => /not the pinned/.test(x.message)));
    const mismatch = found.find((d) => /not the pinned/.test(d.message))!;
    assert.equal(mismatch.code, 'policy-invalid');
    assert.match(mismatch.message, new RegExp(`has SHA-256 ${sha256(ORG_POLICY)}, not the pinned ${pinned}`));
    const entry = positionOf(policyText, JSON.stringify(target));
    assert.equal(mismatch.range.start.line, entry.line);
    const lineText = policyText.split('\n')[entry.line];
    assert.equal(mismatch.range.start.character, lineText.indexOf(JSON.stringify(target)));
    assert.equal(mismatch.range.end.character, lineText.indexOf(JSON.stringify(target)) + JSON.stringify(target).length);
  });

  it('fetches nothing in a restricted workspace and says why on the entry', async () => {
    const target = `${server.origin}/org/policy.json#sha256=${sha256(ORG_POLICY)}`;
    const { root, policyPath, policyText } = project(target);
    const c = await start(root, false);
    c.open(policyPath, policyText);
    const found = await c.diagnosticsFor(policyPath, (d) => d.length > 0);
    // Skipped for want of trust, not broken: a warning that says why.
    assert.ok(found.some((d) => d.code === 'policy-not-loaded' && d.severity === 2 && /not fetched or loaded in a restricted workspace/.test(d.message)), JSON.stringify(found));
    assert.deepEqual(server.requests, []);
  });
});
