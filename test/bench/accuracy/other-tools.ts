import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_CACHE } from './workspace-views';

/** What another license tool reports for a project: its license text for each `name@version`, and its run time. */
export interface OtherToolReport {
  readonly tool: string;
  readonly licenses: ReadonlyMap<string, string>;
  readonly seconds: number;
}

function timed<T>(run: () => T): { value: T; seconds: number } {
  const started = process.hrtime.bigint();
  const value = run();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** license-checker-rseidelsohn (from npm, installed by setup.sh) on the npm project. */
export function licenseChecker(projectRoot: string): OtherToolReport | string {
  const bin = path.join(BENCH_CACHE, 'tools', 'node_modules', '.bin', 'license-checker-rseidelsohn');
  if (!fs.existsSync(bin)) return 'license-checker-rseidelsohn is not installed (setup.sh installs it)';
  const { value, seconds } = timed(() => execFileSync(bin, ['--json', '--start', projectRoot], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
  const licenses = new Map<string, string>();
  for (const [key, info] of Object.entries(JSON.parse(value) as Record<string, { licenses?: string | string[] }>)) {
    // Several strings are alternatives the package offers.
    if (info.licenses !== undefined) licenses.set(key, Array.isArray(info.licenses) ? info.licenses.join(' OR ') : info.licenses);
  }
  return { tool: 'license-checker-rseidelsohn', licenses, seconds };
}

/**
 * LicenseFinder (Debian's ruby-license-finder) on a copy of the RubyGems project, locked with `bundle lock
 * --local` against the installed gems as it requires. Its names are its own vocabulary; each is translated
 * with the SPDX id LicenseFinder itself declares for it, so what is scored is LicenseFinder's reading.
 */
export function licenseFinder(gemfile: string, workDir: string): OtherToolReport | string {
  if (!onPath('license_finder') || !onPath('bundle')) return 'license_finder is not installed (setup.sh installs ruby-license-finder)';
  const dir = path.join(workDir, 'gem-license-finder');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(gemfile, path.join(dir, 'Gemfile'));
  // The system Ruby's own gem path: bundler needs its default gems (rexml and the like) to resolve.
  const env = { ...process.env };
  delete env.GEM_PATH;
  delete env.GEM_HOME;
  try {
    execFileSync('bundle', ['lock', '--local'], { cwd: dir, env, stdio: 'ignore' });
  } catch {
    return 'bundle lock --local failed on the installed gems';
  }
  const names = new Map<string, string>();
  const table = execFileSync('ruby', ['-e', 'require "license_finder"; LicenseFinder::License.all.each { |l| puts [l.name, l.standard_id].join("\\t") }'], { encoding: 'utf8', env });
  for (const line of table.split('\n')) {
    const [name, id] = line.split('\t');
    if (name && id) names.set(name, id);
  }
  const { value, seconds } = timed(() => execFileSync('license_finder', ['report', '--format', 'json', '--quiet'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  const licenses = new Map<string, string>();
  for (const dep of (JSON.parse(value) as { dependencies: Array<{ name: string; version: string; licenses: string[] }> }).dependencies) {
    // LicenseFinder approves a package when any of its licenses is permitted: the list is a choice.
    licenses.set(`${dep.name}@${dep.version}`, dep.licenses.map((l) => names.get(l) ?? l).join(' OR '));
  }
  return { tool: 'LicenseFinder', licenses, seconds };
}
