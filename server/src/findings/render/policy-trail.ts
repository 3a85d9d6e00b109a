import type { ApprovalFacts, LicenseJudgement, PackageRuling, StatementReading } from '../dependency-facts';
import type { LicenseEvidence } from '../license-evidence';
import type { UnknownLicenseReason } from '../unknown-license';
import type { Disposition, PolicyEntryRef } from '../../policy/policy-types';
import type { CandidatesDecision, LicenseDecision } from '../../policy/evaluate-license';
import type { RenderContext } from './render-context';

/**
 * The words for the facts behind a dependency decision — where a license came from, which entries decided,
 * what the approvals log says — shared by every renderer so they say it alike.
 */

/** `from package-lock.json, mapped from "Apache 2.0"`. */
export function describeEvidenceSource(evidence: LicenseEvidence, reading: StatementReading | undefined, ctx: Pick<RenderContext, 'displayPath'>): string {
  if (evidence.kind === 'none') return 'no license information found';
  const source = evidence.source;
  const how = describeReading(reading);
  switch (source.kind) {
    case 'lockfile':
      return `from ${ctx.displayPath(source.path)}${how}`;
    case 'installed':
      return source.origin ? `from ${ctx.displayPath(source.path)} (${source.origin})${how}` : `from installed ${ctx.displayPath(source.path)}${how}`;
    case 'license-text':
      return `detected in ${ctx.displayPath(source.path)} (${percent(source.confidence)} match${source.origin ? `; ${source.origin}` : ''})${how}`;
    case 'online':
      return `from ${source.service} (online)${how}`;
    case 'approval':
      return `from ${ctx.displayPath(source.path)}${how}`;
  }
}

function describeReading(reading: StatementReading | undefined): string {
  if (!reading) return '';
  const parts: string[] = [];
  if (reading.mappedFrom) parts.push(`mapped from "${reading.mappedFrom}"`);
  else if (reading.correction) parts.push(`read "${reading.correction.text}" as ${reading.correction.as}`);
  else if (reading.family) parts.push(`"${reading.family.text}" names the ${reading.family.names} family, not the variant`);
  if (reading.unrecognised?.length) {
    parts.push(`alternative${reading.unrecognised.length > 1 ? 's' : ''} ${reading.unrecognised.map((u) => `"${u}"`).join(', ')} not recognised`);
  }
  return parts.length ? `, ${parts.join(', ')}` : '';
}

const VERDICT_WORDS: Readonly<Record<Disposition, { one: string; many: string }>> = {
  allow: { one: 'is allowed', many: 'are allowed' },
  review: { one: 'needs approval', many: 'need approval' },
  deny: { one: 'is denied', many: 'are denied' },
};

/** `GPL-3.0-only is in licenses.deny (@restricted)`. */
export function explainLicenseDecision(decision: LicenseDecision): string {
  const reasons = decision.decidedBy.map((leaf) =>
    leaf.rule.kind === 'listed'
      ? leaf.rule.item === leaf.license
        ? `${leaf.license} is in licenses.${leaf.rule.list}`
        : `${leaf.license} is in licenses.${leaf.rule.list} (${leaf.rule.item})`
      : `${leaf.license} is in no list (licenses.unlisted: ${leaf.disposition})`,
  );
  const unique = [...new Set(reasons)].join('; ');
  return decision.chosen ? `${unique}; chose ${decision.chosen}` : unique;
}

/** `BSD-2-Clause, BSD-3-Clause and 30 more are allowed; BSD-4-Clause is denied`. */
function describeCandidates(decision: CandidatesDecision): string {
  return (['allow', 'review', 'deny'] as const)
    .filter((d) => decision.byDisposition[d].length > 0)
    .map((d) => {
      const names = decision.byDisposition[d];
      const shown = names.length > 6 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      return `${shown} ${names.length > 1 ? VERDICT_WORDS[d].many : VERDICT_WORDS[d].one}`;
    })
    .join('; ');
}

/** What the license rules made of the evidence, with where it came from: the policy trail of a license decision. */
export function describeJudgement(judgement: LicenseJudgement, ctx: Pick<RenderContext, 'displayPath'>): string {
  const where = describeEvidenceSource(judgement.evidence, judgement.statement, ctx);
  const reading = judgement.reading;
  const unknown = `licenses.unknown: ${judgement.disposition}`;
  let why: string;
  switch (reading.kind) {
    case 'none':
      why = `no license found (${unknown})`;
      break;
    case 'weak-match':
      why = `the license text ${where} resembles ${reading.best} only below licenses.minConfidence ${reading.minConfidence} (${unknown})`;
      break;
    case 'not-spdx':
      why = `"${reading.statement}" ${where} ${reading.reason ?? 'is not an SPDX license'} (${unknown})`;
      break;
    case 'proprietary':
      why = `${reading.statement} ${where} means proprietary, no license granted (licenses.unlisted: ${judgement.disposition})`;
      break;
    case 'expression':
      why = `${reading.license} ${where}: ${explainLicenseDecision(reading.decision)}`;
      break;
    case 'family':
      why = `${reading.statement} ${where} (${explainFamily(reading.families, reading.decision)})`;
      break;
  }
  return judgement.unrecognisedDecide ? `${why}; the other alternatives are not recognised (${unknown})` : why;
}

