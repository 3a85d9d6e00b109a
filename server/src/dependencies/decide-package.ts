import { findApproval } from '../approvals/find-approval';
import type { ApprovalEntry } from '../approvals/approvals-log';
import type { LicenseEvidence, ResolvedPackage } from '../ecosystems/ecosystem';
import type { FindingCode, Severity } from '../findings/finding';
import { findMatchingPattern } from '../policy/package-pattern';
import type { Disposition, Policy } from '../policy/policy-types';
import { readLicenseStatement } from '../licenses/read-license-statement';
import { evaluateCandidates, evaluateLicenseExpression, explainLicenseDecision, type CandidatesDecision } from '../spdx/evaluate-license';
import type { LicenseStatement } from '../spdx/interpret-license-statement';
import { formatSpdxExpression } from '../spdx/spdx-expression';

/** What the policy says about one package's license, before approvals are consulted. */
export type LicenseVerdict =
  | { readonly kind: 'decided'; readonly disposition: Disposition; readonly license: string; readonly why: string }
  /** No usable license statement: `licenses.unknown` decides. */
  | { readonly kind: 'unknown'; readonly disposition: Disposition; readonly license?: string; readonly why: string };

export type PackageVerdict =
  | { readonly kind: 'pass'; readonly by: 'package-rule' | 'license-rule' | 'approval'; readonly license?: string; readonly why: string }
  | {
      readonly kind: 'problem';
      readonly code: FindingCode;
      readonly severity: Severity;
      readonly license?: string;
      /** The explanation, without the package name. */
      readonly why: string;
      /** Whether asking for an approval could change the outcome. */
      readonly approvable: boolean;
      /** For `approval-pending`: the rule the pending request asks an exception to; the severity stays that rule's. */
      readonly pendingRule?: FindingCode;
    };

export interface DecisionContext {
  readonly policy: Policy;
  readonly approvals: readonly ApprovalEntry[];
  /** `YYYY-MM-DD`. */
  readonly today: string;
  /** Turns an absolute path into the form shown to users (workspace-relative). */
  readonly displayPath: (path: string) => string;
  /** Verdicts already reached under this policy and log; the owner clears it when either changes. */
  readonly memo?: Map<string, PackageVerdict>;
}

/**
 * Where a license statement came from and how it was read: the one place that words the provenance, so the
 * diagnostic, the hover and every report say "mapped from 'Apache 2.0'" alike.
 */
export function describeEvidenceSource(evidence: LicenseEvidence, displayPath: (p: string) => string): string {
  if (evidence.kind === 'none') return 'no license information found';
  const source = evidence.source;
  const reading = evidence.kind === 'declared' ? describeReading(readLicenseStatement(evidence.expression)) : '';
  switch (source.kind) {
    case 'lockfile':
      return `from ${displayPath(source.path)}${reading}`;
    case 'installed':
      return source.origin ? `from ${source.path} (${source.origin})${reading}` : `from installed ${displayPath(source.path)}${reading}`;
    case 'license-text':
      return `detected in ${source.origin ? source.path : displayPath(source.path)} (${Math.round(source.confidence * 100)}% match${source.origin ? `; ${source.origin}` : ''})${reading}`;
    case 'online':
      return `from ${source.service} (online)${reading}`;
    case 'approval':
      return `from ${displayPath(source.path)}${reading}`;
  }
}

/** How the statement's text became licenses, when it was not a plain SPDX expression. */
function describeReading(statement: LicenseStatement): string {
  const parts: string[] = [];
  if (statement.kind === 'spdx' && statement.mappedFrom) parts.push(`mapped from "${statement.mappedFrom}"`);
  else if (statement.kind === 'spdx' && statement.correction) parts.push(`read "${statement.text}" as ${statement.correction}`);
  else if (statement.kind === 'family') parts.push(`"${statement.text}" names the ${familyLabel(statement)} family, not the variant`);
  if ((statement.kind === 'spdx' || statement.kind === 'family') && statement.unrecognised?.length) {
    parts.push(`alternative${statement.unrecognised.length > 1 ? 's' : ''} ${statement.unrecognised.map((u) => `"${u}"`).join(', ')} not recognised`);
  }
  return parts.length ? `, ${parts.join(', ')}` : '';
}

function familyLabel(statement: Extract<LicenseStatement, { kind: 'family' }>): string {
  return statement.families.map((f) => f.name).join(' and ');
}

const VERDICT_WORDS: Readonly<Record<Disposition, { one: string; many: string }>> = {
  allow: { one: 'is allowed', many: 'are allowed' },
  review: { one: 'needs approval', many: 'need approval' },
  deny: { one: 'is denied', many: 'are denied' },
};

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

