/**
 * Drives the built server over stdio and the built CLI with hostile inputs; see README "Fuzzing".
 *
 *   tsx test/fuzz/run-fuzz.ts [--seed N] [--cases N] [--smoke] [--out DIR] [--no-shrink]
 *
 * --smoke: 3,000 small cases within 60 s, for `npm test`; the full run makes 100,000 cases of every size.
 *
 * Each distinct failure (crash, error logged by a handler, hang, slow check) is saved under DIR (default
 * fuzz-failures/) with a shrunk input; the same seed replays the same cases.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_COMMAND_NAMES, SERVER_COMMANDS } from '../../server/src/protocol/ospo-protocol';
import { hostileText, INPUT_KINDS, junkValue, mutate, Random, type InputKind } from './payloads';
import { RawLspServer, type Outcome } from './raw-lsp-server';

const CLI_BUNDLE = process.env.OSPO_CLI_BUNDLE ?? path.resolve(__dirname, '../../dist/cli.js');
const SLOW_MS = 1000;
const HANG_MS = 10000;
/** Lines a handler logs when it caught an exception: each is a bug, even though the server lives on. */
const ERROR_LOG = /failed|Error\b|Maximum call stack|URIError|unhandled rejection|Cannot read prop/;
const COMPANIONS: Readonly<Record<string, string>> = {
  'alive.ts': '// SPDX-FileCopyrightText: 2026 Acme\n// SPDX-License-Identifier: MIT\nexport const x = 1;\n',
  'package.json': INPUT_KINDS[0].sample,
  Gemfile: INPUT_KINDS.find((k) => k.name === 'Gemfile')!.sample,
};
/** The document whose check reads an input file: a lock file's manifest, else a source file (headers, REUSE). */
const CHECKED_WITH: Readonly<Record<string, string>> = { 'package-lock.json': 'package.json', 'Gemfile.lock': 'Gemfile' };
const REQUEST_METHODS = ['textDocument/hover', 'textDocument/codeAction', 'workspace/executeCommand'];
const NOTIFICATION_METHODS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'textDocument/didSave',
  'workspace/didChangeWorkspaceFolders',
  'workspace/didChangeWatchedFiles',
  'workspace/didChangeConfiguration',
  '$/cancelRequest',
  '$/setTrace',
];
// The audit walks the whole workspace: too slow to fire at random.
const COMMANDS = SERVER_COMMAND_NAMES.filter((name) => name !== SERVER_COMMANDS.audit.name);

type Category = 'crash' | 'error' | 'hang' | 'slow' | 'cli-crash' | 'cli-hang';

type FuzzCase =
  | { readonly type: 'text'; readonly kind: InputKind; readonly text: string }
  | { readonly type: 'edits'; readonly kind: InputKind; readonly edits: ReadonlyArray<{ range: Range; text: string }>; readonly text: string }
  | { readonly type: 'params'; readonly method: string; readonly params: unknown; readonly request: boolean }
  /** Bytes that are not a well-formed frame, followed by a well-formed request that must still be answered. */
  | { readonly type: 'frame'; readonly bytes: string };

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface CaseResult {
  readonly failure?: { readonly category: Category; readonly message: string };
  readonly ms: number;
}

export function generate(random: Random, scale: number): FuzzCase {
  const roll = random.int(20);
  if (roll === 2) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1e6 + random.int(1000), method: 'textDocument/hover', params: {} });
    const headers = [
      'Content-Type: application/vscode-jsonrpc\r\n\r\n',
      'Content-Length: abc\r\n\r\n',
      `Content-Length: ${-random.int(100)}\r\n\r\n`,
      'Content-Length: 99999999999999\r\n\r\n',
      'garbage without a colon\r\n\r\n',
      `Content-Length: ${random.int(body.length)}\r\n\r\n`,
      'x'.repeat(random.size(20000)),
      '\r\n\r\n',
      'Content-Len',
    ];
    let bytes = '';
    for (let i = random.size(4); i > 0; i--) bytes += random.pick(headers) + (random.chance(0.5) ? body.slice(0, random.int(body.length + 1)) : '');
    return { type: 'frame', bytes };
  }
  if (roll <= 1) {
    const request = random.chance(0.4);
    const method = request ? random.pick(REQUEST_METHODS) : random.pick(NOTIFICATION_METHODS);
    let params = junkValue(random);
    if (method === 'workspace/executeCommand' && random.chance(0.7)) params = { command: random.pick(COMMANDS), arguments: [junkValue(random)] };
    return { type: 'params', method, params, request };
  }
  const kind = random.pick(INPUT_KINDS);
  if (roll <= 6) {
    // Random mutations sent as incremental edits, as an editor sends keystrokes.
    const document = TextDocument.create('file:///x', kind.languageId, 1, kind.sample);
    let current = document;
    const edits: Array<{ range: Range; text: string }> = [];
    const count = random.size(30);
    for (let i = 0; i < count; i++) {
      const text = current.getText();
      const mutated = mutate(text, kind, random);
      // The edit that turns `text` into `mutated`: the differing middle.
      let start = 0;
      while (start < text.length && start < mutated.length && text[start] === mutated[start]) start++;
      let endOld = text.length;
      let endNew = mutated.length;
      while (endOld > start && endNew > start && text[endOld - 1] === mutated[endNew - 1]) {
        endOld--;
        endNew--;
      }
      const range = { start: current.positionAt(start), end: current.positionAt(endOld) };
      // Now and then a range past the end, as a client out of sync sends.
      if (random.chance(0.05)) range.end = { line: range.end.line + random.int(5), character: range.end.character + random.int(100) };
      const edit = { range, text: mutated.slice(start, endNew) };
      edits.push(edit);
      current = TextDocument.update(current, [edit], current.version + 1);
    }
    return { type: 'edits', kind, edits, text: current.getText() };
  }
  return { type: 'text', kind, text: hostileText(kind, random, scale) };
}

