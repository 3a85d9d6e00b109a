import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, commandWorks, printComparison, runAlternately } from './support/side-by-side';

/**
 * The REUSE-compliant project to compare on: a git directory (bare or not), e.g. a clone of curl/curl, which
 * is REUSE compliant and has some 4,400 files. Only its files are used, through `git archive`; none of its
 * code is part of this repository.
 */
const REPO = process.env.OSPO_BENCH_REUSE_REPO;
const FILES_IN_LARGE_TREE = 100_000;

/** Debian's `reuse`, installed with apt when it is missing (the bench machine's setup step). */
function ensureReuse(): boolean {
  if (commandWorks('reuse')) return true;
  console.log('  installing Debian\'s reuse package…');
  spawnSync('apt-get', ['install', '-y', 'reuse'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return commandWorks('reuse');
}

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}

function sizeMb(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return bytes / (1024 * 1024);
}

/** The project's tree at its HEAD, written out with `git archive`. */
function materialise(repo: string, into: string): void {
  fs.mkdirSync(into, { recursive: true });
  const archive = execFileSync('git', ['--git-dir', gitDir(repo), 'archive', '--format=tar', 'HEAD'], { maxBuffer: 2 * 1024 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', into], { input: archive, maxBuffer: 1024 * 1024 });
}

function gitDir(repo: string): string {
  return fs.existsSync(path.join(repo, '.git')) ? path.join(repo, '.git') : repo;
}

/**
 * `ospo-guide audit` against `reuse lint` on a real REUSE project, and on a tree of 100,000 files made of
 * copies of it (each copy a folder with its own REUSE.toml and LICENSES/, below the original). Targets:
 * ratio ≤ 0.33 on the real project, ≤ 0.125 on 100,000 files.
 */
export async function bench(): Promise<void> {
  if (!REPO || !fs.existsSync(REPO)) {
    console.log('  skipped: set OSPO_BENCH_REUSE_REPO to the git directory of a REUSE-compliant project (e.g. a clone of https://github.com/curl/curl)');
    return;
  }
  if (!ensureReuse()) {
    console.log('  skipped: `reuse` is not installed and could not be installed with apt-get');
    return;
  }
  const reuseVersion = execFileSync('reuse', ['--version'], { encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['--git-dir', gitDir(REPO), 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const origin = spawnSync('git', ['--git-dir', gitDir(REPO), 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).stdout.trim();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-reuse-'));
  try {
    const real = path.join(root, 'project');
    materialise(REPO, real);
    const files = countFiles(real);
    const where = `${origin || REPO} at ${commit.slice(0, 12)}`;
    const pair = (dir: string) => [
      { name: 'ospo-guide audit', command: process.execPath, args: [CLI, 'audit', dir, '--format', 'json', '--fail-on', 'none'] },
      { name: reuseVersion, command: 'reuse', args: ['--root', dir, 'lint'] },
    ];
    const compare = (title: string, dir: string, rounds: number, target: number) => {
      const runs = runAlternately(pair(dir), rounds);
      const [ours, theirs] = [...runs.values()];
      printComparison(title, ours, theirs, [...runs.keys()] as [string, string], target);
    };
    compare(`real REUSE project: ${where}, ${files.toLocaleString('en')} files, ${sizeMb(real).toFixed(0)} MB`, real, 5, 0.33);

    const large = path.join(root, 'large');
    materialise(REPO, large);
    const copies = Math.ceil(FILES_IN_LARGE_TREE / files) - 1;
    for (let copy = 1; copy <= copies; copy++) materialise(REPO, path.join(large, `copy-${String(copy).padStart(2, '0')}`));
    compare(`${countFiles(large).toLocaleString('en')} files (${sizeMb(large).toFixed(0)} MB): the project and copies of it in folders below`, large, 3, 0.125);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
