import { findApproval, type ApprovalState } from '../approvals/find-approval';
import type { ApprovalEntry } from '../approvals/approvals-log';
import type { LicenseEvidence, ResolvedPackage } from '../ecosystems/ecosystem';
import type { ApprovalFacts, LicenseJudgement, PackageRuling, StatementReading } from '../findings/dependency-facts';
import type { DependencyRule } from '../findings/dependency-facts';
import type { Severity } from '../findings/finding';
import { findMatchingPattern } from '../policy/package-pattern';
import type { LicensePolicy, LicenseSettingKey, PackagePattern, Policy, PolicyEntryRef } from '../policy/policy-types';
import { readLicenseStatement } from '../licenses/read-license-statement';
import { evaluateCandidates, evaluateLicenseExpression, type LeafDecision } from '../policy/evaluate-license';
import type { LicenseStatement } from '../spdx/interpret-license-statement';
import { formatSpdxExpression } from '../spdx/spdx-expression';

/** The policy's decision on a package: facts only; `findings/render/` words them. */
export type PackageVerdict =
  | { readonly kind: 'pass'; readonly by: 'package-rule' | 'license-rule' | 'approval'; readonly license?: string; readonly ruling: PackageRuling }
  | {
      readonly kind: 'problem';
      readonly code: DependencyRule;
      readonly severity: Severity;
      readonly license?: string;
      readonly ruling: PackageRuling;
      /** Whether asking for an approval could change the outcome. */
      readonly approvable: boolean;
      /** For `approval-pending`: the rule the pending request asks an exception to; the severity stays that rule's. */
      readonly pendingRule?: 'license-denied' | 'license-needs-approval' | 'license-unknown';
    };

export interface DecisionContext {
  readonly policy: Policy;
  readonly approvals: readonly ApprovalEntry[];
  /** `YYYY-MM-DD`. */
  readonly today: string;
  /** Turns an absolute path into the form shown to users (workspace-relative inside the folder). */
  readonly displayPath: (path: string) => string;
  /** The approvals log's path, so a decision can point at the entry that had a say. */
  readonly approvalsPath?: string;
  /** Verdicts already reached under this policy and log; the owner clears it when either changes. */
  readonly memo?: Map<string, PackageVerdict>;
}

/** How the statement's text became licenses, when it was not a plain SPDX expression. */
export function statementReading(evidence: LicenseEvidence): StatementReading | undefined {
  if (evidence.kind !== 'declared') return undefined;
  return readingOf(readLicenseStatement(evidence.expression));
}

function readingOf(statement: LicenseStatement): StatementReading | undefined {
  const reading: { -readonly [K in keyof StatementReading]: StatementReading[K] } = {};
  if (statement.kind === 'spdx' && statement.mappedFrom) reading.mappedFrom = statement.mappedFrom;
  else if (statement.kind === 'spdx' && statement.correction) reading.correction = { text: statement.text, as: statement.correction };
  else if (statement.kind === 'family') reading.family = { text: statement.text, names: familyLabel(statement) };
  if ((statement.kind === 'spdx' || statement.kind === 'family') && statement.unrecognised?.length) reading.unrecognised = statement.unrecognised;
  return Object.keys(reading).length ? reading : undefined;
}

function familyLabel(statement: Extract<LicenseStatement, { kind: 'family' }>): string {
  return statement.families.map((f) => f.name).join(' and ');
}

function settingEntry(licenses: LicensePolicy, key: LicenseSettingKey): PolicyEntryRef {
  const at = licenses.settingsAt?.[key];
  return { key: `licenses.${key}`, text: String(licenses[key]), ...(at ? { at } : {}) };
}

function leafEntries(leaves: readonly LeafDecision[], licenses: LicensePolicy): PolicyEntryRef[] {
  const seen = new Set<string>();
  const entries: PolicyEntryRef[] = [];
  for (const leaf of leaves) {
    const entry: PolicyEntryRef =
      leaf.rule.kind === 'listed'
        ? { key: `licenses.${leaf.rule.list}`, text: leaf.rule.item, ...(leaf.rule.at ? { at: leaf.rule.at } : {}) }
        : settingEntry(licenses, 'unlisted');
    const key = `${entry.key}\0${entry.text}`;
    if (!seen.has(key)) entries.push(entry);
    seen.add(key);
  }
  return entries;
}

