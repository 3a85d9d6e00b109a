import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RawLspServer, type Outcome } from '../fuzz/raw-lsp-server';

/** The built server keeps serving whatever a client sends: malformed params, broken frames, hostile files. */
describe('hostile input over stdio', function () {
  this.timeout(30000);
  let root: string;
  let server: RawLspServer;
  const uri = (name: string) => `file://${path.join(root, name)}`;
  const hover = (name: string, timeoutMs = 5000) => server.request('textDocument/hover', { textDocument: { uri: uri(name) }, position: { line: 0, character: 1 } }, timeoutMs);
  const open = (name: string, text: string, languageId = 'plaintext') =>
    server.notify('textDocument/didOpen', { textDocument: { uri: uri(name), languageId, version: 1, text } });

  /** The server still answers, after what came before. */
  async function assertServing(): Promise<void> {
    const answer = await hover('alive.ts');
    assert.equal(answer.kind, 'answer', `no answer after the hostile input: ${JSON.stringify(answer)}\n${server.stderr}`);
  }

  beforeEach(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-hostile-')));
    fs.mkdirSync(path.join(root, '.ospo'));
    server = new RawLspServer();
    const init = await server.initialize(root);
    assert.equal(init.kind, 'answer');
    open('alive.ts', '// SPDX-License-Identifier: MIT\n', 'typescript');
  });

  afterEach(async () => {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('ignores workspace/didChangeWorkspaceFolders with a null event instead of dying', async () => {
    server.notify('workspace/didChangeWorkspaceFolders', { event: null });
    server.notify('workspace/didChangeWorkspaceFolders');
    await assertServing();
    assert.equal(server.alive, true);
  });

  it('ignores malformed document notifications', async () => {
    server.notify('textDocument/didOpen', { textDocument: { uri: uri('a.ts'), languageId: 'typescript', version: 1, text: 42 } });
    server.notify('textDocument/didChange');
    server.notify('textDocument/didChange', { textDocument: { uri: uri('alive.ts'), version: 2 }, contentChanges: [{ range: { start: { line: 'x' } }, text: '' }] });
    server.notify('textDocument/didClose', { textDocument: null });
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 7 }] });
    await assertServing();
    assert.ok(server.logs.some((line) => /ignored textDocument\/didOpen: params\.textDocument\.text must be a string/.test(line)), server.logs.join('\n'));
  });

  it('answers InvalidParams to requests with malformed params', async () => {
    const expectInvalid = (answer: Outcome, pattern: RegExp) => {
      assert.equal(answer.kind, 'answer');
      assert.equal(answer.kind === 'answer' && answer.error?.code, -32602, JSON.stringify(answer));
      assert.match(answer.kind === 'answer' ? answer.error!.message : '', pattern);
    };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expectInvalid(await server.request('textDocument/codeAction', { textDocument: { uri: uri('alive.ts') }, range }, 5000), /params\.context must be an object/);
    expectInvalid(await server.request('textDocument/hover', { textDocument: { uri: uri('alive.ts') } }, 5000), /params\.position must be an object/);
    expectInvalid(await server.request('textDocument/hover', null, 5000), /params must be an object/);
    expectInvalid(await server.request('workspace/executeCommand', { command: 5 }, 5000), /params\.command must be a string/);
    await assertServing();
  });

  it('answers InvalidParams to an initialize without capabilities, and can then be initialized', async () => {
    const fresh = new RawLspServer();
    try {
      const answer = await fresh.request('initialize', { processId: null, rootUri: null }, 5000);
      assert.equal(answer.kind === 'answer' && answer.error?.code, -32602, JSON.stringify(answer));
      assert.equal((await fresh.initialize(root)).kind, 'answer');
    } finally {
      await fresh.stop();
    }
  });

  for (const [name, header] of [
    ['without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
    ['with a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n'],
  ]) {
    it(`skips a frame ${name} and keeps serving`, async () => {
      server.writeRaw(header + JSON.stringify({ jsonrpc: '2.0', id: 999, method: 'textDocument/hover', params: {} }));
      await assertServing();
      assert.ok(server.logs.some((line) => /dropped a malformed message frame/.test(line)), server.logs.join('\n'));
    });
  }

  it('reports a policy glob expanding to 2^30 patterns as policy-invalid, and keeps answering', async () => {
    open('.ospo/policy.json', JSON.stringify({ headers: { include: ['{a,b}'.repeat(30)] } }), 'jsonc');
    const started = Date.now();
    await assertServing();
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    const deadline = Date.now() + 5000;
    while (!server.diagnostics.get(uri('.ospo/policy.json'))?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const shown = server.diagnostics.get(uri('.ospo/policy.json')) ?? [];
    assert.equal(shown[0]?.code, 'policy-invalid');
    assert.match(shown[0].message, /headers\.include: the glob .* expands to more than 256 patterns/);
  });

  it('shows a 10,000-deep package.json as one finding, and a lone surrogate in composer.json does not break the check', async () => {
    open('package.json', `{"dependencies": ${'['.repeat(10000)}${']'.repeat(10000)}}`, 'json');
    open('composer.json', '{"require": {"a/\\ud800b": "^1.0"}}', 'json');
    assert.equal((await hover('composer.json')).kind, 'answer');
    await assertServing();
    const deadline = Date.now() + 5000;
    while (!server.diagnostics.get(uri('package.json'))?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(server.diagnostics.get(uri('package.json'))?.[0]?.message ?? '', /nested deeper than 256 levels/);
    assert.ok(!server.logs.some((line) => /failed|URIError|Maximum call stack/.test(line)), server.logs.join('\n'));
  });
});
