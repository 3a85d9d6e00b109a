import { compileDep5Glob, type PathGlob } from './reuse-glob';

export interface Dep5Paragraph {
  readonly patterns: readonly PathGlob[];
  readonly copyright: string;
  readonly license: string;
}

/**
 * Reads `.reuse/dep5` (Debian copyright format 1.0, deprecated by REUSE 3.2 in favour of REUSE.toml): the
 * paragraphs with a `Files:` field. Continuation lines start with white space.
 */
export function readDep5(text: string): Dep5Paragraph[] {
  const paragraphs: Dep5Paragraph[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    let current: string | undefined;
    for (const line of block.split('\n')) {
      if (/^[ \t]/.test(line) && current) {
        fields.set(current, `${fields.get(current)}\n${line.trim() === '.' ? '' : line.trim()}`);
        continue;
      }
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (!match) continue;
      current = match[1].toLowerCase();
      fields.set(current, match[2]);
    }
    const files = fields.get('files');
    if (!files) continue;
    paragraphs.push({
      patterns: files.split(/\s+/).filter(Boolean).map(compileDep5Glob),
      copyright: (fields.get('copyright') ?? '').trim(),
      license: (fields.get('license') ?? '').split('\n')[0].trim(),
    });
  }
  return paragraphs;
}

/** The last paragraph whose patterns match, as Debian's format says. */
export function matchingDep5(paragraphs: readonly Dep5Paragraph[], relativePath: string): Dep5Paragraph | undefined {
  for (let i = paragraphs.length - 1; i >= 0; i--) if (paragraphs[i].patterns.some((p) => p.test(relativePath))) return paragraphs[i];
  return undefined;
}
