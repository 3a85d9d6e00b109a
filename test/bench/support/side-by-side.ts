import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The bundles under test: `dist/` of this checkout, or another build's (to measure a before/after pair). */
export const DIST = path.resolve(process.env.OSPO_BENCH_DIST ?? path.join(__dirname, '../../../dist'));
export const CLI = path.join(DIST, 'cli.js');
export const SERVER = path.join(DIST, 'server.js');

/**
 * The environment processes are timed in: without NODE_EXTRA_CA_CERTS, which makes Node load a CA bundle
 * before any of our code runs (tens of milliseconds that measure the machine, not the tool).
 */
export function benchEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

export interface Contender {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
}

export interface Runs {
  readonly wallMs: number[];
  readonly cpuMs: number[];
  readonly rssKb: number[];
  /** The exit status and the output's size of the last run, to show that it did the work. */
  lastStatus: number | null;
  lastOutputBytes: number;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs each contender once per round, in turn, so that a machine that gets busier or quieter affects all of
 * them alike. Wall time is measured here; CPU time and peak RSS come from GNU time when it is installed.
 */
export function runAlternately(contenders: readonly Contender[], rounds: number): Map<string, Runs> {
  const runs = new Map<string, Runs>(contenders.map((c) => [c.name, { wallMs: [], cpuMs: [], rssKb: [], lastStatus: null, lastOutputBytes: 0 }]));
  const timeFile = path.join(os.tmpdir(), `ospo-bench-time-${process.pid}`);
  const haveTime = fs.existsSync(GNU_TIME);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const c of contenders) {
        const [command, args] = haveTime ? [GNU_TIME, ['-o', timeFile, '-f', '%U %S %M', c.command, ...c.args]] : [c.command, [...c.args]];
        const started = process.hrtime.bigint();
        const result = spawnSync(command, args, { cwd: c.cwd, env: benchEnv(), maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
        const wall = Number(process.hrtime.bigint() - started) / 1e6;
        const entry = runs.get(c.name)!;
        entry.wallMs.push(wall);
        entry.lastStatus = result.status;
        entry.lastOutputBytes = result.stdout?.length ?? 0;
        if (haveTime) {
          const [user, sys, rss] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
          entry.cpuMs.push((user + sys) * 1000);
          entry.rssKb.push(rss);
        }
      }
    }
  } finally {
    fs.rmSync(timeFile, { force: true });
  }
  return runs;
}

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function describeRuns(name: string, r: Runs): string {
  const cpu = r.cpuMs.length ? `, CPU ${(median(r.cpuMs) / 1000).toFixed(3)} s` : '';
  const rss = r.rssKb.length ? `, peak RSS ${(Math.max(...r.rssKb) / 1024).toFixed(0)} MiB` : '';
  return `  ${name}: median ${(median(r.wallMs) / 1000).toFixed(3)} s${cpu}${rss} (${r.wallMs.length} runs, exit ${r.lastStatus})`;
}

/** Prints each contender and the ratio of ours to theirs, against a target. */
export function printComparison(title: string, ours: Runs, theirs: Runs, names: readonly [string, string], target: number): void {
  const wall = median(ours.wallMs) / median(theirs.wallMs);
  const cpu = ours.cpuMs.length && theirs.cpuMs.length ? median(ours.cpuMs) / median(theirs.cpuMs) : NaN;
  console.log(title);
  console.log(describeRuns(names[0], ours));
  console.log(describeRuns(names[1], theirs));
  console.log(`  ratio (wall) ${wall.toFixed(3)} ${wall <= target ? '≤' : '>'} target ${target}${Number.isNaN(cpu) ? '' : `; ratio (CPU) ${cpu.toFixed(3)}`}`);
}

/** Whether a command runs at all (`--version` exits 0). */
export function commandWorks(command: string, args: readonly string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}
