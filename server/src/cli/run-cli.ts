import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../audit/run-audit';
import { SEVERITY_RANK, type Severity } from '../findings/finding';
import { CachingFileSource } from '../io/file-source';
import { writeFileAtomic } from '../io/atomic-write';
import { toJsonReport, type JsonReportContext } from '../report/json-report';
import { summarizeApprovals } from '../approvals/approval-summary';
import { isoDate } from '../approvals/find-approval';
import { repositoryIdentity } from '../audit/repository-identity';
import { applyBaselineFile } from './audit-baseline';
import { INVENTORY_HELP, INVENTORY_SYNOPSIS, runInventoryCommand } from './inventory-command';
import { toSarif } from '../report/sarif-report';
import { toTextReport } from '../report/text-report';
import { WorkspaceEngine, type WorkspaceEngineOptions } from '../workspace/workspace-engine';
import { applyHeaderFixes } from '../audit/apply-header-fixes';
import { TOOL_VERSION } from '../tool-version';
import { createOnlineLicenseOverlay } from '../licenses/online-license-overlay';
import { createHttpsPolicyFetcher } from '../policy/fetch-policy-url';
import { defaultPolicyCacheDir, RemotePolicyStore } from '../policy/remote-policy-store';
import { isSbomFormat } from '../sbom/sbom-format';
import { NOTICES_USAGE, runNoticesCommand } from './notices-command';
import type { CliIo } from './cli-io';

export type { CliIo } from './cli-io';

