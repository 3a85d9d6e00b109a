import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The built server; OSPO_SERVER_BUNDLE points at another build (an older one, to compare). */
export const SERVER_BUNDLE = process.env.OSPO_SERVER_BUNDLE ?? path.resolve(__dirname, '../../dist/server.js');

export type Outcome = { kind: 'answer'; result: unknown; error?: { code: number; message: string }; ms: number } | { kind: 'timeout'; ms: number } | { kind: 'exited'; code: number | null; ms: number };

/**
 * The built server over stdio, spoken to byte by byte: frames may be malformed on purpose, and every request
 * either gets an answer, times out, or finds the process gone.
 */
export class RawLspServer {
  private readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: { code: number; message: string } }) => void>();
  private exitWaiters: Array<() => void> = [];
  exitCode: number | null | undefined;
  stderr = '';
  /** Log messages the server sent (window/logMessage), newest last; kept short. */
  readonly logs: string[] = [];
  /** The latest diagnostics published for each URI. */
  readonly diagnostics = new Map<string, Array<{ code?: unknown; message: string; range: unknown }>>();

  constructor(args: readonly string[] = ['--stdio'], nodeArgs: readonly string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, SERVER_BUNDLE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr!.on('data', (chunk) => {
      this.stderr = (this.stderr + String(chunk)).slice(-20000);
    });
    this.child.stdin!.on('error', () => undefined);
    this.child.on('exit', (code) => {
      this.exitCode = code;
      for (const wake of this.exitWaiters.splice(0)) wake();
    });
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (true) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      const length = match ? Number(match[1]) : 0;
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body) as Record<string, unknown>);
    }
  }

  private onMessage(message: Record<string, unknown>): void {
    if (typeof message.id === 'number' && ('result' in message || 'error' in message) && !('method' in message)) {
      const wake = this.pending.get(message.id);
      this.pending.delete(message.id);
      wake?.(message as { result?: unknown; error?: { code: number; message: string } });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as { uri: string; diagnostics: Array<{ code?: unknown; message: string; range: unknown }> };
      this.diagnostics.set(params.uri, params.diagnostics);
    }
    if (message.method === 'window/logMessage') {
      const text = String((message.params as { message?: unknown })?.message ?? '');
      this.logs.push(text.slice(0, 2000));
      if (this.logs.length > 50) this.logs.shift();
    }
    // Requests from the server: answer as a plain editor would.
    if ('id' in message && typeof message.method === 'string') {
      let result: unknown = null;
      if (message.method === 'workspace/configuration') result = ((message.params as { items?: unknown[] })?.items ?? []).map(() => ({}));
      if (message.method === 'workspace/applyEdit') result = { applied: false, failureReason: 'not applied by the fuzzer' };
      this.writeMessage({ jsonrpc: '2.0', id: message.id, result });
    }
  }

  /** Writes bytes as they are: for malformed frames. */
  writeRaw(bytes: string | Buffer): void {
    if (this.alive) this.child.stdin!.write(bytes);
  }

  writeMessage(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params?: unknown): void {
    this.writeMessage(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
  }

  request(method: string, params: unknown, timeoutMs: number): Promise<Outcome> {
    const id = this.nextId++;
    const started = Date.now();
    return new Promise<Outcome>((resolve) => {
      if (!this.alive) return resolve({ kind: 'exited', code: this.exitCode ?? null, ms: 0 });
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ kind: 'timeout', ms: Date.now() - started });
      }, timeoutMs);
      const onExit = (): void => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve({ kind: 'exited', code: this.exitCode ?? null, ms: Date.now() - started });
      };
      this.exitWaiters.push(onExit);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        this.exitWaiters = this.exitWaiters.filter((w) => w !== onExit);
        resolve({ kind: 'answer', result: message.result, ...(message.error ? { error: message.error } : {}), ms: Date.now() - started });
      });
      this.writeMessage(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
    });
  }

  /** A standard handshake for a folder. */
  async initialize(root: string, timeoutMs = 10000): Promise<Outcome> {
    const uri = `file://${root}`;
    const answer = await this.request(
      'initialize',
      { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'w' }], capabilities: { workspace: { workspaceFolders: true, configuration: true } }, initializationOptions: { trusted: true } },
      timeoutMs,
    );
    this.notify('initialized', {});
    return answer;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      await this.request('shutdown', undefined, 1000);
      this.notify('exit');
      await Promise.race([new Promise<void>((r) => this.exitWaiters.push(r)), new Promise((r) => setTimeout(r, 500))]);
    }
    this.kill();
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
    this.child.stdin!.destroy();
    this.child.stdout!.destroy();
    this.child.stderr!.destroy();
  }
}