class Session {
  server!: RawLspServer;
  readonly root: string;

  constructor() {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-fuzz-')));
    fs.mkdirSync(path.join(this.root, '.ospo'));
    fs.mkdirSync(path.join(this.root, 'src'));
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(this.root, 'src', `f${i}.ts`), i % 2 ? COMPANIONS['alive.ts'] : 'export const y = 2;\n');
  }

  uri(file: string): string {
    return `file://${path.join(this.root, file)}`;
  }

  async start(): Promise<void> {
    this.server = new RawLspServer();
    await this.server.initialize(this.root, HANG_MS);
    for (const [file, text] of Object.entries(COMPANIONS)) {
      this.server.notify('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId: file.endsWith('.ts') ? 'typescript' : file === 'Gemfile' ? 'ruby' : 'json', version: 1, text } });
    }
  }

  async restart(): Promise<void> {
    this.server.kill();
    await this.start();
  }

  hover(file: string): Promise<Outcome> {
    return this.server.request('textDocument/hover', { textDocument: { uri: this.uri(file) }, position: { line: 0, character: 1 } }, HANG_MS);
  }

  async run(c: FuzzCase): Promise<CaseResult> {
    const server = this.server;
    server.logs.length = 0;
    let outcome: Outcome;
    if (c.type === 'frame') {
      server.writeRaw(c.bytes);
      // A frame may have been cut short: "Content-Length: 5" then nothing. The resync waits for its body, so end
      // it with enough filler for any length the frame may have claimed, then ask.
      server.writeRaw('\r\n\r\n' + ' '.repeat(256) + '\r\n\r\n');
      outcome = await this.hover('alive.ts');
    } else if (c.type === 'params') {
      if (c.request) outcome = await server.request(c.method, c.params, HANG_MS);
      else {
        server.notify(c.method, c.params);
        outcome = await this.hover('alive.ts');
      }
    } else {
      const uri = this.uri(c.kind.file);
      const isCompanion = c.kind.file in COMPANIONS;
      if (isCompanion) server.notify('textDocument/didClose', { textDocument: { uri } });
      if (c.type === 'text') server.notify('textDocument/didOpen', { textDocument: { uri, languageId: c.kind.languageId, version: 1, text: c.text } });
      else {
        server.notify('textDocument/didOpen', { textDocument: { uri, languageId: c.kind.languageId, version: 1, text: c.kind.sample } });
        c.edits.forEach((edit, i) => server.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [edit] }));
      }
      if (c.kind.role === 'input') server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      const target = c.kind.role === 'manifest' ? c.kind.file : (CHECKED_WITH[c.kind.file] ?? 'alive.ts');
      outcome = await this.hover(target);
      server.notify('textDocument/didClose', { textDocument: { uri } });
      if (c.kind.role === 'input') server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
      if (isCompanion) server.notify('textDocument/didOpen', { textDocument: { uri, languageId: c.kind.languageId, version: 1, text: COMPANIONS[c.kind.file] } });
    }
    if (outcome.kind === 'exited') return { ms: outcome.ms, failure: { category: 'crash', message: lastLines(server.stderr) || `exit code ${outcome.code}` } };
    if (outcome.kind === 'timeout') return { ms: outcome.ms, failure: { category: 'hang', message: `no answer within ${HANG_MS} ms` } };
    if (outcome.error && outcome.error.code !== -32602) return { ms: outcome.ms, failure: { category: 'error', message: outcome.error.message } };
    // A quick request after the case flushes what the case queued and proves the server still answers.
    const after = await this.hover('alive.ts');
    if (after.kind === 'exited') return { ms: outcome.ms, failure: { category: 'crash', message: lastLines(server.stderr) || `exit code ${after.code}` } };
    if (after.kind === 'timeout') return { ms: outcome.ms, failure: { category: 'hang', message: `no answer within ${HANG_MS} ms after the case` } };
    const logged = server.logs.find((line) => ERROR_LOG.test(line) && !/^(ignored|rejected|dropped) /.test(line));
    if (logged) return { ms: outcome.ms, failure: { category: 'error', message: logged } };
    const ms = Math.max(outcome.ms, after.ms);
    if (ms > SLOW_MS) return { ms, failure: { category: 'slow', message: `the check took ${ms} ms` } };
    return { ms };
  }

  dispose(): void {
    this.server.kill();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Runs the case's file through `ospo-guide audit` in a workspace of its own. */
function runCli(c: FuzzCase): CaseResult | undefined {
  if (c.type === 'params' || c.type === 'frame') return undefined;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-fuzz-cli-'));
  try {
    for (const [file, text] of Object.entries(COMPANIONS)) fs.writeFileSync(path.join(root, file), text);
    fs.mkdirSync(path.dirname(path.join(root, c.kind.file)), { recursive: true });
    fs.writeFileSync(path.join(root, c.kind.file), c.text);
    const started = Date.now();
    const run = spawnSync(process.execPath, [CLI_BUNDLE, 'audit', root, '--format', 'json'], { encoding: 'utf8', timeout: HANG_MS * 3, maxBuffer: 64 * 1024 * 1024 });
    const ms = Date.now() - started;
    if (run.error || run.signal) return { ms, failure: { category: 'cli-hang', message: `audit did not finish within ${HANG_MS * 3} ms` } };
    if (![0, 1, 2].includes(run.status ?? -1) || /\n\s+at /.test(run.stderr)) return { ms, failure: { category: 'cli-crash', message: lastLines(run.stderr) || `exit code ${run.status}` } };
    return { ms };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(0, 6).join('\n');
}

function failureKey(c: FuzzCase, category: Category, message: string): string {
  const where = c.type === 'params' ? c.method : c.type === 'frame' ? 'frame' : c.kind.name;
  const what = category === 'slow' || category === 'hang' || category === 'cli-hang' ? '' : message.split('\n')[0].replace(/\/[^\s:]+/g, '<path>').replace(/\d+/g, 'N').slice(0, 160);
  return `${category} ${where} ${what}`.trim();
}

/** Removes chunks of the input while the same kind of failure still happens, on a fresh server each time. */
async function shrink(c: FuzzCase & { type: 'text' | 'edits' }, category: Category, budgetMs: number): Promise<string> {
  const reproduces = async (text: string): Promise<boolean> => {
    const trial: FuzzCase = { type: 'text', kind: c.kind, text };
    if (category.startsWith('cli-')) return runCli(trial)?.failure?.category === category;
    const session = new Session();
    try {
      await session.start();
      return (await session.run(trial)).failure?.category === category;
    } finally {
      session.dispose();
    }
  };
  const deadline = Date.now() + budgetMs;
  let text = c.text;
  if (!(await reproduces(text))) return text;
  for (let chunk = Math.floor(text.length / 2); chunk >= 1 && Date.now() < deadline; chunk = Math.floor(chunk / 2)) {
    for (let at = 0; at < text.length && Date.now() < deadline; ) {
      const candidate = text.slice(0, at) + text.slice(at + chunk);
      if (await reproduces(candidate)) text = candidate;
      else at += chunk;
    }
  }
  return text;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, cases: { type: 'string' }, smoke: { type: 'boolean', default: false }, out: { type: 'string' }, 'no-shrink': { type: 'boolean', default: false } },
  });
  const smoke = values.smoke;
  const seed = Number(values.seed ?? (smoke ? 1 : Date.now() % 1e9));
  const total = Number(values.cases ?? (smoke ? 3000 : 100000));
  const out = path.resolve(values.out ?? path.join(__dirname, '../../fuzz-failures'));
  const budgetMs = smoke ? 50000 : Infinity;
  const cliEvery = smoke ? 150 : 100;
  const random = new Random(seed);
  const started = Date.now();
  const failures = new Map<string, { category: Category; message: string; case: number; ms: number; input?: string; c: FuzzCase }>();
  const counts: Record<Category, number> = { crash: 0, error: 0, hang: 0, slow: 0, 'cli-crash': 0, 'cli-hang': 0 };
  let slowest = { ms: 0, case: -1, what: '' };
  let slowestCli = { ms: 0, case: -1, what: '' };
  let done = 0;
  // Ctrl+C or a kill stops after the current case, with the summary of what ran (and nothing left in /tmp).
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const session = new Session();
  await session.start();
  process.stdout.write(`fuzz: seed ${seed}, ${total} cases${smoke ? ' (smoke)' : ''}\n`);
  try {
    for (let i = 0; i < total; i++) {
      if (stopped) {
        process.stdout.write(`fuzz: stopped after ${done} cases\n`);
        break;
      }
      if (Date.now() - started > budgetMs) {
        process.stdout.write(`fuzz: time budget reached after ${done} cases\n`);
        break;
      }
      const c = generate(random, smoke ? 0.02 : 1);
      const what = c.type === 'params' ? c.method : c.type === 'frame' ? `frame (${c.bytes.length} bytes)` : `${c.kind.name} (${c.type}, ${c.text.length} chars)`;
      const results: CaseResult[] = [await session.run(c)];
      if (results[0].failure?.category === 'slow') {
        // The machine may just have been busy: a check is slow only when it is slow twice.
        const again = await session.run(c);
        if (again.ms < results[0].ms) results[0] = again;
      }
      if (i % cliEvery === cliEvery - 1) {
        const cli = runCli(c);
        if (cli) {
          results.push(cli);
          if (cli.ms > slowestCli.ms) slowestCli = { ms: cli.ms, case: i, what };
        }
      }
      done++;
      if (results[0].ms > slowest.ms && !results[0].failure?.category.includes('hang')) slowest = { ms: results[0].ms, case: i, what };
      for (const result of results) {
        if (!result.failure) continue;
        const { category, message } = result.failure;
        counts[category]++;
        const key = failureKey(c, category, message);
        if (!failures.has(key)) {
          failures.set(key, { category, message, case: i, ms: result.ms, c });
          process.stdout.write(`fuzz: case ${i}: ${category}: ${what}: ${message.split('\n')[0]}\n`);
        }
      }
      const last = results[0].failure?.category;
      if (last === 'crash' || last === 'hang' || !session.server.alive || i % 5000 === 4999) await session.restart();
      if (!smoke && i % 1000 === 999) process.stdout.write(`fuzz: ${i + 1} cases, ${failures.size} distinct failures, ${JSON.stringify(counts)}, slowest ${slowest.ms} ms (${slowest.what})\n`);
    }
  } finally {
    session.dispose();
  }
  // Shrink and save each distinct failure.
  if (failures.size) fs.mkdirSync(out, { recursive: true });
  for (const [key, failure] of failures) {
    const id = crypto.createHash('sha1').update(key).digest('hex').slice(0, 10);
    const dir = path.join(out, `${failure.category}-${id}`);
    fs.mkdirSync(dir, { recursive: true });
    const c = failure.c;
    let input: string | undefined;
    if (c.type === 'frame') fs.writeFileSync(path.join(dir, 'frame.bin'), c.bytes);
    if (c.type === 'text' || c.type === 'edits') {
      input = values['no-shrink'] || smoke || stopped ? c.text : await shrink(c, failure.category, 60000);
      fs.writeFileSync(path.join(dir, path.basename(c.kind.file)), input);
      if (c.type === 'edits') fs.writeFileSync(path.join(dir, 'edits.json'), JSON.stringify({ sample: c.kind.sample, edits: c.edits }, null, 1));
    }
    fs.writeFileSync(
      path.join(dir, 'failure.json'),
      JSON.stringify({ key, seed, case: failure.case, category: failure.category, message: failure.message, ms: failure.ms, ...(c.type === 'params' ? { method: c.method, params: c.params } : c.type === 'frame' ? { frameBytes: c.bytes.length } : { kind: c.kind.name, file: c.kind.file, inputChars: input?.length }) }, null, 2),
    );
  }
  const summary = { seed, cases: done, seconds: Math.round((Date.now() - started) / 1000), counts, distinctFailures: failures.size, slowestCheck: slowest, slowestCliAudit: slowestCli };
  if (!smoke || failures.size) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `summary-${seed}.json`), JSON.stringify({ ...summary, failures: [...failures.keys()] }, null, 2));
  }
  process.stdout.write(`fuzz: ${JSON.stringify(summary)}\n`);
  if (failures.size) process.stdout.write(`fuzz: failures saved under ${out}\n`);
  const failed = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stdout.write(`\nfuzz: ${done - failed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) void main();
