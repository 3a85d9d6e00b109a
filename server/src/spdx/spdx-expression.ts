import parseSpdx = require('spdx-expression-parse');
import licenseIds = require('spdx-license-ids');

/**
 * A parsed SPDX license expression with deprecated ids already mapped to their current form, so that
 * `GPL-2.0`, `GPL-2.0-only` and `GPL-2.0-only` written in a policy all compare equal.
 */
export type SpdxExpression =
  | { readonly kind: 'license'; readonly id: string; readonly exception?: string }
  /** `LicenseRef-…` / `DocumentRef-…:LicenseRef-…`: a license outside the SPDX list. */
  | { readonly kind: 'ref'; readonly ref: string }
  | { readonly kind: 'and' | 'or'; readonly left: SpdxExpression; readonly right: SpdxExpression };

export type SpdxParseResult =
  | { readonly ok: true; readonly expression: SpdxExpression }
  | { readonly ok: false; readonly error: string };

type RawNode =
  | { license: string; plus?: boolean; exception?: string }
  | { left: RawNode; conjunction: 'and' | 'or'; right: RawNode };

/**
 * Deprecated ids and their replacements. The SPDX list marks these deprecated; the `-with-…-exception`
 * forms became `WITH` expressions and the bare GNU ids became `-only`.
 */
export const DEPRECATED: Readonly<Record<string, { id: string; exception?: string }>> = {
  'AGPL-1.0': { id: 'AGPL-1.0-only' },
  'AGPL-3.0': { id: 'AGPL-3.0-only' },
  'GFDL-1.1': { id: 'GFDL-1.1-only' },
  'GFDL-1.2': { id: 'GFDL-1.2-only' },
  'GFDL-1.3': { id: 'GFDL-1.3-only' },
  'GPL-1.0': { id: 'GPL-1.0-only' },
  'GPL-2.0': { id: 'GPL-2.0-only' },
  'GPL-3.0': { id: 'GPL-3.0-only' },
  'LGPL-2.0': { id: 'LGPL-2.0-only' },
  'LGPL-2.1': { id: 'LGPL-2.1-only' },
  'LGPL-3.0': { id: 'LGPL-3.0-only' },
  'GPL-2.0-with-GCC-exception': { id: 'GPL-2.0-only', exception: 'GCC-exception-2.0' },
  'GPL-2.0-with-autoconf-exception': { id: 'GPL-2.0-only', exception: 'Autoconf-exception-2.0' },
  'GPL-2.0-with-bison-exception': { id: 'GPL-2.0-only', exception: 'Bison-exception-2.2' },
  'GPL-2.0-with-classpath-exception': { id: 'GPL-2.0-only', exception: 'Classpath-exception-2.0' },
  'GPL-2.0-with-font-exception': { id: 'GPL-2.0-only', exception: 'Font-exception-2.0' },
  'GPL-3.0-with-GCC-exception': { id: 'GPL-3.0-only', exception: 'GCC-exception-3.1' },
  'GPL-3.0-with-autoconf-exception': { id: 'GPL-3.0-only', exception: 'Autoconf-exception-3.0' },
  'wxWindows': { id: 'LGPL-2.0-or-later', exception: 'WxWindows-exception-3.1' },
};

/** `X+` on a GNU-style id means its `-or-later` form; other ids keep the `+` as part of their name. */
function orLaterId(id: string): string {
  const base = id.replace(/-only$/, '');
  return /^(A|L)?GPL-|^GFDL-/.test(base) ? `${base}-or-later` : `${id}+`;
}

function fromRaw(node: RawNode): SpdxExpression {
  if ('conjunction' in node) {
    return { kind: node.conjunction, left: fromRaw(node.left), right: fromRaw(node.right) };
  }
  if (/^(DocumentRef-[^:]+:)?LicenseRef-/.test(node.license)) return { kind: 'ref', ref: node.license };
  const replaced = DEPRECATED[node.license];
  let id = replaced ? replaced.id : node.license;
  if (node.plus) id = orLaterId(id);
  const exception = node.exception ?? replaced?.exception;
  return exception ? { kind: 'license', id, exception } : { kind: 'license', id };
}

/** Strict SPDX parsing: ids and operators as the specification writes them (ids are case-sensitive). */
export function parseSpdxExpression(text: string): SpdxParseResult {
  let parsed = parsedExpressions.get(text);
  if (!parsed) {
    parsed = parseUncached(text);
    // Results are immutable; a tree's files repeat a few expressions thousands of times.
    if (parsedExpressions.size >= PARSED_EXPRESSIONS_KEPT) parsedExpressions.clear();
    parsedExpressions.set(text, parsed);
  }
  return parsed;
}

const PARSED_EXPRESSIONS_KEPT = 1024;
const parsedExpressions = new Map<string, SpdxParseResult>();

