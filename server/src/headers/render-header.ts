import { headerTextProblem } from '../policy/header-text';
import type { HeaderPolicy } from '../policy/policy-types';
import type { CommentStyle } from './comment-styles';

/**
 * The header's lines without comment markers, from the policy's template. Lines that need a copyright holder
 * are left out when the policy names none, rather than writing a placeholder into every file. Placeholders
 * are replaced in one pass, so a holder spelling `{license}` stays as written.
 */
export function headerLines(policy: HeaderPolicy, license: string, year: number): string[] {
  const values: Readonly<Record<string, string>> = { year: String(year), holder: policy.copyrightHolder ?? '', license };
  const lines = policy.template
    .filter((line) => !line.includes('{holder}') || policy.copyrightHolder)
    .map((line) => line.replace(/\{(year|holder|license)\}/g, (_, key: string) => values[key]).trimEnd());
  // A comment opening on a blank line is not one in every language (an empty reStructuredText comment ends there).
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines;
}

export type RenderedHeader =
  | { readonly kind: 'comment'; readonly text: string }
  /** The lines cannot be written safely in this style; `reason` says why, for the finding's message. */
  | { readonly kind: 'refused'; readonly reason: string };

export interface RenderContext {
  /** The header goes inside `<?php`, where `?>` ends a line comment and the PHP block with it. */
  readonly insidePhp?: boolean;
}

/**
 * Wraps lines in the style's comments; every line ends with `eol`. Text that would end the comment early is
 * broken up with a space so it stays readable (`*\/` becomes `* /`, `-->` becomes `- ->`); text that cannot be
 * made safe that way is refused with the reason.
 */
export function renderHeaderComment(lines: readonly string[], style: CommentStyle, eol: string, context: RenderContext = {}): RenderedHeader {
  for (const l of lines) {
    const problem = headerTextProblem(l);
    if (problem) return { kind: 'refused', reason: `the header line "${printable(l)}" ${problem}` };
  }
  const useLine = style.preferred === 'line' && style.line !== undefined;
  const tokens = useLine ? lineCommentClosers(context) : blockCommentTokens(style);
  const escaped = lines.map((l) => breakTokens(style.name === 'bat' ? l.replace(/%/g, '%%') : l, tokens));
  for (const l of escaped) {
    const refusal = refusalFor(l, style, useLine);
    if (refusal) return { kind: 'refused', reason: `the header line "${l}" ${refusal}` };
  }
  if (useLine) return { kind: 'comment', text: escaped.map((l) => (l ? `${style.line} ${l}` : style.line!)).join(eol) + eol };
  const block = style.block!;
  // reStructuredText comments end at the first unindented line: no closing marker.
  const closing = block.end === '' ? [] : [block.end];
  return { kind: 'comment', text: [block.start, ...escaped.map((l) => (l ? `${block.inner}${l}` : block.inner.trimEnd())), ...closing].join(eol) + eol };
}

/** What ends a line comment other than a line break. */
function lineCommentClosers(context: RenderContext): string[] {
  // PHP: "one-line comments comment to the end of the line or the current block of PHP code, whichever comes first".
  return context.insidePhp ? ['?>'] : [];
}

/**
 * Block comment openers and closers. Openers too: Rust, Swift, Scala, Haskell, OCaml and XQuery nest block
 * comments, so an opener inside would leave the comment open past its closer. Where a delimiter holds `--`,
 * `--` itself is broken up: XML forbids it inside comments and HTML ends a comment at `--!>` as well.
 */
function blockCommentTokens(style: CommentStyle): string[] {
  const block = style.block!;
  const delimiters = [block.start.trim(), block.end.trim()].filter((d) => d !== '' && d !== '..');
  return delimiters.some((d) => d.includes('--')) ? ['--', ...delimiters] : delimiters;
}

/**
 * Inserts a space after the first character of every occurrence of a token until none is left. A space is in
 * no token, so breaking one occurrence can only split others: the loop ends.
 */
function breakTokens(text: string, tokens: readonly string[]): string {
  let out = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const token of tokens) {
      if (!out.includes(token)) continue;
      out = out.split(token).join(`${token[0]} ${token.slice(1)}`);
      changed = true;
    }
  }
  return out;
}

/** Why a line cannot be written in this style even with delimiters broken up. */
function refusalFor(line: string, style: CommentStyle, useLine: boolean): string | undefined {
  if (useLine) {
    const continuation = style.lineContinuation?.find((c) => line.endsWith(c));
    if (continuation) return `ends with "${continuation.trim()}", which carries a ${style.line} comment onto the next line`;
  }
  // Java translates \uXXXX escapes before it reads comments: \u000a ends a line comment, \u002a\u002f a block.
  if (style.line === '//' && /\\u+[0-9a-fA-F]{4}/.test(line)) return 'holds a \\u escape, which Java reads as the character it names, even in a comment';
  return undefined;
}

/** The line as it can be quoted in a one-line message: controls and separators as `\uXXXX`. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
