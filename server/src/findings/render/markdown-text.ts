/**
 * Text quoted into hover Markdown. The characters that can start emphasis, code, a link, HTML, an entity, a
 * table cell or strike-through are escaped, and so is `@`, so that `name@1.0.0` is not turned into a `mailto:`
 * link by the renderer's link detection. Other punctuation stays as it is: clients that show the Markdown as
 * text show it readably.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>&|~@#]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** Text as inline code: shown verbatim (no escapes are read in code spans), with a fence longer than any run of backticks inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
