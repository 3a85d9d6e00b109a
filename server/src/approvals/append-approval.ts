import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import { parseJsonTree } from '../text/json-tree';
import type { OffsetSpan } from '../text/line-index';
import type { FileEdit } from '../findings/finding';
import type { ApprovalStatus } from './approvals-log';

export interface ApprovalRequest {
  readonly package: string;
  readonly version?: string;
  /** The license approval is asked for. */
  readonly license?: string;
  /** What the package's metadata says, when the request names another license. */
  readonly detectedLicense?: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly justification: string;
}

export interface ApprovalReview {
  /** Index of the entry in the `approvals` array. */
  readonly index: number;
  readonly status: Exclude<ApprovalStatus, 'requested'>;
  readonly reviewedBy: string;
  readonly reviewedAt: string;
  readonly comment?: string;
  /** `YYYY-MM-DD`, for approvals; absent means the approval does not expire. */
  readonly expires?: string;
}

/** Indentation and line ending as the existing file uses them, so an edit does not reformat the log. */
function formattingOf(text: string): FormattingOptions {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const indentMatch = /\n([ \t]+)\S/.exec(text);
  const indent = indentMatch?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol };
}

const STARTER = '{\n  "approvals": []\n}\n';

/**
 * The edit that appends a `requested` entry to the approvals log, creating the log when it does not exist.
 * Comments and formatting of the existing file are kept: only the array gains an element.
 */
export function appendApprovalRequestEdit(logPath: string, existing: string | undefined, request: ApprovalRequest): FileEdit | { error: string } {
  const entry = {
    package: request.package,
    ...(request.version ? { version: request.version } : {}),
    ...(request.license ? { license: request.license } : {}),
    ...(request.detectedLicense ? { detectedLicense: request.detectedLicense } : {}),
    status: 'requested',
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    justification: request.justification,
  };
  if (existing === undefined || existing.trim() === '') {
    const text = applyEdits(STARTER, modify(STARTER, ['approvals', -1], entry, { formattingOptions: formattingOf(STARTER) }));
    return existing === undefined
      ? { path: logPath, create: true, edits: [{ span: { start: 0, end: 0 }, newText: text }] }
      : { path: logPath, edits: [{ span: { start: 0, end: existing.length }, newText: text }] };
  }
  const tree = parseJsonTree(existing, { allowTrailingComma: true });
  if (tree.kind === 'too-deep') return { error: `${logPath} is nested too deep to read; fix it before requesting approvals` };
  const root = tree.root;
  if (!root || root.type !== 'object') return { error: `${logPath} is not a JSON object; fix it before requesting approvals` };
  const approvals = root.children?.find((p) => p.children?.[0]?.value === 'approvals')?.children?.[1];
  if (approvals && approvals.type !== 'array') return { error: `"approvals" in ${logPath} is not an array` };
  const edits = modify(existing, ['approvals', -1], entry, { formattingOptions: formattingOf(existing), isArrayInsertion: true });
  return { path: logPath, edits: edits.map((e) => ({ span: { start: e.offset, end: e.offset + e.length }, newText: e.content })) };
}

/**
 * Where the text of the last entry's justification sits in a log (between its quotes), so that an editor can put
 * the requester there after a request recorded without one.
 */
export function lastJustificationSpan(text: string): OffsetSpan | undefined {
  const tree = parseJsonTree(text, { allowTrailingComma: true });
  if (tree.kind !== 'parsed' || tree.root?.type !== 'object') return undefined;
  const approvals = tree.root.children?.find((p) => p.children?.[0]?.value === 'approvals')?.children?.[1];
  const last = approvals?.type === 'array' ? approvals.children?.at(-1) : undefined;
  const value = last?.type === 'object' ? last.children?.find((p) => p.children?.[0]?.value === 'justification')?.children?.[1] : undefined;
  return value?.type === 'string' ? { start: value.offset + 1, end: value.offset + value.length - 1 } : undefined;
}

/** The edit that records a reviewer's decision on entry `index`. */
export function reviewApprovalEdit(logPath: string, existing: string, review: ApprovalReview): FileEdit {
  const formattingOptions = formattingOf(existing);
  const values: Array<[string, string | undefined]> = [
    ['status', review.status],
    ['reviewedBy', review.reviewedBy],
    ['reviewedAt', review.reviewedAt],
    ['comment', review.comment],
    ['expires', review.expires],
  ];
  // Each modify is computed against the text the previous ones produced, then expressed as one replacement.
  let text = existing;
  for (const [key, value] of values) {
    if (value === undefined) continue;
    text = applyEdits(text, modify(text, ['approvals', review.index, key], value, { formattingOptions }));
  }
  return { path: logPath, edits: [minimalReplacement(existing, text)] };
}

function minimalReplacement(before: string, after: string): FileEdit['edits'][number] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { span: { start, end: endBefore }, newText: after.slice(start, endAfter) };
}
