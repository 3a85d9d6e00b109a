import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from '../lsp/support/lsp-test-client';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A project with `direct` dependencies and a lock file of `total` packages, like a mid-sized web app. */
export function generateProject(direct: number, total: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-lsp-'));
  const licenses = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'MPL-2.0', '(MIT OR Apache-2.0)', 'GPL-3.0-only'];
  const dependencies: Record<string, string> = {};
  const packages: Record<string, unknown> = { '': {} };
  for (let i = 0; i < total; i++) {
    const deps: Record<string, string> = {};
    for (let k = 1; k <= 3; k++) if (i * 3 + k < total) deps[`pkg-${i * 3 + k}`] = '^1.0.0';
    packages[`node_modules/pkg-${i}`] = { version: `1.${i % 10}.0`, license: licenses[i % licenses.length], dependencies: deps };
    if (i < direct) dependencies[`pkg-${i}`] = '^1.0.0';
  }
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', license: 'MIT', dependencies }, null, 2));
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  return root;
}

/** Time from sending didChange to receiving the diagnostics of that change, over many edits. */
export async function bench(): Promise<void> {
  for (const [direct, total] of [[20, 300], [80, 1500]] as const) {
    const root = generateProject(direct, total);
    const manifest = path.join(root, 'package.json');
    const client = new LspTestClient({ root });
    await client.start();
    const base = fs.readFileSync(manifest, 'utf8');
    client.open(manifest, base);
    await client.diagnosticsFor(manifest);
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      // Type a version digit by digit, as a person edits the file.
      const text = base.replace('"pkg-0": "^1.0.0"', `"pkg-0": "^1.${i}.0"`);
      const waiting = client.nextDiagnostics(manifest);
      const started = process.hrtime.bigint();
      client.change(manifest, text);
      await waiting;
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
    samples.sort((a, b) => a - b);
    console.log(
      `didChange → publishDiagnostics, package.json with ${direct} direct / ${total} locked packages: ` +
        `p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${samples.at(-1)!.toFixed(2)} ms (200 edits; target p95 < 30 ms)`,
    );
  }
}