const USAGE = `Usage: ospo-guide audit [DIR] [--policy FILE] [--format text|json|sarif|cyclonedx|spdx] [--output FILE] [--fail-on error|warning|none]
                        [--allow-pending] [--online] [--baseline FILE] [--repository NAME] [--jobs N]
       ospo-guide headers fix [DIR] [--policy FILE] [--dry-run]
       ${NOTICES_USAGE.synopsis}
       ${INVENTORY_SYNOPSIS}

Checks every dependency manifest and every header-selected source file under DIR (default: .)
against the OSPO policy (.ospo/policy.json, or the embedded default when there is none).

A pending approval request changes no finding's severity: a denied license with a request is still an error
and fails the audit. --allow-pending lets findings whose approval is only requested pass the exit status (they
are still reported). Approvals that do not count (no valid reviewer, self-approved, expired) are reported on
the approvals log as approval-invalid and approval-expired.

--baseline FILE reports, and fails on, only findings that FILE (an earlier --format json or sarif output) does
not have; findings are matched by rule, file and package, not by line. --repository names the repository in
the JSON report (default: $GITHUB_REPOSITORY, the git remote "origin", or the folder name).
--jobs sets how many threads check files, this one included (default: one per available core; 1 checks on the main thread).
The report is the same whatever the number.

--online looks up licenses that nothing on this machine states on deps.dev (never for packages the
policy lists in packages.private); answers are cached under ~/.cache/ospo-guide.

headers fix inserts or corrects license headers in every selected file, as the editor's quick fixes do, and
creates .license files for files that cannot hold comments. Writes are atomic and keep each file's encoding,
BOM and line endings; --dry-run only lists what would change.

--format cyclonedx writes a CycloneDX 1.6 SBOM and --format spdx an SPDX 2.3 SBOM (both JSON) of every resolved
package: purl, version, scope (runtime or dev), license, where the license came from, and the dependency graph.
SOURCE_DATE_EPOCH fixes their timestamp and serial number, for reproducible output.

${NOTICES_USAGE.description}

${INVENTORY_HELP}
Exit status: audit: 0 nothing reached --fail-on (default: error), 1 something did; headers fix: 0 all
fixed, 1 some files could not be fixed; notices: 0 written, 1 written but some shipped package has an
unknown license; inventory: 0 written; all: 2 usage or policy error.
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
  if (command === 'audit') return runAuditCommand(rest, io);
  if (command === 'inventory') return runInventoryCommand(rest, io);
  if (command === 'headers' && rest[0] === 'fix') return runHeadersFixCommand(rest.slice(1), io);
  if (command === 'headers') return usageError(io, 'expected "headers fix"');
  if (command === 'notices') return runNoticesCommand(rest, io, { openWorkspace, usageError });
  return usageError(io, `unknown command "${command}"`);
}

/**
 * The folder argument and a loaded engine, or an exit code after saying what is wrong. Pinned policy URLs the
 * policy names are fetched (or read from the cache) before the policy is judged.
 */
async function openWorkspace(positionals: readonly string[], policy: string | undefined, io: CliIo, extra: Partial<WorkspaceEngineOptions> = {}): Promise<WorkspaceEngine | number> {
  if (positionals.length > 1) return usageError(io, `expected at most one folder, got ${positionals.length}`);
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.stderr.write(`ospo-guide: ${root} is not a folder\n`);
    return EXIT.usage;
  }
  const engine = new WorkspaceEngine({
    root,
    files: new CachingFileSource(),
    trusted: true,
    ...(policy !== undefined ? { policyFile: path.resolve(io.cwd, policy) } : {}),
    remotePolicies: new RemotePolicyStore(defaultPolicyCacheDir(process.env), createHttpsPolicyFetcher()),
    ...extra,
  });
  await engine.fetchRemotePolicies();
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
  return engine;
}

async function runHeadersFixCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { policy: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const engine = await openWorkspace(parsed.positionals, parsed.values.policy, io);
  if (typeof engine === 'number') return engine;
  const dryRun = parsed.values['dry-run'] === true;
  const summary = applyHeaderFixes(engine, { dryRun });
  const verb = dryRun ? 'would fix' : 'fixed';
  for (const file of summary.changed) io.stdout.write(`${verb} ${file}\n`);
  for (const file of summary.created) io.stdout.write(`${dryRun ? 'would create' : 'created'} ${file}\n`);
  for (const { relativePath, reason } of summary.failed) io.stdout.write(`could not fix ${relativePath}: ${reason}\n`);
  io.stdout.write(
    `${summary.changed.length} file(s) ${verb}, ${summary.created.length} .license file(s) ${dryRun ? 'to create' : 'created'}, ${summary.failed.length} could not be fixed.\n`,
  );
  return summary.failed.length ? EXIT.findings : EXIT.ok;
}

/** What a JSON report says besides the findings, so that `inventory` can merge reports of many repositories. */
function jsonReportContext(engine: WorkspaceEngine, repository: string | undefined): JsonReportContext {
  const date = isoDate(new Date());
  return {
    toolVersion: TOOL_VERSION,
    repository: repositoryIdentity(engine.root, process.env, repository),
    date,
    approvals: summarizeApprovals(engine.approvals.entries, engine.policy.approvals, date),
  };
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
        'allow-pending': { type: 'boolean', default: false },
        baseline: { type: 'string' },
        repository: { type: 'string' },
        jobs: { type: 'string' },
      },
    });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (!['text', 'json', 'sarif'].includes(format) && !isSbomFormat(format)) return usageError(io, `--format must be text, json, sarif, cyclonedx or spdx, not "${format}"`);
  const failOn = values['fail-on'];
  if (!['error', 'warning', 'none'].includes(failOn)) return usageError(io, `--fail-on must be error, warning or none, not "${failOn}"`);

  const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return usageError(io, `--jobs must be a whole number of at least 1, not "${values.jobs}"`);

  // The overlay asks the engine's policy which packages are private; the engine is made after it.
  const created: { engine?: WorkspaceEngine } = {};
  const online = values.online ? createOnlineLicenseOverlay(() => created.engine!.policy.packages, process.env) : undefined;
  const engine = await openWorkspace(positionals, values.policy, io, online ? { online } : {});
  if (typeof engine === 'number') return engine;
  created.engine = engine;

  let result = await runAudit(engine, { jobs });
  if (online) {
    // The first pass asked for what is missing; the second uses the answers.
    await online.settled();
    result = await runAudit(engine, { jobs });
  }
  if (values.baseline !== undefined) {
    const filtered = applyBaselineFile(result, values.baseline, io.cwd);
    if ('error' in filtered) {
      io.stderr.write(`ospo-guide: ${filtered.error}\n`);
      return EXIT.usage;
    }
    result = filtered.result;
    io.stderr.write(filtered.summary);
  }
  const output = isSbomFormat(format)
    ? // Loaded on use: the CycloneDX library is not needed by any other command.
      (await import('../sbom/render-sbom')).renderSbom(format, [result], { toolVersion: TOOL_VERSION, env: process.env })
    : format === 'sarif'
      ? JSON.stringify(toSarif(result, TOOL_VERSION), null, 2) + '\n'
      : format === 'json'
        ? JSON.stringify(toJsonReport(result, jsonReportContext(engine, values.repository)), null, 2) + '\n'
        : toTextReport(result);
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
  const allowPending = values['allow-pending'] === true;
  const failing = result.findings.filter((f) => SEVERITY_RANK[f.severity] >= threshold && !(allowPending && f.code === 'approval-pending'));
  if (failing.length && failing.every((f) => f.code === 'approval-pending')) {
    io.stderr.write(`ospo-guide: only pending approval requests fail the audit (${failing.length}); --allow-pending lets requests awaiting review pass\n`);
  }
  return failing.length ? EXIT.findings : EXIT.ok;
}
