import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, printComparison, runAlternately } from './support/side-by-side';

/** A real web project's dependencies: a few popular packages and everything they bring (about 300 locked). */
const PROJECT = {
  name: 'bench-app',
  version: '1.0.0',
  private: true,
  license: 'MIT',
  dependencies: { express: '^4.21.0', eslint: '^9.0.0', mocha: '^10.0.0', axios: '^1.7.0', lodash: '^4.17.21', yargs: '^17.7.0', webpack: '^5.90.0' },
};

function npmInstall(dir: string, args: readonly string[]): void {
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...args], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm install failed in ${dir}`);
}

/**
 * `ospo-guide audit` against license-checker-rseidelsohn on a project installed from the npm registry, both
 * reading the same node_modules. Target: ratio ≤ 0.1.
 */
export async function bench(): Promise<void> {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-npm-'));
  const tool = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-lc-'));
  try {
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify(PROJECT, null, 2));
    npmInstall(project, []);
    fs.writeFileSync(path.join(tool, 'package.json'), JSON.stringify({ name: 'bench-tool', private: true }));
    npmInstall(tool, ['license-checker-rseidelsohn']);
    const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const checker = path.join(tool, 'node_modules/license-checker-rseidelsohn/bin/license-checker-rseidelsohn');
    const version = (JSON.parse(fs.readFileSync(path.join(tool, 'node_modules/license-checker-rseidelsohn/package.json'), 'utf8')) as { version: string }).version;
    const runs = runAlternately(
      [
        { name: 'ospo-guide audit', command: process.execPath, args: [CLI, 'audit', project, '--format', 'json', '--fail-on', 'none'] },
        { name: `license-checker-rseidelsohn ${version}`, command: process.execPath, args: [checker, '--start', project, '--json'] },
      ],
      7,
    );
    const [ours, theirs] = [...runs.values()];
    printComparison(
      `npm project installed from the registry (${Object.keys(PROJECT.dependencies).join(', ')}; ${Object.keys(lock.packages).length - 1} locked packages)`,
      ours,
      theirs,
      [...runs.keys()] as [string, string],
      0.1,
    );
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
    fs.rmSync(tool, { recursive: true, force: true });
  }
}
