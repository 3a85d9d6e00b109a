import type { OffsetSpan } from '../text/line-index';

/** What a file says about its own license and copyright. */
export interface HeaderInfo {
  /** Each `SPDX-License-Identifier:` tag: the expression text and its span. */
  readonly licenses: ReadonlyArray<{ readonly expression: string; readonly span: OffsetSpan; readonly lineSpan: OffsetSpan }>;
  /** Licenses of `SPDX-SnippetBegin`…`SPDX-SnippetEnd` regions: they cover the snippet, not the file. */
  readonly snippetLicenses: ReadonlyArray<{ readonly expression: string; readonly span: OffsetSpan }>;
  /** Each copyright statement (`SPDX-FileCopyrightText:`, `Copyright`, `©`), with its span. */
  readonly copyrights: ReadonlyArray<{ readonly text: string; readonly span: OffsetSpan; readonly years?: { readonly span: OffsetSpan; readonly first: number; readonly last: number } }>;
  /** `Code generated … DO NOT EDIT.` or `@generated`: not for people to edit, so not for headers either. */
  readonly generated: boolean;
}

/**
 * How far into a file tags are looked for. REUSE accepts a tag anywhere, but a header is at the top, and
 * reading further makes every keystroke in a large file pay for it.
 */
export const HEADER_SCAN_CHARS = 64 * 1024;

// Tags are matched without regard to case, as REUSE does, so `spdx-license-identifier:` is not re-added.
const LICENSE_TAG = /SPDX-License-Identifier:[ \t]*([^\r\n]*)/gi;
const COPYRIGHT_TAG = /(SPDX-FileCopyrightText:|\bCopyright\b(?:[ \t]*\([cC]\))?|©)[ \t]*([^\r\n]*)/g;
const GENERATED = /^(?:\/\/|#|--|;|\/\*)?\s*Code generated .* DO NOT EDIT\.|@generated\b/m;
/** Comment closers that may trail a tag on the same line. */
const TRAILING_COMMENT_END = /\s*(\*\/|-->|\*\)|-\}|#\}|--\}\}|")\s*$/;

/**
 * Reads the license and copyright tags in the first `HEADER_SCAN_CHARS` characters, between ignore markers.
 * REUSE accepts a tag anywhere, so when the head has no license tag, the rest of the text is searched for one
 * (a single scan, no further parsing), and the scan goes on from there.
 */
export function readHeader(text: string): HeaderInfo {
  // A check and the license listing that follows it read the same text: the second reading is free.
  if (text !== lastRead?.text) lastRead = { text, info: readHeaderUncached(text) };
  return lastRead.info;
}

let lastRead: { readonly text: string; readonly info: HeaderInfo } | undefined;

function readHeaderUncached(text: string): HeaderInfo {
  let scanned = text.slice(0, HEADER_SCAN_CHARS);
  if (text.length > HEADER_SCAN_CHARS && !/SPDX-License-Identifier:/i.test(scanned)) {
    const later = text.slice(HEADER_SCAN_CHARS).search(/SPDX-License-Identifier:/i);
    if (later >= 0) scanned = text.slice(0, HEADER_SCAN_CHARS + later + HEADER_SCAN_CHARS);
  }
  // One search for both kinds of marker: most files have neither.
  const marked = scanned.includes('REUSE-Ignore') || scanned.includes('SPDX-Snippet');
  const ignored = marked ? markedRanges(scanned, 'REUSE-IgnoreStart', 'REUSE-IgnoreEnd') : [];
  const inIgnored = (offset: number) => ignored.some((r) => offset >= r.start && offset < r.end);
  const snippets = marked ? markedRanges(scanned, 'SPDX-SnippetBegin', 'SPDX-SnippetEnd') : [];
  const inSnippet = (offset: number) => snippets.some((r) => offset >= r.start && offset < r.end);

  const licenses: Array<HeaderInfo['licenses'][number]> = [];
  const snippetLicenses: Array<HeaderInfo['snippetLicenses'][number]> = [];
  for (const match of scanned.matchAll(LICENSE_TAG)) {
    if (inIgnored(match.index)) continue;
    let expression = match[1];
    const trailing = TRAILING_COMMENT_END.exec(expression);
    if (trailing) expression = expression.slice(0, trailing.index);
    expression = expression.trimEnd();
    const start = match.index + match[0].length - match[1].length;
    if (inSnippet(match.index)) {
      snippetLicenses.push({ expression, span: { start, end: start + expression.length } });
      continue;
    }
    const lineStart = scanned.lastIndexOf('\n', match.index) + 1;
    const lineEndIndex = scanned.slice(match.index).search(/\r?\n|\r/);
    const lineEnd = lineEndIndex < 0 ? scanned.length : match.index + lineEndIndex;
    licenses.push({ expression, span: { start, end: start + expression.length }, lineSpan: { start: lineStart, end: lineEnd } });
  }

  // Notices are read when asked for (year updates, sidecars): the header check itself needs only the tags.
  let copyrights: HeaderInfo['copyrights'] | undefined;
  const readNotices = () => (copyrights ??= readCopyrights(scanned, (offset) => inIgnored(offset) || inSnippet(offset)));
  const head = scanned.slice(0, 4096);
  const generated = (head.includes('DO NOT EDIT') || head.includes('@generated')) && GENERATED.test(head);
  return {
    licenses,
    snippetLicenses,
    get copyrights() {
      return readNotices();
    },
    generated,
  };
}

function readCopyrights(scanned: string, skipped: (offset: number) => boolean): HeaderInfo['copyrights'] {
  const copyrights: Array<HeaderInfo['copyrights'][number]> = [];
  // The literal searches first: most files hold no notice, and the regular expressions cost far more.
  for (const match of scanned.includes('Copyright') || scanned.includes('©') ? scanned.matchAll(COPYRIGHT_TAG) : []) {
    if (skipped(match.index)) continue;
    // Only lines that look like notices: a tag at the start of a comment line, followed by a year or a name.
    const before = scanned.slice(scanned.lastIndexOf('\n', match.index) + 1, match.index);
    if (!/^[\s/*#;'!"%<!\-({]*$/.test(before) || match[2].trim() === '') continue;
    const text = match[0].replace(TRAILING_COMMENT_END, '');
    const yearMatch = /\b((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\b/.exec(text);
    const years = yearMatch
      ? {
          span: { start: match.index + yearMatch.index, end: match.index + yearMatch.index + yearMatch[0].length },
          first: Number(yearMatch[1]),
          last: Number(yearMatch[2] ?? yearMatch[1]),
        }
      : undefined;
    copyrights.push({ text, span: { start: match.index, end: match.index + text.length }, ...(years ? { years } : {}) });
  }
  return copyrights;
}

/**
 * Spans between a start and an end marker (to the end of the text when unterminated): `REUSE-IgnoreStart` …
 * `REUSE-IgnoreEnd`, which REUSE skips, and `SPDX-SnippetBegin` … `SPDX-SnippetEnd`.
 */
function markedRanges(text: string, startMarker: string, endMarker: string): OffsetSpan[] {
  const ranges: OffsetSpan[] = [];
  if (!text.includes(startMarker)) return ranges;
  const pattern = new RegExp(`${startMarker}|${endMarker}`, 'g');
  let open: number | undefined;
  for (const match of text.matchAll(pattern)) {
    if (match[0] === startMarker && open === undefined) open = match.index;
    else if (match[0] === endMarker && open !== undefined) {
      ranges.push({ start: open, end: match.index });
      open = undefined;
    }
  }
  if (open !== undefined) ranges.push({ start: open, end: text.length });
  return ranges;
}
