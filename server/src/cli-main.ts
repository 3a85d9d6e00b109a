import { descriptorOutput } from './cli/descriptor-output';
import { runCli } from './cli/run-cli';
import { errorDetail } from './text/unknown-error';

/** The CLI proper, loaded by `cli.ts` for every command but `--version`. */
export function main(argv: readonly string[]): void {
  const stdout = descriptorOutput(1);
  const stderr = descriptorOutput(2);
  runCli(argv, { stdout, stderr, cwd: process.cwd() }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      stderr.write(`ospo-guide: internal error: ${errorDetail(error)}\n`);
      process.exitCode = 2;
    },
  );
}
