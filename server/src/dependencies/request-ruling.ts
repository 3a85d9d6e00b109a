import type { Disposition, Policy } from '../policy/policy-types';
import { findMatchingPattern } from '../policy/package-pattern';
import { describeJudgement } from '../findings/render/policy-trail';
import { judgeLicense } from './decide-package';

/** What the policy says about the license an approval request names: the reviewer must know what they override. */
export interface RequestRuling {
  /** `deny`: approving makes an exception to a deny; `review`: the policy asks for exactly this review. */
  readonly disposition: Disposition;
  readonly why: string;
}

/** The policy's verdict on a package under a license, without consulting the approvals log. */
export function requestRuling(purl: string, version: string | undefined, license: string | undefined, policy: Policy): RequestRuling {
  const denied = findMatchingPattern(policy.packages.deny, purl, version);
  if (denied) return { disposition: 'deny', why: `the package is denied by packages.deny "${denied.text}"` };
  const allowed = findMatchingPattern(policy.packages.allow, purl, version);
  if (allowed) return { disposition: 'allow', why: `allowed by packages.allow "${allowed.text}"` };
  const source = { kind: 'approval', path: policy.approvals.file } as const;
  const judgement = judgeLicense(license ? { kind: 'declared', expression: license, source } : { kind: 'none', searched: [] }, policy);
  return { disposition: judgement.disposition, why: describeJudgement(judgement, { displayPath: () => 'the request' }) };
}
