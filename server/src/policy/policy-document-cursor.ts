import { getLocation, type JSONPath } from 'jsonc-parser';
import type { OffsetSpan } from '../text/line-index';

/** Where the cursor is in a policy or approvals log, in JSON terms. */
export interface JsonCursor {
  /** The JSON path of the value at the cursor: `['licenses', 'allow', 0]`, `['approvals', 2, 'package']`. */
  readonly path: JSONPath;
  /** Inside a string value: its text before the cursor, and the span of its contents (without quotes). */
  readonly string?: { readonly value: string; readonly typed: string; readonly span: OffsetSpan };
  /** On a property key rather than a value. */
  readonly atKey: boolean;
}

/** The JSON location of `offset`, with the string under it when there is one (closed or still being typed). */
export function jsonCursorAt(text: string, offset: number): JsonCursor {
  const location = getLocation(text, offset);
  const node = location.previousNode;
  const atKey = location.isAtPropertyKey;
  if (!node || node.type !== 'string' || atKey) return { path: location.path, atKey };
  const closed = node.length >= 2 && text[node.offset + node.length - 1] === '"';
  const contentEnd = node.offset + node.length - (closed ? 1 : 0);
  // Right after a closed string's quote the cursor is no longer in it.
  if (offset <= node.offset || offset > contentEnd) return { path: location.path, atKey };
  return {
    path: location.path,
    atKey,
    string: { value: String(node.value), typed: text.slice(node.offset + 1, offset), span: { start: node.offset + 1, end: contentEnd } },
  };
}

/** What a string at a JSON path holds, in a policy file. */
export type PolicySlot = 'license-entry' | 'license-expression' | 'package-pattern' | 'extends' | 'none';

export function policySlot(path: JSONPath): PolicySlot {
  const [a, b, c] = path;
  if (a === 'licenses' && (b === 'allow' || b === 'review' || b === 'deny') && (c === undefined || typeof c === 'number')) return 'license-entry';
  if (a === 'headers' && b === 'license' && c === undefined) return 'license-expression';
  if (a === 'packages' && (b === 'allow' || b === 'deny' || b === 'private') && (c === undefined || typeof c === 'number')) return 'package-pattern';
  if (a === 'extends') return 'extends';
  return 'none';
}

/** What a string at a JSON path holds, in an approvals log. */
export function approvalsSlot(path: JSONPath): PolicySlot {
  const [a, b, c] = path;
  if (a !== 'approvals' || typeof b !== 'number') return 'none';
  if (c === 'package') return 'package-pattern';
  if (c === 'license' || c === 'detectedLicense') return 'license-expression';
  return 'none';
}
