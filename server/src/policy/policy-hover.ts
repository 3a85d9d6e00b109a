import spdxLicenseList = require('spdx-license-list');
import { decideLeaf, evaluateLicenseExpression } from './evaluate-license';
import { isFsfLibre } from '../spdx/fsf-libre';
import { blueOakRating, categoriesOf, categoryContains, categoryMembers, categorySource, describePolicyCategory, isPolicyCategory, type PolicyCategory } from '../spdx/policy-categories';
import { expressionLeaves, parseSpdxExpression } from '../spdx/spdx-expression';
import type { OffsetSpan } from '../text/line-index';
import { packagePatternMatches } from './package-pattern';
import { approvalsSlot, jsonCursorAt, policySlot } from './policy-document-cursor';
import type { Disposition, Policy } from './policy-types';

/** A package the workspace uses, as far as a hover needs to know it. */
export interface WorkspacePackage {
  readonly name: string;
  readonly purl: string;
  readonly version?: string;
  readonly license?: string;
}

export interface PolicyHover {
  readonly markdown: string;
  readonly span: OffsetSpan;
}

/** How many packages a hover names before it only counts the rest. */
const NAMED_PACKAGES = 12;

/**
 * A hover in a policy file or approvals log: on a license id, what it is and what this policy decides for it;
 * on a category, its members; on a list's key, the workspace packages that list decides.
 */
export function policyHover(text: string, offset: number, file: 'policy' | 'approvals', policy: Policy, packages: readonly WorkspacePackage[]): PolicyHover | undefined {
  const cursor = jsonCursorAt(text, offset);
  if (cursor.atKey) return file === 'policy' ? listHover(text, offset, cursor.path, policy, packages) : undefined;
  if (!cursor.string) return undefined;
  const slot = file === 'policy' ? policySlot(cursor.path) : approvalsSlot(cursor.path);
  if (slot !== 'license-entry' && slot !== 'license-expression') return undefined;
  const { span, value } = cursor.string;
  // The token under the cursor: one id of `GPL-2.0-only WITH Classpath-exception-2.0`.
  const at = offset - span.start;
  const start = value.slice(0, at).search(/[^\s()]*$/);
  const end = at + (value.slice(at).match(/^[^\s()]*/)?.[0].length ?? 0);
  const token = value.slice(start, end);
  const tokenSpan = { start: span.start + start, end: span.start + end };
  if (token.startsWith('@')) {
    const category = token.slice(1);
    return isPolicyCategory(category) ? { markdown: categoryHover(category, policy, packages), span: tokenSpan } : undefined;
  }
  const parsed = parseSpdxExpression(token);
  if (!parsed.ok || parsed.expression.kind !== 'license') return undefined;
  return { markdown: licenseHover(token, parsed.expression.id, policy, packages), span: tokenSpan };
}

function licenseHover(written: string, id: string, policy: Policy, packages: readonly WorkspacePackage[]): string {
  const info = Object.hasOwn(spdxLicenseList, id) ? spdxLicenseList[id] : undefined;
  const lines = [`**${escape(id)}**${info ? ` — ${escape(info.name)}` : ''}${written !== id ? ` (written \`${written}\`)` : ''}`];
  lines.push([info?.osiApproved ? 'OSI approved' : 'not OSI approved', isFsfLibre(id) ? 'FSF free (libre)' : 'not listed as free by the FSF'].join(' · '));
  const rating = blueOakRating(id);
  const categories = categoriesOf(id).map((c) => `\`@${c}\``);
  lines.push(`Categories: ${categories.length ? categories.join(', ') : 'none'}${rating ? ` (Blue Oak rating: ${rating})` : ''}`);
  const decision = decideLeaf({ kind: 'license', id }, policy.licenses);
  const why = decision.rule.kind === 'listed' ? `licenses.${decision.rule.list}: \`${decision.rule.item}\`` : 'in no list, so licenses.unlisted';
  lines.push(`This policy: **${verdict(decision.disposition)}** (${why})`);
  const carrying = packages.filter((row) => licenseLeaves(row).includes(id));
  lines.push(workspaceLine(carrying, 'carry it'));
  return lines.join('\n\n');
}