/** What the license rules say about the evidence, with the entries that decided. */
export function judgeLicense(evidence: LicenseEvidence, policy: Policy): LicenseJudgement {
  const licenses = policy.licenses;
  const unknown = licenses.unknown;
  const unknownEntry = settingEntry(licenses, 'unknown');
  if (evidence.kind === 'none') {
    return { outcome: 'unknown', disposition: unknown, evidence, reading: { kind: 'none' }, entries: [unknownEntry] };
  }
  const statement = statementReading(evidence);
  const withStatement = statement ? { statement } : {};
  if (evidence.source.kind === 'license-text' && evidence.source.confidence < licenses.minConfidence) {
    const best = evidence.kind === 'declared' ? evidence.expression : evidence.text;
    return {
      outcome: 'unknown',
      disposition: unknown,
      evidence,
      ...withStatement,
      reading: { kind: 'weak-match', best, confidence: evidence.source.confidence, minConfidence: licenses.minConfidence },
      entries: [settingEntry(licenses, 'minConfidence'), unknownEntry],
    };
  }
  if (evidence.kind === 'custom') {
    return { outcome: 'unknown', disposition: unknown, license: evidence.text, evidence, reading: { kind: 'not-spdx', statement: evidence.text }, entries: [unknownEntry] };
  }
  const read = readLicenseStatement(evidence.expression);
  switch (read.kind) {
    case 'proprietary':
      return {
        outcome: 'decided',
        disposition: licenses.unlisted,
        license: read.text,
        evidence,
        reading: { kind: 'proprietary', statement: read.text },
        entries: [settingEntry(licenses, 'unlisted')],
      };
    case 'custom':
      return { outcome: 'unknown', disposition: unknown, license: read.text, evidence, reading: { kind: 'not-spdx', statement: read.text, reason: read.reason }, entries: [unknownEntry] };
    case 'spdx': {
      const license = formatSpdxExpression(read.expression);
      const decision = evaluateLicenseExpression(read.expression, licenses);
      const judgement: LicenseJudgement = {
        outcome: 'decided',
        disposition: decision.disposition,
        license,
        evidence,
        ...withStatement,
        reading: { kind: 'expression', license, decision },
        entries: leafEntries(decision.decidedBy, licenses),
      };
      return withUnrecognised(judgement, read.unrecognised, licenses);
    }
    case 'family': {
      const decision = evaluateCandidates(read.candidates, licenses);
      const judgement: LicenseJudgement = {
        outcome: 'decided',
        disposition: decision.disposition,
        license: read.text,
        evidence,
        ...withStatement,
        reading: { kind: 'family', statement: read.text, families: familyLabel(read), decision },
        entries: leafEntries(decision.decidedBy, licenses),
      };
      return withUnrecognised(judgement, read.unrecognised, licenses);
    }
  }
}

/**
 * A choice that includes alternatives nobody recognises: the known ones decide unless they are all denied, in
 * which case the unrecognised alternative might be the acceptable one and `licenses.unknown` decides.
 */
function withUnrecognised(judgement: LicenseJudgement, unrecognised: readonly string[] | undefined, licenses: LicensePolicy): LicenseJudgement {
  if (!unrecognised?.length || judgement.disposition !== 'deny') return judgement;
  return { ...judgement, outcome: 'unknown', disposition: licenses.unknown, unrecognisedDecide: true, entries: [...judgement.entries, settingEntry(licenses, 'unknown')] };
}

function patternEntry(key: 'packages.allow' | 'packages.deny', pattern: PackagePattern): PolicyEntryRef {
  return { key, text: pattern.text, ...(pattern.at ? { at: pattern.at } : {}) };
}

function approvalFacts(state: ApprovalState, license: string | undefined, logPath: string | undefined): ApprovalFacts {
  if (state.kind === 'none') return { kind: 'none' };
  const facts = approvalWords(state, license);
  return logPath ? { ...facts, at: { path: logPath, span: state.entry.span } } : facts;
}