function parseUncached(text: string): SpdxParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'empty license expression' };
  try {
    return { ok: true, expression: fromRaw(parseSpdx(trimmed) as RawNode) };
  } catch (error) {
    return { ok: false, error: `not a valid SPDX expression: ${describeParseFailure(trimmed, (error as Error).message)}` };
  }
}

/**
 * The parser's own words (`Unexpected \`B\` at offset 0`, or a TypeError when the text ends early) mean
 * nothing to the person who wrote the expression; this says which word is wrong and how.
 */
function describeParseFailure(text: string, parserMessage: string): string {
  const at = /at offset (\d+)/.exec(parserMessage);
  if (!at) {
    if (/\(\s*$|\b(AND|OR|WITH)\s*$/.test(text)) return 'it ends early: a license or ")" is missing after the last operator';
    if ((text.match(/\(/g) ?? []).length !== (text.match(/\)/g) ?? []).length) return 'its parentheses do not match';
    const tokens = text.match(/[()]|[^\s()]+/g) ?? [];
    const operand = (t: string | undefined) => t !== undefined && !/^(AND|OR|WITH|\(|\))$/.test(t);
    const i = tokens.findIndex((t, k) => k > 0 && operand(t) && operand(tokens[k - 1]));
    if (i > 0) return `"${tokens[i]}" follows a license without AND, OR or WITH between them`;
    return 'it is not a license id, or ids joined by AND, OR and WITH';
  }
  const offset = Number(at[1]);
  const word = /^[^\s()]+|^[()]/.exec(text.slice(offset))?.[0] ?? text.slice(offset, offset + 1);
  const before = text.slice(0, offset).trimEnd();
  if (/\bWITH$/.test(before)) return `"${word}" is not an SPDX license exception`;
  if (/^(and|or|with)$/i.test(word)) return `operators are written in capitals: "${word.toUpperCase()}", not "${word}"`;
  if (before !== '' && !/(\(|\bAND|\bOR)$/.test(before)) return `"${word}" follows a license without AND, OR or WITH between them`;
  const known = licenseIdCaseInsensitive(word);
  if (known) return `"${word}" is not an SPDX license id (did you mean "${known}"?)`;
  return `"${word}" is not an SPDX license id`;
}

let lowerCaseIds: Map<string, string> | undefined;

function licenseIdCaseInsensitive(word: string): string | undefined {
  lowerCaseIds ??= new Map((licenseIds as readonly string[]).map((id) => [id.toLowerCase(), id]));
  const plain = word.replace(/\+$/, '');
  const id = lowerCaseIds.get(plain.toLowerCase());
  return id ? `${id}${word.slice(plain.length)}` : undefined;
}

/** The expression written back in canonical form; compound operands are parenthesised only where needed. */
export function formatSpdxExpression(expression: SpdxExpression, parent?: 'and' | 'or'): string {
  switch (expression.kind) {
    case 'license':
      return expression.exception ? `${expression.id} WITH ${expression.exception}` : expression.id;
    case 'ref':
      return expression.ref;
    case 'and':
    case 'or': {
      const text = `${formatSpdxExpression(expression.left, expression.kind)} ${expression.kind.toUpperCase()} ${formatSpdxExpression(expression.right, expression.kind)}`;
      // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
      return parent === 'and' && expression.kind === 'or' ? `(${text})` : text;
    }
  }
}

/** The distinct leaves (license or ref, with exception) of an expression, in order. */
export function expressionLeaves(expression: SpdxExpression): Array<Extract<SpdxExpression, { kind: 'license' | 'ref' }>> {
  if (expression.kind === 'license' || expression.kind === 'ref') return [expression];
  return [...expressionLeaves(expression.left), ...expressionLeaves(expression.right)];
}

/** The operands of a chain of the same operator, flattened: `A OR (B OR C)` → [A, B, C]. */
function operands(expression: SpdxExpression, kind: 'and' | 'or'): SpdxExpression[] {
  return expression.kind === kind ? [...operands(expression.left, kind), ...operands(expression.right, kind)] : [expression];
}

/** A canonical key: equal for expressions that differ only in operand order, grouping or deprecated ids. */
export function canonicalExpressionKey(expression: SpdxExpression): string {
  if (expression.kind === 'license' || expression.kind === 'ref') return formatSpdxExpression(expression);
  const parts = [...new Set(operands(expression, expression.kind).map(canonicalExpressionKey))].sort();
  return parts.length === 1 ? parts[0] : `${expression.kind}(${parts.join(',')})`;
}

export function sameLicenseExpression(a: SpdxExpression, b: SpdxExpression): boolean {
  return canonicalExpressionKey(a) === canonicalExpressionKey(b);
}
