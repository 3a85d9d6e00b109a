import { runCli } from './cli/run-cli';
import { errorDetail } from './text/unknown-error';

/** The CLI proper, loaded by `cli.ts` for every command but `--version`. */
export function main(argv: readonly string[]): void {
  runCli(argv, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`ospo-guide: internal error: ${errorDetail(error)}\n`);
      process.exitCode = 2;
    },
  );
}