function approvalWords(state: Exclude<ApprovalState, { kind: 'none' }>, license: string | undefined): Exclude<ApprovalFacts, { kind: 'none' }> {
  switch (state.kind) {
    case 'approved':
    case 'requested': {
      const entry = state.entry;
      const by = state.kind === 'approved' ? entry.reviewedBy : entry.requestedBy;
      const on = state.kind === 'approved' ? entry.reviewedAt : entry.requestedAt;
      return { kind: state.kind, ...(by ? { by } : {}), ...(on ? { on } : {}) };
    }
    case 'rejected': {
      const { reviewedBy, reviewedAt, comment } = state.entry;
      return { kind: 'rejected', ...(reviewedBy ? { by: reviewedBy } : {}), ...(reviewedAt ? { on: reviewedAt } : {}), ...(comment ? { comment } : {}) };
    }
    case 'expired':
      return { kind: 'expired', ...(state.entry.expires ? { expires: state.entry.expires } : {}) };
    case 'not-counted':
      return { kind: 'not-counted', reason: state.reason };
    case 'license-changed':
      return { kind: 'license-changed', ...(state.entry.license ? { approvedFor: state.entry.license } : {}), ...(license ? { now: license } : {}) };
  }
}

/** The full decision on a package: package rules, then license rules, then the approvals log. */
export function decidePackage(pkg: ResolvedPackage, versionSpec: string | undefined, context: DecisionContext): PackageVerdict {
  const { policy } = context;
  const denied = findMatchingPattern(policy.packages.deny, pkg.purl, pkg.version);
  if (denied) {
    return { kind: 'problem', code: 'package-denied', severity: 'error', ruling: { kind: 'package-rule', list: 'deny', entry: patternEntry('packages.deny', denied) }, approvable: false };
  }
  const allowed = findMatchingPattern(policy.packages.allow, pkg.purl, pkg.version);
  if (allowed) return { kind: 'pass', by: 'package-rule', ruling: { kind: 'package-rule', list: 'allow', entry: patternEntry('packages.allow', allowed) } };

  const judgement = judgeLicense(pkg.license, policy);
  const license = judgement.license;
  const withLicense = license ? { license } : {};
  if (judgement.disposition === 'allow') return { kind: 'pass', by: 'license-rule', ...withLicense, ruling: { kind: 'license', judgement, approval: { kind: 'none' } } };

  const state = findApproval(
    context.approvals,
    { purl: pkg.purl, ...(pkg.version ? { version: pkg.version } : {}), ...(versionSpec ? { versionSpec } : {}), ...(license ? { license } : {}) },
    context.today,
    policy.approvals,
  );
  const ruling: PackageRuling = { kind: 'license', judgement, approval: approvalFacts(state, license, context.approvalsPath) };
  const base = baseProblem(judgement);
  switch (state.kind) {
    case 'approved':
      return { kind: 'pass', by: 'approval', ...withLicense, ruling };
    case 'requested':
      // A request is not a decision: the finding keeps its severity until a reviewer approves.
      return { kind: 'problem', code: 'approval-pending', severity: base.severity, ...withLicense, ruling, approvable: false, pendingRule: base.code };
    case 'rejected':
      return { kind: 'problem', code: 'approval-rejected', severity: 'error', ...withLicense, ruling, approvable: false };
    case 'expired':
    case 'not-counted':
    case 'license-changed':
    case 'none':
      return { kind: 'problem', code: base.code, severity: base.severity, ...withLicense, ruling, approvable: true };
  }
}

function baseProblem(judgement: LicenseJudgement): { code: 'license-denied' | 'license-needs-approval' | 'license-unknown'; severity: Severity } {
  if (judgement.outcome === 'unknown') return { code: 'license-unknown', severity: judgement.disposition === 'deny' ? 'error' : 'warning' };
  return judgement.disposition === 'deny' ? { code: 'license-denied', severity: 'error' } : { code: 'license-needs-approval', severity: 'warning' };
}

