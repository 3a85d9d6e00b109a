import { decidingEntries, type DependencyFacts, type PassingDependencyFacts } from '../dependency-facts';
import { isDependencyFinding, type Finding } from '../finding';
import { describeApproval, describeEvidenceSource, describeRuling, describeUnknownLicense, entryPlace, explainJudgement } from './policy-trail';
import { escapeMarkdown as esc, markdownCode as code } from './markdown-text';
import type { RenderContext } from './render-context';
import { ruleDocsUrl } from './rule-docs';

/**
 * Hover Markdown for a finding or a passing dependency: the package, the verdict, where the license came
 * from, the policy entries that decided and the approval state. Everything quoted is escaped.
 */
export function findingHover(finding: Finding, ctx: RenderContext): string {
  if (!isDependencyFinding(finding)) return finding.detail ?? esc(finding.message);
  const alike = finding.alike && finding.alike.length > 1 ? finding.alike : undefined;
  if (!alike) return dependencyHover(finding.facts, ctx);
  return [
    `${code(finding.facts.chain[0])} brings in ${alike.length} packages with ${code(finding.code)}:`,
    alike.map((f) => `- ${code(f.chain.join(' > '))}: ${esc(f.license ?? 'unknown license')} — ${esc(describeRuling(f.ruling, ctx))}`).join('\n'),
    docsLink(finding.code),
  ].join('\n\n');
}

const VERDICT: Readonly<Record<DependencyFacts['rule'] | 'pass', string>> = {
  'package-denied': 'Package denied by policy',
  'license-denied': 'Denied by policy',
  'license-needs-approval': 'Needs approval',
  'license-unknown': 'License unknown',
  'approval-pending': 'Approval pending',
  'approval-rejected': 'Approval rejected',
  pass: 'Allowed',
};

export function dependencyHover(facts: DependencyFacts | PassingDependencyFacts, ctx: RenderContext): string {
  const pkg = facts.package;
  const verdict = facts.rule === 'pass' ? (facts.by === 'approval' ? 'Approved' : VERDICT.pass) : VERDICT[facts.rule];
  const lines: string[] = [
    `${code(`${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`)} · ${code(displayPurl(pkg.purl))}`,
    facts.rule === 'pass' ? `**${verdict}**` : `**${verdict}** (${code(facts.rule)})`,
  ];
  const declared = declaredIn(facts);
  if (declared) lines.push(declared);
  const ruling = facts.ruling;
  if (ruling.kind === 'license') {
    const judgement = ruling.judgement;
    lines.push(`**License:** ${esc(facts.license ?? 'unknown')} — ${esc(describeEvidenceSource(judgement.evidence, judgement.statement, ctx))}`);
    if (facts.rule === 'license-unknown' || (facts.rule === 'approval-pending' && facts.reason)) lines.push(esc(describeUnknownLicense(facts.reason!)));
    lines.push(`**Why:** ${esc(explainJudgement(judgement))}`);
    const approval = describeApproval(ruling.approval);
    if (approval) lines.push(`**Approval:** ${esc(approval)}`);
  } else {
    lines.push(`**Why:** ${esc(describeRuling(ruling, ctx))}`);
  }
  const entries = decidingEntries(ruling);
  if (entries.length) lines.push(`**Policy:** ${entries.map((e) => `${code(`${e.key}: ${e.text}`)} in ${esc(entryPlace(e, ctx))}`).join('; ')}`);
  if (facts.rule !== 'pass') {
    const docs = docsLink(facts.rule);
    if (docs) lines.push(docs);
  }
  return lines.join('\n\n');
}

function docsLink(rule: DependencyFacts['rule']): string {
  const url = ruleDocsUrl(rule);
  return url ? `[About ${rule}](${url})` : '';
}

/** Package URLs percent-encode an npm scope's `@`; people read `pkg:npm/@img/sharp`. */
function displayPurl(purl: string): string {
  try {
    return decodeURIComponent(purl);
  } catch {
    return purl;
  }
}

/** Where a direct dependency is declared, in the ecosystem's own terms; a transitive one names its chain. */
function declaredIn(facts: DependencyFacts | PassingDependencyFacts): string | undefined {
  if (facts.chain.length > 1) return `Brought in through ${code(facts.chain.join(' > '))}.`;
  const declared = facts.declared;
  if (!declared) return undefined;
  const as = declared.versionSpec ? ` as ${code(declared.versionSpec)}` : '';
  const section = sectionLabel(facts.package.ecosystem, declared.group);
  return section ? `Declared in ${section}${as}.` : declared.versionSpec ? `Declared${as}.` : undefined;
}

function sectionLabel(ecosystem: string, group: string): string | undefined {
  switch (ecosystem) {
    case 'gem':
      // Bundler's implicit group holds every gem declared outside a `group` block: it names nothing.
      return group === 'default' ? undefined : `the Gemfile group${group.includes(',') ? 's' : ''} ${group.split(',').map(code).join(', ')}`;
    case 'maven':
      return `scope ${code(group)}`;
    case 'golang':
      return group === 'indirect' ? `${code('require')} (indirect)` : code(group);
    default:
      return code(group);
  }
}
