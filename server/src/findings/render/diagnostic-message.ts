import type { DependencyFacts } from '../dependency-facts';
import { isDependencyFinding, type DependencyFinding, type Finding } from '../finding';
import type { UnknownLicenseReason } from '../unknown-license';
import { percent } from './policy-trail';

/**
 * The diagnostic message: one short line that leads with the package and the decision
 * (`ffmpeg-static: GPL-3.0-or-later is denied by policy`). Evidence and the policy trail are the hover's.
 */
export function diagnosticMessage(finding: Finding): string {
  if (!isDependencyFinding(finding)) return finding.message;
  return finding.alike && finding.alike.length > 1 ? summaryMessage(finding, finding.alike) : `${finding.facts.chain.join(' > ')}: ${decisionHeadline(finding.facts)}`;
}

/** The decision without the package: `GPL-3.0-or-later is denied by policy`. */
export function decisionHeadline(facts: DependencyFacts): string {
  const ruled = ruleHeadline(facts);
  const approval = facts.ruling.kind === 'license' ? facts.ruling.approval : undefined;
  switch (approval?.kind) {
    case 'expired':
      return `${ruled}; its approval expired${approval.expires ? ` on ${approval.expires}` : ''}`;
    case 'not-counted':
      return `${ruled}; its approval does not count`;
    case 'license-changed':
      return `${ruled}; it was approved for ${approval.approvedFor ?? 'another license'}`;
    default:
      return ruled;
  }
}

function ruleHeadline(facts: DependencyFacts): string {
  const license = facts.license ?? 'unknown license';
  switch (facts.rule) {
    case 'package-denied':
      return 'package denied by policy';
    case 'license-denied':
      return `${license} is denied by policy`;
    case 'license-needs-approval':
      return `${license} needs approval`;
    case 'license-unknown':
      return unknownHeadline(facts.reason);
    case 'approval-pending': {
      const asked = facts.asks === 'license-unknown' && facts.reason ? unknownHeadline(facts.reason) : facts.asks === 'license-denied' ? `${license} is denied by policy` : `${license} needs approval`;
      return `${asked}; approval pending`;
    }
    case 'approval-rejected':
      return `approval for ${license} rejected`;
  }
}

/** Why a license is unknown, as a clause short enough for the Problems panel. */
export function unknownHeadline(reason: UnknownLicenseReason): string {
  switch (reason.kind) {
    case 'not-installed':
      return 'license unknown: not installed';
    case 'no-license-metadata':
      return 'license unknown: its metadata names no license';
    case 'unrecognised':
      return `license "${reason.statement}" is not one we know`;
    case 'weak-text-match':
      return `license unknown: the text resembles ${reason.closest} only at ${percent(reason.confidence)}`;
  }
}

const SUMMARY_VERB: Readonly<Record<DependencyFacts['rule'], string>> = {
  'package-denied': 'are denied by policy',
  'license-denied': 'have licenses denied by policy',
  'license-needs-approval': 'have licenses that need approval',
  'license-unknown': 'have unknown licenses',
  'approval-pending': 'await approval',
  'approval-rejected': 'had their approval rejected',
};

/** How many summarised packages the message names; the hover lists them all. */
const NAMED_IN_SUMMARY = 3;

function summaryMessage(finding: DependencyFinding, alike: readonly DependencyFacts[]): string {
  const direct = finding.facts.chain[0];
  const named = alike.slice(0, NAMED_IN_SUMMARY).map((f) => f.chain.join(' > '));
  return `${direct}: ${alike.length} packages it brings in ${SUMMARY_VERB[finding.facts.rule]}, e.g. ${named.join(', ')}`;
}
