import { purlNamePart } from '../policy/package-pattern';
import { interpretLicenseStatement } from '../spdx/interpret-license-statement';
import { canonicalExpressionKey } from '../spdx/spdx-expression';
import type { ApprovalEntry } from './approvals-log';
import { describeInvalidApproval, judgeApproval, type ReviewerRules } from './approval-validity';
import { semver } from '../text/lazy-semver';

/** The log's say on one package, decided by its latest matching entry. */
export type ApprovalState =
  | { readonly kind: 'none' }
  | { readonly kind: 'approved'; readonly entry: ApprovalEntry }
  | { readonly kind: 'requested'; readonly entry: ApprovalEntry }
  | { readonly kind: 'rejected'; readonly entry: ApprovalEntry }
  | { readonly kind: 'expired'; readonly entry: ApprovalEntry }
  /** Approved by someone the policy does not accept as reviewer for it: the approval does not count. */
  | { readonly kind: 'not-counted'; readonly entry: ApprovalEntry; readonly reason: string }
  /** Approved for a different license than the package has now: the approval does not carry over. */
  | { readonly kind: 'license-changed'; readonly entry: ApprovalEntry };

export interface ApprovalQuery {
  readonly purl: string;
  /** Resolved version, when known. */
  readonly version?: string;
  /** Declared range, used when the resolved version is unknown. */
  readonly versionSpec?: string;
  /** The package's license as found (expression text), when known. */
  readonly license?: string;
}

export function samePackage(a: string, b: string): boolean {
  const pa = purlNamePart(a);
  const pb = purlNamePart(b);
  if (!pa || !pb || pa.type !== pb.type) return false;
  const caseInsensitive = pa.type === 'pypi' || pa.type === 'nuget';
  return caseInsensitive ? pa.name.toLowerCase() === pb.name.toLowerCase() : pa.name === pb.name;
}

function versionCovered(entry: ApprovalEntry, query: ApprovalQuery): boolean {
  if (entry.version === undefined || entry.version === '' || entry.version === '*') return true;
  const range = semver().validRange(entry.version, { loose: true });
  if (!range) return entry.version === query.version || entry.version === query.versionSpec;
  if (query.version) {
    const version = semver().valid(query.version, { loose: true }) ?? semver().coerce(query.version)?.version;
    if (version) return semver().satisfies(version, range, { loose: true, includePrerelease: true });
  }
  if (query.versionSpec) {
    const declared = semver().validRange(query.versionSpec, { loose: true });
    // Without a resolved version, the approval must cover everything the declaration allows.
    if (declared) return semver().subset(declared, range, { loose: true, includePrerelease: true });
    return entry.version === query.versionSpec;
  }
  return false;
}

/** A license statement's identity for comparisons: canonical SPDX, or the trimmed text when it is not SPDX. */
export function licenseKey(text: string): string {
  const statement = interpretLicenseStatement(text);
  return statement.kind === 'spdx' ? canonicalExpressionKey(statement.expression) : text.trim();
}

/** Whether the license a request names is the one the package states (both known). */
export function sameLicense(a: string, b: string): boolean {
  return licenseKey(a) === licenseKey(b);
}

export function findApproval(entries: readonly ApprovalEntry[], query: ApprovalQuery, today: string, rules: ReviewerRules): ApprovalState {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (!samePackage(entry.package, query.purl) || !versionCovered(entry, query)) continue;
    switch (entry.status) {
      case 'requested':
        return { kind: 'requested', entry };
      case 'rejected':
        return { kind: 'rejected', entry };
      case 'approved': {
        const validity = judgeApproval(entry, rules, today);
        if (validity.kind === 'expired') return { kind: 'expired', entry };
        if (validity.kind !== 'valid') return { kind: 'not-counted', entry, reason: describeInvalidApproval(validity) };
        if (entry.license && query.license && !sameLicense(entry.license, query.license)) {
          return { kind: 'license-changed', entry };
        }
        return { kind: 'approved', entry };
      }
    }
  }
  return { kind: 'none' };
}

/** Today as `YYYY-MM-DD` in local time, the form `expires` and `requestedAt` use. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
