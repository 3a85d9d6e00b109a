import type { Policy } from '../../../server/src/policy/policy-types';
import { evaluateLicenseExpression } from '../../../server/src/policy/evaluate-license';
import { parseSpdxExpression, sameLicenseExpression } from '../../../server/src/spdx/spdx-expression';

/** Ecosystems of the corpus, as the audit's JSON report names them. */
export type CorpusEcosystem = 'npm' | 'pypi' | 'gem' | 'cargo' | 'golang';

export const CORPUS_ECOSYSTEMS: readonly CorpusEcosystem[] = ['npm', 'pypi', 'gem', 'cargo', 'golang'];

/** One reviewed package of `corpus.json`. */
export interface CorpusEntry {
  readonly ecosystem: CorpusEcosystem;
  readonly name: string;
  readonly version: string;
  /** The license a careful reviewer gives, as an SPDX expression (`LicenseRef-…` for terms SPDX does not list). */
  readonly license: string;
  /** Which file or field says what. */
  readonly reason: string;
  readonly debianPackage?: string;
  readonly debianSource?: string;
  readonly debianVersion?: string;
}

/**
 * What a package's check comes to: `allowed`, or the finding it gets. Comparing these, rather than only the
 * policy's allow/review/deny, keeps "unknown, so review" apart from "known, and it needs review".
 */
export type VerdictCode = 'allowed' | 'license-needs-approval' | 'license-denied' | 'license-unknown' | string;

/** A package row of `ospo-guide audit --format json`, as far as the comparison reads it. */
export interface ReportedPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly version?: string;
  readonly direct: boolean;
  readonly license?: string;
  readonly licenseSource?: string;
  readonly status: string;
  readonly code?: string;
  readonly why?: string;
}

/**
 * An SPDX expression's verdict under the policy, through the same evaluation a declared license gets. Only strict
 * SPDX is judged: anything else (free text a mapping might read one way or another) is invalid here, so neither
 * the corpus nor a compared tool's output is read through this tool's own mappings.
 */
export function reviewerVerdict(license: string, policy: Policy): VerdictCode | { readonly invalid: string } {
  const parsed = parseSpdxExpression(license);
  if (!parsed.ok) return { invalid: `"${license}" is ${parsed.error}` };
  // The evaluation the audit applies to a package's SPDX license once it has one.
  switch (evaluateLicenseExpression(parsed.expression, policy.licenses).disposition) {
    case 'allow':
      return 'allowed';
    case 'review':
      return 'license-needs-approval';
    case 'deny':
      return 'license-denied';
  }
}

/** The verdict a report row records. */
export function reportedVerdict(row: ReportedPackage): VerdictCode {
  if (row.status === 'allowed' || row.status === 'approved') return 'allowed';
  return row.code ?? 'problem';
}

/** Whether a reported license string means the same expression as the reviewer's (order and grouping aside). */
export function sameExpression(reported: string | undefined, reviewer: string): boolean {
  if (reported === undefined) return false;
  const a = parseSpdxExpression(reported);
  const b = parseSpdxExpression(reviewer);
  return a.ok && b.ok && sameLicenseExpression(a.expression, b.expression);
}

/** PEP 503 names compare case-insensitively with runs of `-`, `_` and `.` folded. */
export function packageKey(ecosystem: string, name: string): string {
  return ecosystem === 'pypi' ? `${ecosystem}:${name.toLowerCase().replace(/[-_.]+/g, '-')}` : `${ecosystem}:${name}`;
}

export interface PackageOutcome {
  readonly entry: CorpusEntry;
  readonly reviewer: VerdictCode;
  /** Undefined when the report has no row for the package. */
  readonly ours?: VerdictCode;
  readonly oursLicense?: string;
  readonly oursSource?: string;
  readonly right: boolean;
  readonly sameExpression: boolean;
}

export interface EcosystemFigures {
  readonly ecosystem: string;
  readonly packages: number;
  readonly right: number;
  readonly unknown: number;
  /** The reviewer allows it, we do not. */
  readonly permissiveFlagged: number;
  /** Packages whose reviewed license needs approval or is denied under the policy (copyleft, proprietary). */
  readonly copyleft: number;
  /** Of those, the ones that get the reviewer's verdict: judged as their license, not as unknown. */
  readonly copyleftRight: number;
  /** The reviewer's license needs approval or is denied, and we allow it. */
  readonly copyleftPassed: number;
  readonly sameExpression: number;
  readonly outcomes: readonly PackageOutcome[];
}

/**
 * Compares the report's direct-dependency rows with the reviewed corpus. Entries whose reviewed license is not
 * a valid expression under the policy are returned apart: they are corpus errors, not tool errors.
 */
export function compareWithCorpus(
  ecosystem: string,
  entries: readonly CorpusEntry[],
  rows: readonly ReportedPackage[],
  policy: Policy,
): { figures: EcosystemFigures; corpusErrors: ReadonlyArray<{ entry: CorpusEntry; problem: string }> } {
  const byName = new Map<string, ReportedPackage>();
  for (const row of rows) {
    const key = packageKey(row.ecosystem, row.name);
    if (row.direct && !byName.has(key)) byName.set(key, row);
  }
  const outcomes: PackageOutcome[] = [];
  const corpusErrors: Array<{ entry: CorpusEntry; problem: string }> = [];
  for (const entry of entries) {
    const reviewer = reviewerVerdict(entry.license, policy);
    if (typeof reviewer !== 'string') {
      corpusErrors.push({ entry, problem: reviewer.invalid });
      continue;
    }
    const row = byName.get(packageKey(entry.ecosystem, entry.name));
    const ours = row ? reportedVerdict(row) : undefined;
    outcomes.push({
      entry,
      reviewer,
      ...(ours !== undefined ? { ours } : {}),
      ...(row?.license !== undefined ? { oursLicense: row.license } : {}),
      ...(row?.licenseSource !== undefined ? { oursSource: row.licenseSource } : {}),
      right: ours === reviewer,
      sameExpression: sameExpression(row?.license, entry.license),
    });
  }
  const count = (test: (o: PackageOutcome) => boolean) => outcomes.filter(test).length;
  return {
    figures: {
      ecosystem,
      packages: outcomes.length,
      right: count((o) => o.right),
      unknown: count((o) => o.ours === 'license-unknown' || o.ours === undefined),
      permissiveFlagged: count((o) => o.reviewer === 'allowed' && o.ours !== 'allowed'),
      copyleft: count((o) => o.reviewer !== 'allowed'),
      copyleftRight: count((o) => o.reviewer !== 'allowed' && o.right),
      copyleftPassed: count((o) => o.reviewer !== 'allowed' && o.ours === 'allowed'),
      sameExpression: count((o) => o.sameExpression),
      outcomes,
    },
    corpusErrors,
  };
}
