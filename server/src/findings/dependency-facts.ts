import type { Disposition, PolicyEntryLocation, PolicyEntryRef } from '../policy/policy-types';
import type { CandidatesDecision, LicenseDecision } from '../policy/evaluate-license';
import type { LicenseEvidence } from './license-evidence';
import type { UnknownLicenseReason } from './unknown-license';

/** How the text of a license statement became licenses, when it was not a plain SPDX expression. */
export interface StatementReading {
  /** A license name mapped to its SPDX id: `Apache 2.0`. */
  readonly mappedFrom?: string;
  /** A near-SPDX text read as an expression: `Apache-2.0 / MIT` as `Apache-2.0 OR MIT`. */
  readonly correction?: { readonly text: string; readonly as: string };
  /** A statement naming a family, not a variant: `BSD License`. */
  readonly family?: { readonly text: string; readonly names: string };
  /** Alternatives of an OR that name no license we know. */
  readonly unrecognised?: readonly string[];
}

/** What the license rules made of the statement. */
export type LicenseReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'weak-match'; readonly best: string; readonly confidence: number; readonly minConfidence: number }
  | { readonly kind: 'not-spdx'; readonly statement: string; readonly reason?: string }
  | { readonly kind: 'proprietary'; readonly statement: string }
  | { readonly kind: 'expression'; readonly license: string; readonly decision: LicenseDecision }
  | { readonly kind: 'family'; readonly statement: string; readonly families: string; readonly decision: CandidatesDecision };

/** What the policy's license rules say about one package's license, before the approvals log is consulted. */
export interface LicenseJudgement {
  /** `unknown`: no usable statement, so `licenses.unknown` decides. */
  readonly outcome: 'decided' | 'unknown';
  readonly disposition: Disposition;
  /** The license as shown: SPDX where it reads as SPDX, the statement otherwise. */
  readonly license?: string;
  readonly evidence: LicenseEvidence;
  readonly statement?: StatementReading;
  readonly reading: LicenseReading;
  /** The known alternatives were all denied, so unrecognised ones handed the decision to `licenses.unknown`. */
  readonly unrecognisedDecide?: boolean;
  /** The policy entries that decided, in the order they apply. */
  readonly entries: readonly PolicyEntryRef[];
}

/** The approvals log's say on a package, as it bears on the decision; `at` is the entry in the log. */
export type ApprovalFacts =
  | { readonly kind: 'none' }
  | ({ readonly at?: PolicyEntryLocation } & (
      | { readonly kind: 'approved'; readonly by?: string; readonly on?: string }
      | { readonly kind: 'requested'; readonly by?: string; readonly on?: string }
      | { readonly kind: 'rejected'; readonly by?: string; readonly on?: string; readonly comment?: string }
      | { readonly kind: 'expired'; readonly expires?: string }
      | { readonly kind: 'not-counted'; readonly reason: string }
      | { readonly kind: 'license-changed'; readonly approvedFor?: string; readonly now?: string }
    ));

/** What decided a package: a package rule, or the license rules with the approvals log. */
export type PackageRuling =
  | { readonly kind: 'package-rule'; readonly list: 'allow' | 'deny'; readonly entry: PolicyEntryRef }
  | { readonly kind: 'license'; readonly judgement: LicenseJudgement; readonly approval: ApprovalFacts };

/** The package a dependency fact is about, and how the manifest declares it. */
export interface PackageFacts {
  readonly name: string;
  readonly purl: string;
  readonly ecosystem: string;
  readonly version?: string;
}

/** Facts every dependency finding and note shares. */
interface DependencyFactsBase {
  readonly package: PackageFacts;
  /** The chain from the direct dependency (first) to this package (last); one name for a direct dependency. */
  readonly chain: readonly string[];
  /** For a direct dependency: where the manifest declares it, and the range it asks for. */
  readonly declared?: { readonly group: string; readonly versionSpec?: string };
  readonly license?: string;
  readonly ruling: PackageRuling;
}

/** The rules that concern one package, each with the facts its words need. */
export type DependencyFacts =
  | (DependencyFactsBase & { readonly rule: 'package-denied' })
  | (DependencyFactsBase & { readonly rule: 'license-denied' })
  | (DependencyFactsBase & { readonly rule: 'license-needs-approval' })
  | (DependencyFactsBase & { readonly rule: 'license-unknown'; readonly reason: UnknownLicenseReason })
  | (DependencyFactsBase & {
      readonly rule: 'approval-pending';
      /** The rule the pending request asks an exception to; the finding keeps its severity. */
      readonly asks: 'license-denied' | 'license-needs-approval' | 'license-unknown';
      readonly reason?: UnknownLicenseReason;
    })
  | (DependencyFactsBase & { readonly rule: 'approval-rejected' });

export type DependencyRule = DependencyFacts['rule'];

/** A dependency that passes: what its hover and inlay hint say. */
export type PassingDependencyFacts = DependencyFactsBase & { readonly rule: 'pass'; readonly by: 'package-rule' | 'license-rule' | 'approval' };

/** The approvals log entry behind a ruling, when the log had a say. */
export function approvalEntryAt(ruling: PackageRuling): PolicyEntryLocation | undefined {
  return ruling.kind === 'license' && ruling.approval.kind !== 'none' ? ruling.approval.at : undefined;
}

/** The policy entries behind a ruling: the ones a "Go to Policy Rule" opens and related information lists. */
export function decidingEntries(ruling: PackageRuling): readonly PolicyEntryRef[] {
  return ruling.kind === 'package-rule' ? [ruling.entry] : ruling.judgement.entries;
}
