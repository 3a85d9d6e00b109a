import { isUtf8 } from 'node:buffer';
import type { Finding } from '../findings/finding';
import { headerMarkersEnd, lineEndFrom } from '../headers/header-markers';
import { joinNormalized } from '../io/path-containment';
import { decodeSource, readSourceText, SourceHeadReader, type SourceText } from '../io/read-source-text';
import type { ReuseCoverage } from '../reuse/reuse-coverage';
import type { WorkspaceEngine } from '../workspace/workspace-engine';

/** How much of a source file the header check reads: headers live at the top, and huge files must stay cheap. */
export const HEADER_READ_BYTES = 64 * 1024;
/** How much of a file is searched for a tag below its head: enough for any source file, bounded for blobs. */
const TAG_SEARCH_BYTES = 16 * 1024 * 1024;

/** This thread's reader of file heads: what it returns is used up before the next file is read. */
const heads = new SourceHeadReader(HEADER_READ_BYTES);

/** A license expression a file uses, where it is stated (0-based line; 0 when it comes from REUSE metadata). */
export interface LicenseUseNote {
  readonly expression: string;
  readonly path: string;
  readonly line: number;
}

/** What the audit learns from one header-selected file. */
export interface HeaderFileAudit {
  readonly findings: readonly Finding[];
  readonly skipped?: { readonly path: string; readonly reason: string };
  /** Only gathered when REUSE compliance applies. */
  readonly licenseUses: readonly LicenseUseNote[];
  readonly checked: boolean;
}

/**
 * Checks one header-selected file as the editor would, reading its bytes first (`header-markers.ts`): a file
 * whose bytes hold none of the markers a header check looks at and that REUSE metadata covers is decided by
 * its first line alone; any other is first checked on its text up to the line of its last marker, and decoded
 * whole only when that finds something, so that a finding's fixes see the whole text.
 */
export function auditHeaderFile(engine: WorkspaceEngine, relative: string, reuse: boolean, options: { readonly manifest?: boolean } = {}): HeaderFileAudit {
  const absolute = joinNormalized(engine.root, relative);
  const file = { path: absolute, relativePath: relative };
  const read = heads.read(absolute);
  if (read.kind === 'unreadable') return notText(engine, relative, absolute, reuse, read);
  const { bytes, truncated } = read;
  // A manifest's text is checked for its dependencies too, which needs all of it.
  const head = truncated || options.manifest ? undefined : decisiveHead(engine, relative, bytes);
  if (head) {
    const { findings, licenses } = engine.checkSelectedHeaderFile(file, head.text, { ...(head.coverage ? { coverage: head.coverage } : {}), licenses: reuse });
    if (head.coverage || findings.length === 0) {
      return { findings, licenseUses: licenses.map(({ expression, line }) => ({ expression, path: absolute, line })), checked: true };
    }
  }
  const source = decodeSource(bytes, truncated);
  if (source.kind !== 'text') return notText(engine, relative, absolute, reuse, source);
  let text = source.text;
  let checked = engine.checkSelectedHeaderFile(file, text, { licenses: reuse });
  // A tag may sit anywhere in a file: only when the head has none is more of a large file read.
  if (source.truncated && checked.findings.some((f) => f.code === 'header-missing')) {
    const whole = readSourceText(absolute, TAG_SEARCH_BYTES);
    if (whole.kind === 'text') {
      text = whole.text;
      checked = engine.checkSelectedHeaderFile(file, text, { licenses: reuse });
    }
  }
  return { findings: checked.findings, licenseUses: checked.licenses.map(({ expression, line }) => ({ expression, path: absolute, line })), checked: true };
}

function notText(engine: WorkspaceEngine, relative: string, absolute: string, reuse: boolean, source: Exclude<SourceText, { kind: 'text' }>): HeaderFileAudit {
  // A binary file's REUSE metadata still uses license texts.
  const coverage = reuse ? engine.reuseIndex.coverageFor(relative) : ({ kind: 'none' } as const);
  return {
    findings: [],
    skipped: { path: relative, reason: source.kind === 'binary' ? 'binary' : source.reason },
    licenseUses: coverage.kind === 'none' ? [] : coverage.licenses.map((expression) => ({ expression, path: absolute, line: 0 })),
    checked: false,
  };
}

/**
 * The part of a whole file's text that decides its header check, for a file in UTF-8 or Latin-1:
 * - with no header marker, and covered by REUSE metadata (returned with it): the check can only report on
 *   that metadata, at the file's first line, so the first line is all it needs;
 * - with markers: the text up to the end of the line holding the last one.
 * Undefined when the file needs its whole text decoded (UTF-16, binary, no marker and no coverage).
 */
function decisiveHead(engine: WorkspaceEngine, relative: string, bytes: Buffer): { text: string; coverage?: ReuseCoverage } | undefined {
  if (bytes.length === 0 || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  // The encoding is the whole file's, as a full decode would choose it.
  const encoding = isUtf8(bytes) ? 'utf8' : 'latin1';
  const markersEnd = headerMarkersEnd(bytes);
  if (markersEnd > 0) return { text: bytes.toString(encoding, 0, markersEnd) };
  const coverage = engine.reuseIndex.coverageFor(relative);
  if (coverage.kind === 'none') return undefined;
  return { text: bytes.toString(encoding, 0, lineEndFrom(bytes, 0)), coverage };
}
