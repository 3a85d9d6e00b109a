import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** The built CLI, as `npm run test:cli` builds it. */
export const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** Runs the built CLI in `cwd` and returns its exit status and output. */
export const runCli = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
