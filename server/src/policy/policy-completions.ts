import exceptionIds = require('spdx-exceptions');
import licenseIds = require('spdx-license-ids');
import spdxLicenseList = require('spdx-license-list');
import { categoryMembers, describePolicyCategory, POLICY_CATEGORIES } from '../spdx/policy-categories';
import type { OffsetSpan } from '../text/line-index';
import { EMBEDDED_DEFAULT } from './load-policy';
import { approvalsSlot, jsonCursorAt, policySlot, type PolicySlot } from './policy-document-cursor';
import { PURL_TYPES, SUPPORTED_PURL_TYPES } from './purl-types';

export type PolicyCompletionKind = 'license' | 'exception' | 'operator' | 'category' | 'purl-type' | 'package' | 'base-policy';

/** One completion: the text that replaces `span`, and how to label it. */
export interface PolicyCompletion {
  readonly kind: PolicyCompletionKind;
  readonly label: string;
  /** Shown beside the label: a license's full name, a category's size. */
  readonly description?: string;
  readonly detail?: string;
  readonly newText: string;
  readonly span: OffsetSpan;
  readonly sortText?: string;
  /** More completions follow (after `pkg:npm/`, after `WITH `). */
  readonly retrigger?: boolean;
  /** `newText` is a snippet: `$0` marks where the cursor goes. */
  readonly snippet?: boolean;
}

/** A package the workspace uses, as completion offers it. */
export interface PackageChoice {
  readonly purl: string;
  readonly version?: string;
  readonly license?: string;
}

/** Completions at `offset` of a policy file or an approvals log. */
export function policyCompletions(text: string, offset: number, file: 'policy' | 'approvals', packages: readonly PackageChoice[]): PolicyCompletion[] {
  const cursor = jsonCursorAt(text, offset);
  if (cursor.atKey) return [];
  const slot: PolicySlot = file === 'policy' ? policySlot(cursor.path) : approvalsSlot(cursor.path);
  // Outside a string only array slots take a new item, written with its quotes.
  const inArray = cursor.path.length <= 2 || typeof cursor.path[cursor.path.length - 1] === 'number';
  if (!cursor.string && !(inArray && slot !== 'license-expression')) return [];
  const quoted = !cursor.string;
  const here = { start: offset, end: offset };
  const quote = (s: string) => (quoted ? JSON.stringify(s) : s);
  switch (slot) {
    case 'license-entry':
    case 'license-expression': {
      const typed = cursor.string?.typed ?? '';
      // Only the token at the cursor is replaced: `GPL-2.0-only WITH Cl|` completes the exception.
      const tokenStart = typed.search(/[^\s()]*$/);
      const before = typed.slice(0, tokenStart);
      const afterCursor = cursor.string ? text.slice(offset, cursor.string.span.end) : '';
      const tokenEnd = offset + (afterCursor.match(/^[^\s()]*/)?.[0].length ?? 0);
      const span = cursor.string ? { start: cursor.string.span.start + tokenStart, end: tokenEnd } : here;
      if (/\bWITH\s+$/.test(before)) return exceptionCompletions(span, quote);
      if (before.trim() !== '' && /\S\s+$/.test(before)) {
        const operators = slot === 'license-entry' ? ['WITH'] : ['WITH', 'AND', 'OR'];
        return operators.map((op) => ({ kind: 'operator', label: op, newText: `${op} `, span, retrigger: op === 'WITH' }));
      }
      return [...(slot === 'license-entry' && before === '' ? categoryCompletions(span, quote) : []), ...licenseCompletions(span, quote)];
    }
    case 'package-pattern': {
      const span = cursor.string?.span ?? here;
      const types = [...SUPPORTED_PURL_TYPES, ...PURL_TYPES.filter((t) => !(SUPPORTED_PURL_TYPES as readonly string[]).includes(t))];
      const typeItems: PolicyCompletion[] = types.map((type, i) => ({
        kind: 'purl-type',
        label: `pkg:${type}/`,
        description: i < SUPPORTED_PURL_TYPES.length ? 'Package URL type' : 'Package URL type (no manifests read for it)',
        newText: quoted ? `"pkg:${type}/$0"` : `pkg:${type}/`,
        span,
        ...(quoted ? { snippet: true } : {}),
        sortText: `1${String(i).padStart(3, '0')}`,
        retrigger: true,
      }));
      const seen = new Set<string>();
      const packageItems: PolicyCompletion[] = [];
      for (const pkg of packages) {
        if (seen.has(pkg.purl)) continue;
        seen.add(pkg.purl);
        packageItems.push({
          kind: 'package',
          label: pkg.purl,
          description: [pkg.version, pkg.license].filter(Boolean).join(' · ') || undefined,
          detail: 'used in this workspace',
          newText: quote(pkg.purl),
          span,
          sortText: `0${pkg.purl}`,
        });
      }
      return [...packageItems, ...typeItems];
    }
    case 'extends':
      return [{ kind: 'base-policy', label: EMBEDDED_DEFAULT, description: 'the embedded default policy', newText: quote(EMBEDDED_DEFAULT), span: cursor.string?.span ?? here }];
    case 'none':
      return [];
  }
}

function licenseCompletions(span: OffsetSpan, quote: (s: string) => string): PolicyCompletion[] {
  return licenseIds.map((id) => {
    const info = Object.hasOwn(spdxLicenseList, id) ? spdxLicenseList[id] : undefined;
    return {
      kind: 'license' as const,
      label: id,
      ...(info ? { description: info.name } : {}),
      detail: info ? `${info.name}${info.osiApproved ? ' · OSI approved' : ''}` : 'SPDX license',
      newText: quote(id),
      span,
      sortText: `2${id.toLowerCase()}`,
    };
  });
}

function exceptionCompletions(span: OffsetSpan, quote: (s: string) => string): PolicyCompletion[] {
  return exceptionIds.map((id) => ({ kind: 'exception', label: id, description: 'SPDX license exception', newText: quote(id), span }));
}

function categoryCompletions(span: OffsetSpan, quote: (s: string) => string): PolicyCompletion[] {
  return POLICY_CATEGORIES.map((category, i) => {
    const size = categoryMembers(category).length;
    return {
      kind: 'category' as const,
      label: `@${category}`,
      description: `${size} licenses`,
      detail: describePolicyCategory(category),
      newText: quote(`@${category}`),
      span,
      sortText: `1${String(i).padStart(2, '0')}`,
    };
  });
}
