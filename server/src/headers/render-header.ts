import type { HeaderPolicy } from '../policy/policy-types';
import type { CommentStyle } from './comment-styles';

/**
 * The header's lines without comment markers, from the policy's template. Lines that need a copyright holder
 * are left out when the policy names none, rather than writing a placeholder into every file.
 */
export function headerLines(policy: HeaderPolicy, license: string, year: number): string[] {
  return policy.template
    .filter((line) => !line.includes('{holder}') || policy.copyrightHolder)
    .map((line) => line.replace(/\{year\}/g, String(year)).replace(/\{holder\}/g, policy.copyrightHolder ?? '').replace(/\{license\}/g, license).trimEnd());
}

/** Wraps lines in the style's comments; every line ends with `eol`. */
export function renderComment(lines: readonly string[], style: CommentStyle, eol: string): string {
  if (style.preferred === 'line' && style.line) {
    return lines.map((l) => (l ? `${style.line} ${l}` : style.line!)).join(eol) + eol;
  }
  const block = style.block!;
  // reStructuredText comments end at the first unindented line: no closing marker.
  const closing = block.end === '' ? [] : [block.end];
  return [block.start, ...lines.map((l) => (l ? `${block.inner}${l}` : block.inner.trimEnd())), ...closing].join(eol) + eol;
}
