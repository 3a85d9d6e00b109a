import type { PolicyCategory } from '../spdx/policy-categories';
import type { OffsetSpan } from '../text/line-index';
import type { ExpiryPeriod } from './approval-expiry';

/**
 * Where a policy entry is written: the file of the layer that holds it (a base policy reached through `extends`
 * names its own file) and the span of the value. Entries of the embedded default policy have none.
 */
export interface PolicyEntryLocation {
  readonly path: string;
  readonly span: OffsetSpan;
}

/** What happens to a license that the lists do not decide. */
export type Disposition = 'allow' | 'review' | 'deny';

/** One entry of `licenses.allow|review|deny`, validated. */
export type LicenseRule =
  | { readonly kind: 'license'; readonly id: string; readonly exception?: string; readonly text: string; readonly at?: PolicyEntryLocation }
  | { readonly kind: 'ref'; readonly ref: string; readonly text: string; readonly at?: PolicyEntryLocation }
  | { readonly kind: 'category'; readonly category: PolicyCategory; readonly text: string; readonly at?: PolicyEntryLocation };

/** A Package URL pattern: `pkg:<type>/<namespace>/<name>` with `*` globs, optionally `@<version range>`. */
export interface PackagePattern {
  readonly text: string;
  readonly type: string;
  /** Glob over `namespace/name` (or just `name`), purl-decoded. */
  readonly nameGlob: string;
  readonly versionRange?: string;
  readonly at?: PolicyEntryLocation;
}

export interface LicensePolicy {
  readonly allow: readonly LicenseRule[];
  readonly review: readonly LicenseRule[];
  readonly deny: readonly LicenseRule[];
  readonly unknown: Disposition;
  readonly unlisted: Disposition;
  /** License-text detection below this confidence counts as unknown. */
  readonly minConfidence: number;
  /** Where the policy in force sets `unknown`, `unlisted` and `minConfidence`, when a policy file does. */
  readonly settingsAt?: Readonly<Partial<Record<LicenseSettingKey, PolicyEntryLocation>>>;
}

export type LicenseSettingKey = 'unknown' | 'unlisted' | 'minConfidence';

export interface PackagePolicy {
  readonly allow: readonly PackagePattern[];
  readonly deny: readonly PackagePattern[];
  /** Never sent to an online service. */
  readonly private: readonly PackagePattern[];
}

export interface HeaderPolicy {
  readonly enabled: boolean;
  /** Globs relative to the workspace root, forward slashes. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Expected SPDX expression; undefined means any valid SPDX expression is accepted. */
  readonly license?: string;
  readonly copyrightHolder?: string;
  /** Lines of the header, without comment markers; `{year}`, `{holder}`, `{license}` are substituted. */
  readonly template: readonly string[];
  /** Ask for REUSE compliance (LICENSES/ texts); undefined means: decide from the workspace. */
  readonly reuse?: boolean;
  /** Comment style overrides by glob, e.g. `{ "**\/*.tpl": "html" }`. */
  readonly styles: Readonly<Record<string, string>>;
}

export interface ApprovalsPolicy {
  /** Relative to the workspace root. */
  readonly file: string;
  readonly requestUrl?: string;
  /**
   * Who may approve: identities (`Name <email>`, a name) or emails. Empty: anyone who names themselves as
   * reviewer, except the requester.
   */
  readonly reviewers: readonly string[];
  /** Whether the person who requested an approval may also give it. */
  readonly allowSelfApproval: boolean;
  /** How long an approval counts when the reviewer does not say otherwise. */
  readonly defaultExpiry: ExpiryPeriod;
}

export type PolicySource =
  | { readonly kind: 'file'; readonly path: string; readonly chain: readonly string[] }
  | { readonly kind: 'default'; readonly reason: 'no-policy-file' | 'untrusted' };

export interface Policy {
  readonly source: PolicySource;
  readonly licenses: LicensePolicy;
  readonly packages: PackagePolicy;
  readonly headers: HeaderPolicy;
  readonly approvals: ApprovalsPolicy;
}

/** The policy key an entry sits under. */
export type PolicyEntryKey =
  | 'licenses.allow'
  | 'licenses.review'
  | 'licenses.deny'
  | 'licenses.unknown'
  | 'licenses.unlisted'
  | 'licenses.minConfidence'
  | 'packages.allow'
  | 'packages.deny';

/** A policy entry that took part in a decision: the key, the value as written, and where, when a file says it. */
export interface PolicyEntryRef {
  readonly key: PolicyEntryKey;
  readonly text: string;
  readonly at?: PolicyEntryLocation;
}
