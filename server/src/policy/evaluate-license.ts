import type { Disposition, LicensePolicy, LicenseRule, PolicyEntryLocation } from './policy-types';
import { categoryContains } from '../spdx/policy-categories';
import { formatSpdxExpression, type SpdxExpression } from '../spdx/spdx-expression';

/** Which rule decided a single license. */
export type LeafRule =
  | { readonly kind: 'listed'; readonly list: Disposition; readonly item: string; readonly at?: PolicyEntryLocation }
  | { readonly kind: 'unlisted' };

export interface LeafDecision {
  readonly license: string;
  readonly disposition: Disposition;
  readonly rule: LeafRule;
}

/** The verdict on a whole expression and the leaves that produced it. */
export interface LicenseDecision {
  readonly disposition: Disposition;
  /** The leaves that decided: for AND the worst ones, for OR the chosen alternative's. */
  readonly decidedBy: readonly LeafDecision[];
  /** For an expression with OR: the alternative that was chosen, as text. */
  readonly chosen?: string;
}

const RANK: Readonly<Record<Disposition, number>> = { allow: 0, review: 1, deny: 2 };

function ruleMatches(rule: LicenseRule, leaf: Extract<SpdxExpression, { kind: 'license' | 'ref' }>): boolean {
  switch (rule.kind) {
    case 'license':
      // `X WITH e` is its own license: it matches only an item written with that exception, and vice versa.
      return leaf.kind === 'license' && leaf.id === rule.id && leaf.exception === rule.exception;
    case 'ref':
      return leaf.kind === 'ref' && leaf.ref === rule.ref;
    case 'category':
      // Exceptions only add permissions, so a `WITH` leaf is classified by its license.
      return leaf.kind === 'license' && categoryContains(rule.category, leaf.id);
  }
}

/**
 * Decides one license: an item naming it exactly beats a category that contains it (a team allowing
 * `LGPL-2.1-only` while reviewing `@restricted` means that license is fine); at equal specificity the strictest
 * list wins.
 */
export function decideLeaf(leaf: Extract<SpdxExpression, { kind: 'license' | 'ref' }>, policy: LicensePolicy): LeafDecision {
  const license = formatSpdxExpression(leaf);
  const lists: Array<[Disposition, readonly LicenseRule[]]> = [
    ['deny', policy.deny],
    ['review', policy.review],
    ['allow', policy.allow],
  ];
  for (const exact of [true, false]) {
    for (const [list, rules] of lists) {
      const rule = rules.find((r) => (r.kind !== 'category') === exact && ruleMatches(r, leaf));
      if (rule) return { license, disposition: list, rule: { kind: 'listed', list, item: rule.text, ...(rule.at ? { at: rule.at } : {}) } };
    }
  }
  return { license, disposition: policy.unlisted, rule: { kind: 'unlisted' } };
}

/** SPDX semantics: OR passes when either side passes (the best side is chosen), AND takes the worst side. */
export function evaluateLicenseExpression(expression: SpdxExpression, policy: LicensePolicy): LicenseDecision {
  switch (expression.kind) {
    case 'license':
    case 'ref': {
      const leaf = decideLeaf(expression, policy);
      return { disposition: leaf.disposition, decidedBy: [leaf] };
    }
    case 'and': {
      const left = evaluateLicenseExpression(expression.left, policy);
      const right = evaluateLicenseExpression(expression.right, policy);
      const disposition = RANK[left.disposition] >= RANK[right.disposition] ? left.disposition : right.disposition;
      const decidedBy = [left, right].filter((d) => d.disposition === disposition).flatMap((d) => d.decidedBy);
      const chosen = [left.chosen, right.chosen].filter((c): c is string => c !== undefined);
      return { disposition, decidedBy, ...(chosen.length ? { chosen: chosen.join(' AND ') } : {}) };
    }
    case 'or': {
      const left = evaluateLicenseExpression(expression.left, policy);
      const right = evaluateLicenseExpression(expression.right, policy);
      const [best, bestExpr] = RANK[right.disposition] < RANK[left.disposition] ? [right, expression.right] : [left, expression.left];
      return { disposition: best.disposition, decidedBy: best.decidedBy, chosen: best.chosen ?? formatSpdxExpression(bestExpr) };
    }
  }
}

/** The verdict on a statement that may mean any of several expressions (a family whose variant is not stated). */
export interface CandidatesDecision {
  readonly disposition: Disposition;
  /** Every candidate got the same verdict. */
  readonly unanimous: boolean;
  /** The candidates, as text, under each verdict the policy gives them. */
  readonly byDisposition: Readonly<Record<Disposition, readonly string[]>>;
  /** The leaves behind the verdict: those of the candidates that got it (all of them when none did). */
  readonly decidedBy: readonly LeafDecision[];
}

/**
 * Weighs every license a statement may mean. When the policy treats them all alike, that verdict stands. When
 * some are allowed and others not, the package needs approval: a reviewer who finds out the variant can record
 * it. When none is allowed, the strictest verdict stands, so a GPL package is judged as GPL even when its
 * metadata does not say which GPL.
 */
export function evaluateCandidates(candidates: readonly SpdxExpression[], policy: LicensePolicy): CandidatesDecision {
  const byDisposition: Record<Disposition, string[]> = { allow: [], review: [], deny: [] };
  const leaves: Record<Disposition, LeafDecision[]> = { allow: [], review: [], deny: [] };
  for (const candidate of candidates) {
    const decision = evaluateLicenseExpression(candidate, policy);
    byDisposition[decision.disposition].push(formatSpdxExpression(candidate));
    leaves[decision.disposition].push(...decision.decidedBy);
  }
  const present = (['allow', 'review', 'deny'] as const).filter((d) => byDisposition[d].length > 0);
  if (present.length === 1) return { disposition: present[0], unanimous: true, byDisposition, decidedBy: leaves[present[0]] };
  const disposition = byDisposition.allow.length > 0 ? 'review' : 'deny';
  const decidedBy = leaves[disposition].length ? leaves[disposition] : [...leaves.allow, ...leaves.review, ...leaves.deny];
  return { disposition, unanimous: false, byDisposition, decidedBy };
}
