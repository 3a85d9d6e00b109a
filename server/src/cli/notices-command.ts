import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../audit/run-audit';
import { writeFileAtomic } from '../io/atomic-write';
import { collectNotices } from '../notices/collect-notices';
import { noticesAsMarkdown, noticesAsText } from '../notices/render-notices';
import { TOOL_VERSION } from '../tool-version';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import type { CliIo } from './cli-io';

export const NOTICES_USAGE = {
  synopsis: 'ospo-guide notices [DIR] [--policy FILE] [--output FILE] [--format text|markdown]',
  description: `notices writes the third-party notices of every shipped (non-dev) dependency: its name, version, license,
the copyright lines found in its files and the license text it ships (the SPDX standard text, marked as such,
only when it ships none), and its NOTICE files verbatim. Packages with an unknown license are listed apart as
needing attention. The output is sorted and carries no date, so it can be committed and diffed.`,
};

export interface NoticesCommandDeps {
  openWorkspace(positionals: readonly string[], policy: string | undefined, io: CliIo): Promise<WorkspaceEngine | number>;
  usageError(io: CliIo, message: string): number;
}

/** Exit status: 0 written, 1 some shipped package has an unknown license (listed as needing attention), 2 usage. */
export async function runNoticesCommand(args: readonly string[], io: CliIo, deps: NoticesCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { policy: { type: 'string' }, output: { type: 'string', short: 'o' }, format: { type: 'string', default: 'text' } },
    });
  } catch (error) {
    return deps.usageError(io, (error as Error).message);
  }
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'markdown') return deps.usageError(io, `--format must be text or markdown, not "${format}"`);
  const engine = await deps.openWorkspace(parsed.positionals, parsed.values.policy, io);
  if (typeof engine === 'number') return engine;
  const result = await runAudit(engine);
  const doc = collectNotices([result]);
  const output = format === 'markdown' ? noticesAsMarkdown(doc, TOOL_VERSION) : noticesAsText(doc, TOOL_VERSION);
  if (parsed.values.output === undefined) {
    io.stdout.write(output);
  } else {
    try {
      writeFileAtomic(path.resolve(io.cwd, parsed.values.output), output);
    } catch (error) {
      io.stderr.write(`ospo-guide: cannot write ${parsed.values.output}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stdout.write(`Notices for ${doc.packages.length} package(s) written to ${parsed.values.output}\n`);
  }
  if (doc.attention.length) {
    io.stderr.write(`ospo-guide: ${doc.attention.length} shipped package(s) have an unknown license and need attention: ${doc.attention.map((p) => p.name).slice(0, 5).join(', ')}${doc.attention.length > 5 ? ', …' : ''}\n`);
    return 1;
  }
  return 0;
}
