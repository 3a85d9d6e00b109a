import { createScanner, parseTree, SyntaxKind, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';
import type { OffsetSpan } from './line-index';

/**
 * jsonc-parser builds its tree recursively, so a few thousand nested brackets overflow the stack. No policy,
 * approvals log or manifest nests anywhere near this deep.
 */
export const MAX_JSON_DEPTH = 256;

export type JsonTree =
  | { readonly kind: 'parsed'; readonly root: Node | undefined; readonly errors: readonly ParseError[] }
  /** Not parsed: `span` is the bracket that goes past MAX_JSON_DEPTH. */
  | { readonly kind: 'too-deep'; readonly span: OffsetSpan; readonly message: string };

/** Parses JSON with comments into a tree, refusing (with the place) text nested deeper than MAX_JSON_DEPTH. */
export function parseJsonTree(text: string, options: ParseOptions): JsonTree {
  const deep = firstTooDeepBracket(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    return { kind: 'too-deep', span: { start: deep, end: deep + 1 }, message: `nested deeper than ${MAX_JSON_DEPTH} levels here; the file is not read` };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, options);
  return { kind: 'parsed', root, errors };
}

/** The offset of the first `{` or `[` at nesting level `maxDepth + 1`, found by the (iterative) scanner. */
function firstTooDeepBracket(text: string, maxDepth: number): number | undefined {
  // Cheap exit: text with fewer brackets than the limit cannot nest past it.
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= maxDepth; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets++;
  }
  if (brackets <= maxDepth) return undefined;
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > maxDepth) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
