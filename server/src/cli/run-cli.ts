import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../audit/run-audit';
import { SEVERITY_RANK, type Severity } from '../findings/finding';
import { CachingFileSource } from '../io/file-source';
import { writeFileAtomic } from '../io/atomic-write';
import { toJsonReport } from '../report/json-report';
import { toSarif } from '../report/sarif-report';
import { toTextReport } from '../report/text-report';
import { WorkspaceEngine } from '../workspace/workspace-engine';
import { TOOL_VERSION } from '../tool-version';
import { createOnlineLicenseOverlay } from '../licenses/online-license-overlay';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

const USAGE = `Usage: ospo-guide audit [DIR] [--policy FILE] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|none] [--online]

Checks every dependency manifest and every header-selected source file under DIR (default: .)
against the OSPO policy (.ospo/policy.json, or the embedded default when there is none).

--online looks up licenses that nothing on this machine states on deps.dev (never for packages the
policy lists in packages.private); answers are cached under ~/.cache/ospo-guide.

Exit status: 0 nothing reached --fail-on (default: error), 1 something did, 2 usage or policy error.
`;

/** Exit codes are part of the CI contract. */
const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  if (command !== 'audit') return usageError(io, `unknown command "${command}"`);
  return runAuditCommand(rest, io);
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`ospo-guide: ${message}\n${USAGE}`);
  return EXIT.usage;
}

async function runAuditCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        online: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return usageError(io, `expected at most one folder, got ${positionals.length}`);
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) return usageError(io, `--format must be text, json or sarif, not "${format}"`);
  const failOn = values['fail-on']!;
  if (!['error', 'warning', 'none'].includes(failOn)) return usageError(io, `--fail-on must be error, warning or none, not "${failOn}"`);

  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.stderr.write(`ospo-guide: ${root} is not a folder\n`);
    return EXIT.usage;
  }
  let policyForOnline: WorkspaceEngine | undefined;
  const online = values.online ? createOnlineLicenseOverlay(() => policyForOnline!.policy.packages, process.env) : undefined;
  const engine = new WorkspaceEngine({
    root,
    files: new CachingFileSource(),
    trusted: true,
    ...(values.policy !== undefined ? { policyFile: path.resolve(io.cwd, values.policy) } : {}),
    ...(online ? { online } : {}),
  });
  policyForOnline = engine;
  const load = engine.policyLoad;
  if (load.kind === 'missing') {
    io.stderr.write(`ospo-guide: policy file not found: ${load.path}\n`);
    return EXIT.usage;
  }
  if (load.kind === 'invalid') {
    const first = load.problems[0];
    const where = path.relative(io.cwd, first.path) || first.path;
    const more = load.problems.length > 1 ? ` (and ${load.problems.length - 1} more problem(s))` : '';
    io.stderr.write(`ospo-guide: invalid policy: ${where}: ${first.message}${more}\n`);
    return EXIT.usage;
  }

  let result = await runAudit(engine);
  if (online) {
    // The first pass asked for what is missing; the second uses the answers.
    await online.settled();
    result = await runAudit(engine);
  }
  const output =
    format === 'sarif' ? JSON.stringify(toSarif(result, TOOL_VERSION), null, 2) + '\n' : format === 'json' ? JSON.stringify(toJsonReport(result), null, 2) + '\n' : toTextReport(result);
  if (values.output !== undefined) {
    try {
      writeFileAtomic(path.resolve(io.cwd, values.output), output);
    } catch (error) {
      io.stderr.write(`ospo-guide: cannot write ${values.output}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    if (format !== 'text') io.stdout.write(toTextReport(result).split('\n').slice(-3).join('\n'));
    else io.stdout.write(`Report written to ${values.output}\n`);
  } else {
    io.stdout.write(output);
  }
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}
