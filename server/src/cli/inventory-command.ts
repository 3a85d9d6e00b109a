import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../io/atomic-write';
import { inventoryToHtml } from '../inventory/inventory-html';
import { inventoryToMarkdown } from '../inventory/inventory-markdown';
import { mergeInventory } from '../inventory/merge-inventory';
import { readAuditReport, type AuditReport } from '../inventory/read-audit-report';

export const INVENTORY_SYNOPSIS = 'ospo-guide inventory REPORT.json|DIR… [--format markdown|html|json] [--output FILE]';

export const INVENTORY_HELP = `inventory merges JSON audit reports (ospo-guide audit --format json) of many repositories into one view: every
package with its versions, licenses, status and the repositories using it; pending and expired approvals; totals
by license. A DIR stands for the *.json files in it. The HTML is one self-contained file with sortable tables.
`;

/** A report of a monorepo with every dependency is tens of MB; far beyond that is no audit report. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

/** `ospo-guide inventory`; exit 0 when written, 2 for usage errors and reports that cannot be read. */
export function runInventoryCommand(args: readonly string[], io: Io): number {
  const fail = (message: string) => {
    io.stderr.write(`ospo-guide: ${message}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { format: { type: 'string', default: 'markdown' }, output: { type: 'string', short: 'o' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\nUsage: ${INVENTORY_SYNOPSIS}`);
  }
  const format = parsed.values.format;
  if (!['markdown', 'html', 'json'].includes(format)) return fail(`--format must be markdown, html or json, not "${format}"`);
  if (!parsed.positionals.length) return fail(`inventory needs at least one JSON report\nUsage: ${INVENTORY_SYNOPSIS}`);

  const files: string[] = [];
  for (const given of parsed.positionals) {
    const absolute = path.resolve(io.cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      return fail(`no such report: ${given}`);
    }
    if (stat.isDirectory()) {
      const inside = fs.readdirSync(absolute).filter((name) => name.endsWith('.json')).sort();
      if (!inside.length) return fail(`${given} holds no .json reports`);
      files.push(...inside.map((name) => path.join(absolute, name)));
    } else files.push(absolute);
  }

  const reports: AuditReport[] = [];
  for (const file of files) {
    const shown = path.relative(io.cwd, file) || file;
    if (fs.statSync(file).size > MAX_REPORT_BYTES) return fail(`${shown}: larger than ${MAX_REPORT_BYTES / (1024 * 1024)} MB`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      return fail(`cannot read ${shown}: ${(error as Error).message}`);
    }
    const read = readAuditReport(text, shown, path.basename(file).replace(/\.json$/i, ''));
    if (!read.ok) return fail(`${shown}: ${read.error}`);
    reports.push(read.report);
  }

  const inventory = mergeInventory(reports);
  const output = format === 'html' ? inventoryToHtml(inventory) : format === 'json' ? JSON.stringify(inventory, null, 2) + '\n' : inventoryToMarkdown(inventory);
  if (parsed.values.output === undefined) {
    io.stdout.write(output);
    return 0;
  }
  try {
    writeFileAtomic(path.resolve(io.cwd, parsed.values.output), output);
  } catch (error) {
    return fail(`cannot write ${parsed.values.output}: ${(error as Error).message}`);
  }
  io.stdout.write(`Inventory of ${inventory.repositories.length} repositories and ${inventory.packages.length} packages written to ${parsed.values.output}\n`);
  return 0;
}
