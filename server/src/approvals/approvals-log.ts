import type { Node } from 'jsonc-parser';
import { parseJsonTree } from '../text/json-tree';
import { capProblems } from '../text/problem-limit';
import type { OffsetSpan } from '../text/line-index';

export type ApprovalStatus = 'requested' | 'approved' | 'rejected';

/** One entry of `.ospo/approvals.json`, validated. */
export interface ApprovalEntry {
  readonly package: string;
  readonly version?: string;
  /** The license the request (and so the approval) is for. */
  readonly license?: string;
  /** What the package's metadata said when the request was made, when that differs from `license`. */
  readonly detectedLicense?: string;
  readonly status: ApprovalStatus;
  readonly requestedBy?: string;
  readonly requestedAt?: string;
  readonly justification?: string;
  readonly reviewedBy?: string;
  readonly reviewedAt?: string;
  readonly comment?: string;
  /** `YYYY-MM-DD`; the approval no longer counts after that day. */
  readonly expires?: string;
  /** Where the entry sits in the log, for messages and review edits. */
  readonly index: number;
  readonly span: OffsetSpan;
  /** Where some values sit, so that a message can point at the value it is about. */
  readonly valueSpans: Partial<Record<'reviewedBy' | 'expires', OffsetSpan>>;
}

export interface ApprovalsLog {
  readonly path: string;
  readonly entries: readonly ApprovalEntry[];
  readonly problems: ReadonlyArray<{ readonly span: OffsetSpan; readonly message: string }>;
}

const STATUSES: readonly ApprovalStatus[] = ['requested', 'approved', 'rejected'];
const STRING_FIELDS = ['package', 'version', 'license', 'detectedLicense', 'requestedBy', 'requestedAt', 'justification', 'reviewedBy', 'reviewedAt', 'comment', 'expires'] as const;

/** Reads the approvals log; a broken entry is reported and skipped, the others still count. */
export function readApprovalsLog(path: string, text: string | undefined): ApprovalsLog {
  if (text === undefined) return { path, entries: [], problems: [] };
  const tree = parseJsonTree(text, { allowTrailingComma: true });
  if (tree.kind === 'too-deep') return { path, entries: [], problems: [{ span: tree.span, message: `approvals log syntax error: ${tree.message}` }] };
  const { root, errors } = tree;
  const problems: Array<{ span: OffsetSpan; message: string }> = errors.map((e) => ({
    span: { start: e.offset, end: e.offset + e.length },
    message: 'approvals log syntax error',
  }));
  const entries: ApprovalEntry[] = [];
  const list = root?.type === 'object' ? propertyValue(root, 'approvals') : undefined;
  if (!list || list.type !== 'array') {
    if (root) problems.push({ span: { start: root.offset, end: root.offset + root.length }, message: 'the approvals log must be an object with an "approvals" array' });
    return { path, entries, problems: capApprovalsProblems(problems) };
  }
  (list.children ?? []).forEach((item, index) => {
    const span = { start: item.offset, end: item.offset + item.length };
    if (item.type !== 'object') return void problems.push({ span, message: 'an approval must be an object' });
    const fields: Record<string, string> = {};
    for (const key of STRING_FIELDS) {
      const value = propertyValue(item, key);
      if (value?.type === 'string') fields[key] = value.value as string;
    }
    const status: unknown = propertyValue(item, 'status')?.value;
    if (!fields.package || !/^pkg:[^/]+\/.+/.test(fields.package)) {
      return void problems.push({ span, message: 'an approval needs "package" as a Package URL (pkg:npm/name)' });
    }
    if (!STATUSES.includes(status as ApprovalStatus)) {
      return void problems.push({ span, message: `approval for ${fields.package}: "status" must be requested, approved or rejected` });
    }
    if (fields.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fields.expires)) {
      problems.push({ span, message: `approval for ${fields.package}: "expires" must be YYYY-MM-DD; the approval is treated as expired` });
      fields.expires = '0000-00-00';
    }
    const valueSpans: ApprovalEntry['valueSpans'] = {};
    for (const key of ['reviewedBy', 'expires'] as const) {
      const value = propertyValue(item, key);
      if (value) valueSpans[key] = { start: value.offset, end: value.offset + value.length };
    }
    entries.push({ ...(fields as { package: string }), status: status as ApprovalStatus, index, span, valueSpans });
  });
  return { path, entries, problems: capApprovalsProblems(problems) };
}

function capApprovalsProblems(problems: ReadonlyArray<{ span: OffsetSpan; message: string }>): Array<{ span: OffsetSpan; message: string }> {
  return capProblems(problems, (first, count) => ({ span: first.span, message: `… and ${count} more problems in the approvals log` }));
}

function propertyValue(object: Node, key: string): Node | undefined {
  for (const prop of object.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}
