import type { OffsetSpan } from './line-index';

/** Replace `span` of a file's current text with `newText`; an empty span inserts. */
export interface OffsetEdit {
  readonly span: OffsetSpan;
  readonly newText: string;
}

/** Applies non-overlapping edits to a text; used by the CLI and tests, the editor applies WorkspaceEdits itself. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.span.start < cursor) throw new Error('overlapping edits');
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return out + text.slice(cursor);
}
