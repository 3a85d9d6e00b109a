import { decidingEntries } from '../dependency-facts';
import { isDependencyFinding, type Finding } from '../finding';
import { diagnosticMessage } from './diagnostic-message';
import { describeEntry } from './policy-trail';
import type { RenderContext } from './render-context';

const LABEL = { error: 'error', warning: 'warning', information: 'info' } as const;

/**
 * A finding as the CLI prints it: `file:line:col  level  code  message`, and for a dependency the entry that
 * decided, on the same line so that `grep` keeps it with its finding.
 */
export function cliLine(finding: Finding, ctx: RenderContext): string {
  const file = ctx.displayPath(finding.path);
  const where = `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
  const base = `${where}  ${LABEL[finding.severity]}  ${finding.code}  ${diagnosticMessage(finding)}`;
  if (!isDependencyFinding(finding)) return base;
  const entries = decidingEntries(finding.facts.ruling);
  return entries.length ? `${base} (${entries.map((e) => describeEntry(e, ctx)).join('; ')})` : base;
}
