import { decidingEntries } from '../dependency-facts';
import { isDependencyFinding, type Finding } from '../finding';
import { diagnosticMessage } from './diagnostic-message';
import { describeEntry, describeRuling, describeUnknownLicense } from './policy-trail';
import type { RenderContext } from './render-context';

const LABEL = { error: 'error', warning: 'warning', information: 'info' } as const;

/**
 * A finding as the CLI prints it: `file:line:col  level  code  message`. A terminal has no hover, so a
 * dependency's line goes on with what the hover says — the evidence and the policy trail, or why the license is
 * unknown — and the entries that decided, on the same line so that `grep` keeps them with their finding.
 */
export function cliLine(finding: Finding, ctx: RenderContext): string {
  const file = ctx.displayPath(finding.path);
  const where = `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
  const base = `${where}  ${LABEL[finding.severity]}  ${finding.code}  ${diagnosticMessage(finding)}`;
  if (!isDependencyFinding(finding)) return base;
  const facts = finding.facts;
  const reason = facts.rule === 'license-unknown' || facts.rule === 'approval-pending' ? facts.reason : undefined;
  const detail = reason ? describeUnknownLicense(reason).replace(/\.$/, '') : describeRuling(facts.ruling, ctx);
  const entries = decidingEntries(facts.ruling);
  return `${base} — ${detail}${entries.length ? ` (decided by ${entries.map((e) => describeEntry(e, ctx)).join('; ')})` : ''}`;
}