export function judgeLicense(evidence: LicenseEvidence, policy: Policy, displayPath: (p: string) => string): LicenseVerdict {
  const unknown = policy.licenses.unknown;
  if (evidence.kind === 'none') {
    return { kind: 'unknown', disposition: unknown, why: `no license found (licenses.unknown: ${unknown})` };
  }
  const where = describeEvidenceSource(evidence, displayPath);
  if (evidence.source.kind === 'license-text' && evidence.source.confidence < policy.licenses.minConfidence) {
    const best = evidence.kind === 'declared' ? evidence.expression : evidence.text;
    return {
      kind: 'unknown',
      disposition: unknown,
      why: `the license text ${where} resembles ${best} only below licenses.minConfidence ${policy.licenses.minConfidence} (licenses.unknown: ${unknown})`,
    };
  }
  if (evidence.kind === 'custom') {
    return { kind: 'unknown', disposition: unknown, license: evidence.text, why: `"${evidence.text}" ${where} is not an SPDX license (licenses.unknown: ${unknown})` };
  }
  const statement = readLicenseStatement(evidence.expression);
  switch (statement.kind) {
    case 'proprietary':
      return {
        kind: 'decided',
        disposition: policy.licenses.unlisted,
        license: statement.text,
        why: `${statement.text} ${where} means proprietary, no license granted (licenses.unlisted: ${policy.licenses.unlisted})`,
      };
    case 'custom':
      return { kind: 'unknown', disposition: unknown, license: statement.text, why: `"${statement.text}" ${where} ${statement.reason} (licenses.unknown: ${unknown})` };
    case 'spdx': {
      const license = formatSpdxExpression(statement.expression);
      const decision = evaluateLicenseExpression(statement.expression, policy.licenses);
      const verdict: LicenseVerdict = { kind: 'decided', disposition: decision.disposition, license, why: `${license} ${where}: ${explainLicenseDecision(decision)}` };
      return withUnrecognised(verdict, statement.unrecognised, unknown);
    }
    case 'family': {
      const label = familyLabel(statement);
      const decision = evaluateCandidates(statement.candidates, policy.licenses);
      const explanation = decision.unanimous
        ? `variant not stated; every ${label} variant ${VERDICT_WORDS[decision.disposition].one} here`
        : `variant not stated: ${describeCandidates(decision)}${decision.disposition === 'deny' ? '; no variant is allowed, so the strictest verdict stands' : '; an approval can record which variant it is'}`;
      const verdict: LicenseVerdict = { kind: 'decided', disposition: decision.disposition, license: statement.text, why: `${statement.text} ${where} (${explanation})` };
      return withUnrecognised(verdict, statement.unrecognised, unknown);
    }
  }
}

/**
 * A choice that includes alternatives nobody recognises: the known ones decide unless they are all denied, in
 * which case the unrecognised alternative might be the acceptable one and `licenses.unknown` decides.
 */
function withUnrecognised(verdict: Extract<LicenseVerdict, { kind: 'decided' }>, unrecognised: readonly string[] | undefined, unknown: Disposition): LicenseVerdict {
  if (!unrecognised?.length || verdict.disposition !== 'deny') return verdict;
  return { kind: 'unknown', disposition: unknown, license: verdict.license, why: `${verdict.why}; the other alternatives are not recognised (licenses.unknown: ${unknown})` };
}

/** The full decision on a package: package rules, then license rules, then the approvals log. */
export function decidePackage(pkg: ResolvedPackage, versionSpec: string | undefined, context: DecisionContext): PackageVerdict {
  const { policy } = context;
  const denied = findMatchingPattern(policy.packages.deny, pkg.purl, pkg.version);
  if (denied) {
    return { kind: 'problem', code: 'package-denied', severity: 'error', why: `the package is denied by packages.deny "${denied.text}"`, approvable: false };
  }
  const allowed = findMatchingPattern(policy.packages.allow, pkg.purl, pkg.version);
  if (allowed) return { kind: 'pass', by: 'package-rule', why: `allowed by packages.allow "${allowed.text}"` };

  const verdict = judgeLicense(pkg.license, policy, context.displayPath);
  const license = verdict.license;
  if (verdict.disposition === 'allow') return { kind: 'pass', by: 'license-rule', ...(license ? { license } : {}), why: verdict.why };

  const approval = findApproval(
    context.approvals,
    { purl: pkg.purl, ...(pkg.version ? { version: pkg.version } : {}), ...(versionSpec ? { versionSpec } : {}), ...(license ? { license } : {}) },
    context.today,
    policy.approvals,
  );
  const base = baseProblem(verdict);
  const withLicense = license ? { license } : {};
  switch (approval.kind) {
    case 'approved':
      return { kind: 'pass', by: 'approval', ...withLicense, why: `${verdict.why}; approved${by(approval.entry.reviewedBy, approval.entry.reviewedAt)}` };
    case 'requested':
      // A request is not a decision: the finding keeps its severity until a reviewer approves.
      return {
        ...base,
        code: 'approval-pending',
        ...withLicense,
        why: `${verdict.why}; requested${by(approval.entry.requestedBy, approval.entry.requestedAt)}`,
        approvable: false,
        pendingRule: base.code,
      };
    case 'rejected':
      return {
        kind: 'problem',
        code: 'approval-rejected',
        severity: 'error',
        ...withLicense,
        why: `${verdict.why}; approval rejected${by(approval.entry.reviewedBy, approval.entry.reviewedAt)}${approval.entry.comment ? `: ${approval.entry.comment}` : ''}`,
        approvable: false,
      };
    case 'expired':
      return { ...base, ...withLicense, why: `${verdict.why}; the approval expired on ${approval.entry.expires}` };
    case 'not-counted':
      return { ...base, ...withLicense, why: `${verdict.why}; the approval does not count: ${approval.reason}` };
    case 'license-changed':
      return { ...base, ...withLicense, why: `${verdict.why}; the approval was for ${approval.entry.license}, not ${license}` };
    case 'none':
      return { ...base, ...withLicense, why: verdict.why };
  }
}

function baseProblem(verdict: LicenseVerdict): Extract<PackageVerdict, { kind: 'problem' }> {
  if (verdict.kind === 'unknown') {
    return { kind: 'problem', code: 'license-unknown', severity: verdict.disposition === 'deny' ? 'error' : 'warning', why: verdict.why, approvable: true };
  }
  return verdict.disposition === 'deny'
    ? { kind: 'problem', code: 'license-denied', severity: 'error', why: verdict.why, approvable: true }
    : { kind: 'problem', code: 'license-needs-approval', severity: 'warning', why: verdict.why, approvable: true };
}

function by(who: string | undefined, when: string | undefined): string {
  return `${who ? ` by ${who}` : ''}${when ? ` on ${when}` : ''}`;
}

