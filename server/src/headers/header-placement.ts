import * as path from 'node:path';

/** Where a new header goes and what must surround it so the file stays valid. */
export interface HeaderPlacement {
  /** Offset at which the header is inserted. */
  readonly offset: number;
  /** The file's line ending, used for every inserted line. */
  readonly eol: string;
  /** True when the text before `offset` does not end with a line break (a lone shebang line). */
  readonly needsLeadingBreak: boolean;
  /** True when what follows is code, so a blank line separates it from the header. */
  readonly needsTrailingBlank: boolean;
  /** Inside `<?php`: the header must be a PHP comment, not text before the PHP block. */
  readonly insidePhp: boolean;
}

/** The file's own line ending: the first one in it; LF for a file with none. */
export function detectEol(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

/** Length of the line starting at `offset`, including its terminator. */
function lineLength(text: string, offset: number): number {
  const match = /\r\n|\n|\r/.exec(text.slice(offset));
  return match ? match.index + match[0].length : text.length - offset;
}

function lineAt(text: string, offset: number): string {
  const match = /\r\n|\n|\r/.exec(text.slice(offset));
  return match ? text.slice(offset, offset + match.index) : text.slice(offset);
}

/** PEP 263: `# -*- coding: utf-8 -*-` and similar. */
const PYTHON_ENCODING = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;
/** Dockerfile parser directives must come before any other comment, or they stop being directives. */
const DOCKERFILE_DIRECTIVE = /^#\s*(syntax|escape|check)\s*=/i;

/**
 * Finds the insertion point for a header, keeping first what must stay first: the BOM, a shebang, a Python
 * encoding declaration (which must sit on line 1 or 2), an XML declaration and DOCTYPE, `<?php`, Dockerfile
 * parser directives, Markdown front matter and a batch file's `@echo off`.
 */
export function findHeaderPlacement(text: string, fileName: string): HeaderPlacement {
  const eol = detectEol(text);
  const base = path.basename(fileName);
  const ext = path.extname(base).toLowerCase();
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let insidePhp = false;
  let lineNumber = 1;
  const skipLine = () => {
    offset += lineLength(text, offset);
    lineNumber++;
  };

  if (text.startsWith('#!', offset)) skipLine();
  if (lineNumber <= 2 && PYTHON_ENCODING.test(lineAt(text, offset))) skipLine();

  if (/^<\?xml\b/.test(text.slice(offset))) {
    const end = text.indexOf('?>', offset);
    offset = end < 0 ? text.length : end + 2;
    offset += /^(\r\n|\n|\r)/.exec(text.slice(offset))?.[0].length ?? 0;
  }
  if (/^\s*<!DOCTYPE\b/i.test(text.slice(offset, offset + 200))) {
    const end = text.indexOf('>', offset);
    offset = end < 0 ? text.length : end + 1;
    offset += /^(\r\n|\n|\r)/.exec(text.slice(offset))?.[0].length ?? 0;
  }
  if (/^<\?php\b/i.test(text.slice(offset))) {
    insidePhp = true;
    skipLine();
  }
  if (/^(Dockerfile|Containerfile)(\..*)?$/.test(base) || ext === '.dockerfile') {
    while (offset < text.length && DOCKERFILE_DIRECTIVE.test(lineAt(text, offset))) skipLine();
  }
  if (['.md', '.markdown', '.mdx', '.html', '.htm'].includes(ext) && /^---[ \t]*(\r\n|\n|\r)/.test(text.slice(offset))) {
    const close = /(\r\n|\n|\r)---[ \t]*(\r\n|\n|\r|$)/.exec(text.slice(offset + 3));
    if (close) offset += 3 + close.index + close[0].length;
  }
  if (['.bat', '.cmd'].includes(ext) && /^@echo\s+off\b/i.test(lineAt(text, offset))) skipLine();

  const before = text.slice(0, offset);
  const needsLeadingBreak = offset > 0 && before !== '\ufeff' && !/(\r\n|\n|\r)$/.test(before);
  const rest = text.slice(offset);
  const needsTrailingBlank = rest.length > 0 && !/^(\r\n|\n|\r)/.test(rest);
  return { offset, eol, needsLeadingBreak, needsTrailingBlank, insidePhp };
}
