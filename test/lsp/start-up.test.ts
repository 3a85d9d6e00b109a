import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_COMMAND_NAMES } from '../../server/src/protocol/ospo-protocol';

const DIST = path.resolve(__dirname, '../../dist');

/** Spawns `server.js --stdio` from `dir`, sends `initialize` and resolves with its answer; then shuts it down. */
function initializeAnswer(dir: string, root: string): Promise<{ result?: { capabilities?: Record<string, unknown>; serverInfo?: { name?: string } }; error?: unknown; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, OSPO_GUIDE_CODE_CACHE: 'off' } });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let stdout = Buffer.alloc(0);
    let stderr = '';
    let answer: { result?: never; error?: unknown } | undefined;
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = Buffer.concat([stdout, chunk]);
      const headerEnd = stdout.indexOf('\r\n\r\n');
      const length = Number(/Content-Length: (\d+)/i.exec(stdout.subarray(0, Math.max(headerEnd, 0)).toString('ascii'))?.[1] ?? -1);
      if (answer || headerEnd < 0 || length < 0 || stdout.length < headerEnd + 4 + length) return;
      answer = JSON.parse(stdout.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as { result?: never; error?: unknown };
      send({ id: 2, method: 'shutdown' });
      send({ method: 'exit' });
    });
    child.on('error', reject);
    child.on('close', () => (answer ? resolve({ ...answer, stderr }) : reject(new Error(`no answer to initialize; stderr:\n${stderr}`))));
    send({
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: `file://${root}`, name: 'start-up' }], initializationOptions: { trusted: true } },
    });
  });
}

/** The modules of the project's own source a bundle holds (esbuild heads each with its path). */
function projectModules(bundle: string): string[] {
  return [...fs.readFileSync(path.join(DIST, bundle), 'utf8').matchAll(/^\/\/ (server\/src\/[^\n]+\.ts)$/gm)].map((m) => m[1]!);
}

describe('language server start-up', function () {
  this.timeout(20000);
  let scratch: string;

  before(() => {
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-start-up-')));
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('answers initialize with every capability from the main bundle alone, without the engine bundle', async () => {
    const dir = path.join(scratch, 'dist');
    fs.mkdirSync(dir);
    for (const name of ['server.js', 'server-main.js']) fs.copyFileSync(path.join(DIST, name), path.join(dir, name));
    const answer = await initializeAnswer(dir, scratch);
    assert.equal(answer.error, undefined, answer.stderr);
    const capabilities = answer.result?.capabilities ?? {};
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.inlayHintProvider, true);
    assert.deepEqual((capabilities.executeCommandProvider as { commands: string[] }).commands, [...SERVER_COMMAND_NAMES]);
    assert.equal(answer.result?.serverInfo?.name, 'OSPO Guide');
  });

  it('keeps policies, ecosystems, licenses and headers out of the bundle that answers initialize', () => {
    const main = projectModules('server-main.js');
    const engineLayers = /^server\/src\/(policy|findings|approvals|licenses|headers|reuse|ecosystems|dependencies|workspace|audit|report|inventory|notices|sbom|spdx)\//;
    assert.deepEqual(main.filter((m) => engineLayers.test(m)), []);
    assert.ok(projectModules('server-engine.js').includes('server/src/workspace/workspace-engine.ts'));
  });

  it('shares the connection library with the engine instead of bundling a second copy', () => {
    const engine = fs.readFileSync(path.join(DIST, 'server-engine.js'), 'utf8');
    assert.doesNotMatch(engine, /^\/\/ node_modules\/vscode-(jsonrpc|languageserver|languageserver-protocol)\//m);
  });
});
