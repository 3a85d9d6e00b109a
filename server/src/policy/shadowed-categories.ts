import { findNodeAtLocation } from 'jsonc-parser';
import { categoryContains, categoryMembers, type PolicyCategory } from '../spdx/policy-categories';
import { parseJsonTree } from '../text/json-tree';
import type { Disposition, LicensePolicy } from './policy-types';
import type { PolicyProblem } from './read-policy-layer';

const STRICTER: Readonly<Record<Disposition, readonly Disposition[]>> = { allow: ['review', 'deny'], review: ['deny'], deny: [] };

/**
 * Categories that decide no license under the merged policy: empty, or every member named exactly somewhere or
 * in a category of a stricter list (exact entries win, then the strictest list). Such an entry reads as a
 * decision but changes nothing, which usually means the policy says something other than what was meant.
 * Reported where the policy file at `path` lists the category.
 */
export function shadowedCategoryWarnings(path: string, text: string, licenses: LicensePolicy): PolicyProblem[] {
  const exact = new Set((['allow', 'review', 'deny'] as const).flatMap((list) => licenses[list].flatMap((r) => (r.kind === 'license' && !r.exception ? [r.id] : []))));
  const tree = parseJsonTree(text, { allowTrailingComma: true, disallowComments: false });
  if (tree.kind !== 'parsed' || !tree.root) return [];
  const problems: PolicyProblem[] = [];
  for (const list of ['allow', 'review', 'deny'] as const) {
    const stricter = STRICTER[list].flatMap((other) => licenses[other].flatMap((r) => (r.kind === 'category' ? [{ category: r.category, list: other }] : [])));
    const nodes = findNodeAtLocation(tree.root, ['licenses', list])?.children ?? [];
    for (const rule of licenses[list]) {
      if (rule.kind !== 'category') continue;
      const node = nodes.find((n) => n.type === 'string' && n.value === rule.text);
      if (!node) continue;
      const reason = shadowReason(rule.category, exact, stricter);
      if (reason) problems.push({ path, span: { start: node.offset, end: node.offset + node.length }, message: `${rule.text} in licenses.${list} decides no license: ${reason}`, severity: 'warning' });
    }
  }
  return problems;
}

function shadowReason(category: PolicyCategory, exact: ReadonlySet<string>, stricter: ReadonlyArray<{ category: PolicyCategory; list: Disposition }>): string | undefined {
  const members = categoryMembers(category);
  if (members.length === 0) return 'the category has no licenses';
  const by = new Set<string>();
  for (const id of members) {
    if (exact.has(id)) continue;
    const covering = stricter.find((s) => categoryContains(s.category, id));
    if (!covering) return undefined;
    by.add(`@${covering.category} in licenses.${covering.list}`);
  }
  return `each of its ${members.length} licenses is named exactly or in ${[...by].join(', ') || 'another list'}, which wins`;
}
