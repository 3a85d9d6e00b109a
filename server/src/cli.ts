#!/usr/bin/env node
import { runCli } from './cli/run-cli';
import { errorDetail } from './text/unknown-error';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`ospo-guide: internal error: ${errorDetail(error)}\n`);
    process.exitCode = 2;
  },
);
