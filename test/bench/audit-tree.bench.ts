import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

/**
 * A generated tree of `files` files: sources in several languages (most with headers), docs, data, a few npm
 * projects with lock files, and an ignored build folder, spread over nested folders.
 */
export function generateTree(files: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-tree-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'tree', license: 'Apache-2.0', dependencies: { a: '^1.0.0' } }));
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0', license: 'MIT' } } }));
  fs.writeFileSync(path.join(root, '.gitignore'), 'build/\n');
  const kinds = [
    ['ts', (i: number) => `// SPDX-FileCopyrightText: 2024 Acme\n// SPDX-License-Identifier: Apache-2.0\n\nexport const v${i} = ${i};\n`],
    ['py', (i: number) => `# SPDX-License-Identifier: Apache-2.0\n\nVALUE_${i} = ${i}\n`],
    ['go', (i: number) => `// SPDX-License-Identifier: Apache-2.0\n\npackage p\n\nconst V${i} = ${i}\n`],
    ['js', (i: number) => `module.exports = ${i};\n`],
    ['md', (i: number) => `# Doc ${i}\n\nText.\n`],
    ['json', (i: number) => `{"value": ${i}}\n`],
  ] as const;
  let written = 2;
  for (let i = 0; written < files; i++) {
    const dir = path.join(root, `pkg${i % 50}`, `mod${Math.floor(i / 50) % 40}`, `d${Math.floor(i / 2000)}`);
    fs.mkdirSync(dir, { recursive: true });
    const [ext, body] = kinds[i % kinds.length];
    fs.writeFileSync(path.join(dir, `f${i}.${ext}`), body(i));
    written++;
  }
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(root, 'build', `out${i}.js`), 'x\n');
  return root;
}

export async function bench(): Promise<void> {
  // About curl's size (its repository has some 4,000 files), the target size, and a large monorepo.
  for (const size of [4_000, 50_000, 100_000]) {
    const root = generateTree(size);
    const runs: number[] = [];
    let maxRss = 0;
    let findings = 0;
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      const args = [CLI, 'audit', root, '--format', 'json', '--fail-on', 'none'];
      const options = { encoding: 'utf8' as const, maxBuffer: 512 * 1024 * 1024 };
      // GNU time reports the peak RSS; without it the run is timed alone.
      const result = fs.existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], options) : spawnSync(process.execPath, args, options);
      runs.push(Number(process.hrtime.bigint() - started) / 1e6);
      const rss = Number(result.stderr.trim().split('\n').at(-1));
      if (Number.isFinite(rss)) maxRss = Math.max(maxRss, rss);
      findings = JSON.parse(result.stdout).findings.length;
    }
    fs.rmSync(root, { recursive: true, force: true });
    runs.sort((a, b) => a - b);
    console.log(
      `audit of a ${size.toLocaleString('en')}-file generated tree: median ${(runs[1] / 1000).toFixed(2)} s (runs ${runs.map((r) => (r / 1000).toFixed(2)).join(', ')} s), ` +
        `peak RSS ${maxRss ? (maxRss / 1024).toFixed(0) + ' MiB' : 'n/a'}, ${findings} findings`,
    );
  }
}