function categoryHover(category: PolicyCategory, policy: Policy, packages: readonly WorkspacePackage[]): string {
  const members = categoryMembers(category);
  const lists = (['allow', 'review', 'deny'] as const).filter((list) => policy.licenses[list].some((r) => r.kind === 'category' && r.category === category));
  const covered = packages.filter((row) => licenseLeaves(row).some((id) => categoryContains(category, id)));
  return [
    `**@${category}** — ${escape(describePolicyCategory(category))}`,
    `Source: ${escape(categorySource(category))}.`,
    `This policy: ${lists.length ? lists.map((l) => `licenses.${l}`).join(', ') : 'not in any list'}`,
    workspaceLine(covered, 'have a license in it'),
    `${members.length} licenses: ${members.map(escape).join(', ')}`,
  ].join('\n\n');
}

/** On `"allow"`, `"deny"` …: the packages of this workspace the list decides. */
function listHover(text: string, offset: number, path: readonly (string | number)[], policy: Policy, packages: readonly WorkspacePackage[]): PolicyHover | undefined {
  const [group, list] = path;
  if (path.length !== 2 || typeof list !== 'string') return undefined;
  const keyStart = text.lastIndexOf('"', offset - 1);
  const span = { start: keyStart, end: keyStart + list.length + 2 };
  if (group === 'licenses' && (list === 'allow' || list === 'review' || list === 'deny')) {
    const decided = packages.filter((row) => {
      const parsed = row.license ? parseSpdxExpression(row.license) : undefined;
      if (!parsed?.ok) return false;
      return evaluateLicenseExpression(parsed.expression, policy.licenses).decidedBy.some((leaf) => leaf.rule.kind === 'listed' && leaf.rule.list === list);
    });
    return { markdown: `**licenses.${list}** decides the license of ${workspaceLine(decided, '').replace(/^In this workspace: /, '')}`, span };
  }
  if (group === 'packages' && (list === 'allow' || list === 'deny' || list === 'private')) {
    const patterns = policy.packages[list];
    const matched = packages.filter((row) => patterns.some((p) => packagePatternMatches(p, row.purl, row.version)));
    return { markdown: `**packages.${list}** matches ${workspaceLine(matched, '').replace(/^In this workspace: /, '')}`, span };
  }
  return undefined;
}

/** `In this workspace: 3 packages carry it: a@1, b@2, c@3`. */
function workspaceLine(rows: readonly WorkspacePackage[], what: string): string {
  if (!rows.length) return `In this workspace: no package${what ? ` ${what.replace(/^carry/, 'carries').replace(/^have/, 'has')}` : ''}`;
  const names = [...new Set(rows.map((r) => `\`${r.name}${r.version ? `@${r.version}` : ''}\``))];
  const shown = names.slice(0, NAMED_PACKAGES).join(', ') + (names.length > NAMED_PACKAGES ? ` and ${names.length - NAMED_PACKAGES} more` : '');
  return `In this workspace: ${names.length} package${names.length === 1 ? '' : 's'}${what ? ` ${what}` : ''}: ${shown}`;
}

function licenseLeaves(row: WorkspacePackage): string[] {
  const parsed = row.license ? parseSpdxExpression(row.license) : undefined;
  if (!parsed?.ok) return [];
  return expressionLeaves(parsed.expression).flatMap((leaf) => (leaf.kind === 'license' ? [leaf.id] : []));
}

function verdict(disposition: Disposition): string {
  return disposition === 'allow' ? 'allowed' : disposition === 'review' ? 'needs review' : 'denied';
}

/** Markdown quotes what it shows: `@scope/x` and `a@1.0` must not become links. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>@~]/g, (c) => `\\${c}`);
}