/** The decision alone, for a hover that says where the license came from on its own line. */
export function explainJudgement(judgement: LicenseJudgement): string {
  const reading = judgement.reading;
  const unknown = `licenses.unknown is ${judgement.disposition}`;
  let why: string;
  switch (reading.kind) {
    case 'none':
      why = `no license found, and ${unknown}`;
      break;
    case 'weak-match':
      why = `the license text resembles ${reading.best} only at ${percent(reading.confidence)}, below licenses.minConfidence ${reading.minConfidence}, and ${unknown}`;
      break;
    case 'not-spdx':
      why = `"${reading.statement}" ${reading.reason ?? 'is not an SPDX license'}, and ${unknown}`;
      break;
    case 'proprietary':
      why = `${reading.statement} means proprietary, no license granted, and licenses.unlisted is ${judgement.disposition}`;
      break;
    case 'expression':
      why = explainLicenseDecision(reading.decision);
      break;
    case 'family':
      why = explainFamily(reading.families, reading.decision);
      break;
  }
  return judgement.unrecognisedDecide ? `${why}; the other alternatives are not recognised, and ${unknown}` : why;
}

function explainFamily(families: string, decision: CandidatesDecision): string {
  return decision.unanimous
    ? `variant not stated; every ${families} variant ${VERDICT_WORDS[decision.disposition].one} here`
    : `variant not stated: ${describeCandidates(decision)}${decision.disposition === 'deny' ? '; no variant is allowed, so the strictest verdict stands' : '; an approval can record which variant it is'}`;
}

/** What the approvals log says, as a clause to follow the license decision; empty when it says nothing. */
export function describeApproval(approval: ApprovalFacts): string {
  switch (approval.kind) {
    case 'none':
      return '';
    case 'approved':
      return `approved${byOn(approval.by, approval.on)}`;
    case 'requested':
      return `requested${byOn(approval.by, approval.on)}`;
    case 'rejected':
      return `approval rejected${byOn(approval.by, approval.on)}${approval.comment ? `: ${approval.comment}` : ''}`;
    case 'expired':
      return `the approval expired on ${approval.expires ?? 'an unstated date'}`;
    case 'not-counted':
      return `the approval does not count: ${approval.reason}`;
    case 'license-changed':
      return `the approval was for ${approval.approvedFor ?? 'another license'}, not ${approval.now ?? 'this one'}`;
  }
}

/** The whole trail of a decision, as one clause: `X from a: X is in licenses.deny; requested by …`. */
export function describeRuling(ruling: PackageRuling, ctx: Pick<RenderContext, 'displayPath'>): string {
  if (ruling.kind === 'package-rule') {
    return ruling.list === 'deny' ? `the package is denied by packages.deny "${ruling.entry.text}"` : `allowed by packages.allow "${ruling.entry.text}"`;
  }
  const approval = describeApproval(ruling.approval);
  const judgement = describeJudgement(ruling.judgement, ctx);
  return approval ? `${judgement}; ${approval}` : judgement;
}

/** `licenses.deny "GPL-3.0-only" in .ospo/policy.json:5`, or `… in the embedded default policy`. */
export function describeEntry(entry: PolicyEntryRef, ctx: RenderContext): string {
  return `${entry.key} "${entry.text}" in ${entryPlace(entry, ctx)}`;
}

/** Where an entry is written: `.ospo/policy.json:5`. */
export function entryPlace(entry: PolicyEntryRef, ctx: RenderContext): string {
  if (!entry.at) return 'the embedded default policy';
  const range = ctx.rangeOf(entry.at);
  return `${ctx.displayPath(entry.at.path)}${range ? `:${range.start.line + 1}` : ''}`;
}

function byOn(who: string | undefined, when: string | undefined): string {
  return `${who ? ` by ${who}` : ''}${when ? ` on ${when}` : ''}`;
}

/** Why a license is unknown, as a sentence for hovers and report rows. */
export function describeUnknownLicense(reason: UnknownLicenseReason): string {
  switch (reason.kind) {
    case 'not-installed':
      return 'Not installed, so nothing on this machine states its license: install the dependencies, or enable ospo.onlineLookup (--online in the CLI).';
    case 'no-license-metadata':
      return `Installed (${reason.metadata}), but its metadata names no license and no license file in it was recognised.`;
    case 'unrecognised':
      return `Its metadata says "${reason.statement}" (${reason.source}), which names no license we know.`;
    case 'weak-text-match':
      return `The license text in ${reason.file} resembles ${reason.closest} only at ${percent(reason.confidence)}, below licenses.minConfidence ${percent(reason.minConfidence)}.`;
  }
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
