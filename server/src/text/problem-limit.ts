import type { OffsetSpan } from './line-index';

/**
 * Problems reported per file, at most: a mangled file can hold hundreds of thousands of syntax errors, and
 * publishing each one stalls the editor while the first few already say what is wrong.
 */
export const MAX_PROBLEMS_PER_FILE = 100;

/** The first MAX_PROBLEMS_PER_FILE problems, and one that counts the rest, placed where the first of them is. */
export function capProblems<P extends { readonly span: OffsetSpan; readonly message: string }>(problems: readonly P[], more: (first: P, count: number) => P): P[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return [...problems];
  const omitted = problems.length - MAX_PROBLEMS_PER_FILE;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), more(problems[MAX_PROBLEMS_PER_FILE], omitted)];
}
