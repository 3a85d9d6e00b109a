import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchEnv, CLI, describeRuns, median, runAlternately, SERVER } from './support/side-by-side';

/**
 * Time from spawning the language server to its answer to `initialize` for one workspace folder, and the CPU
 * time of the whole process (it is asked to shut down at once after answering).
 */
function serverStart(root: string): Promise<{ wallMs: number; cpuMs: number }> {
  const timeFile = path.join(root, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const timed = fs.existsSync('/usr/bin/time');
    const [command, args] = timed ? ['/usr/bin/time', ['-o', timeFile, '-f', '%U %S', process.execPath, SERVER, '--stdio']] : [process.execPath, [SERVER, '--stdio']];
    const child = spawn(command, args, { env: benchEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    send({
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: `file://${root}`, name: 'bench' }], initializationOptions: { trusted: true } },
    });
    let received = '';
    let wallMs = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (!wallMs && received.includes('"id":1')) {
        wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        send({ id: 2, method: 'shutdown' });
        send({ method: 'exit' });
      }
    });
    child.on('close', () => {
      const [user, sys] = timed ? fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN];
      resolve({ wallMs, cpuMs: (user + sys) * 1000 });
    });
    child.on('error', reject);
  });
}

/** Start-up alone: bare Node beside `ospo-guide --version` and the server's first answer. Target ≤ 80 ms. */
export async function bench(): Promise<void> {
  const rounds = 21;
  const runs = runAlternately(
    [
      { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
      { name: 'ospo-guide --version', command: process.execPath, args: [CLI, '--version'] },
    ],
    rounds,
  );
  for (const [name, r] of runs) console.log(describeRuns(name, r));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-start-'));
  try {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const run = await serverStart(root);
      wall.push(run.wallMs);
      cpu.push(run.cpuMs);
    }
    console.log(`  language server, spawn → initialize answered: median ${(median(wall) / 1000).toFixed(3)} s, CPU of start and shutdown ${(median(cpu) / 1000).toFixed(3)} s (${rounds} runs)`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log('  (timed without NODE_EXTRA_CA_CERTS; target ≤ 0.080 s)');
}
