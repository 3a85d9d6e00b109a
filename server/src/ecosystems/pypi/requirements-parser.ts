import type { ManifestProblem, ParsedManifest } from '../ecosystem';
import { parsePep508 } from './pep508-requirement';
import { pypiDeclaration, type PypiDependencyDeclaration } from './pypi-declaration';

/** A `-r` / `-c` line: another file that adds requirements or constrains versions. */
export interface RequirementsInclude {
  readonly kind: 'requirements' | 'constraints';
  readonly path: string;
}

export interface RequirementsFile extends ParsedManifest {
  readonly declarations: readonly PypiDependencyDeclaration[];
  readonly includes: readonly RequirementsInclude[];
}

/**
 * A logical line: physical lines joined at trailing backslashes. `pieces` says where each joined physical
 * line's text starts, in the logical text and in the file, so any character's file offset can be found.
 */
interface LogicalLine {
  readonly text: string;
  readonly pieces: ReadonlyArray<{ readonly at: number; readonly offset: number }>;
  readonly start: number;
  readonly end: number;
}

/** The file offset of the logical line's `index`-th character, or undefined past its end. */
function offsetAt(line: LogicalLine, index: number): number | undefined {
  if (index < 0 || index >= line.text.length) return undefined;
  let piece = line.pieces[0];
  for (const p of line.pieces) {
    if (p.at > index) break;
    piece = p;
  }
  return piece.offset + (index - piece.at);
}

const NEWLINE = /[\r\n]/g;

function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let parts: string[] = [];
  let pieces: { at: number; offset: number }[] = [];
  let length = 0;
  let start = 0;
  let i = 0;
  while (i <= text.length) {
    const lineStart = i;
    NEWLINE.lastIndex = i;
    const found = NEWLINE.exec(text);
    i = found ? found.index : text.length;
    const continued = i > lineStart && text[i - 1] === '\\';
    const kept = text.slice(lineStart, continued ? i - 1 : i);
    pieces.push({ at: length, offset: lineStart });
    parts.push(kept);
    length += kept.length;
    const end = i;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (!continued || i > text.length) {
      lines.push({ text: parts.length === 1 ? parts[0] : parts.join(''), pieces, start, end });
      parts = [];
      pieces = [];
      length = 0;
      start = i;
    }
  }
  return lines;
}

const INCLUDE_OPTION = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/;

/** pip treats `#` as a comment start at the beginning of a line or after whitespace (a URL fragment is not one). */
function stripComment(line: string): string {
  const match = /(^|\s)#/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

/** Direct URLs and local paths name no package we can look up. */
function isUrlOrPath(line: string): boolean {
  // `name @ https://…` names its package: PEP 508 direct reference.
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(line)) return false;
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(line) || /^(\.{1,2}[/\\]|\/|~|[A-Za-z]:[/\\])/.test(line) || /\.(whl|tar\.gz|zip|tar\.bz2)$/i.test(line);
}

/**
 * Reads a pip requirements file (https://pip.pypa.io/en/stable/reference/requirements-file-format/): one
 * PEP 508 specifier per line, comments, `\` continuations, per-requirement options (`--hash=…`) and global
 * options. Included files (`-r`, `-c`) are listed but not read: each is a manifest of its own.
 */
export function parseRequirementsFile(text: string, group: string): RequirementsFile {
  const declarations: PypiDependencyDeclaration[] = [];
  const problems: ManifestProblem[] = [];
  const includes: RequirementsInclude[] = [];
  try {
    for (const line of logicalLines(text)) {
      const content = stripComment(line.text);
      const leading = content.length - content.trimStart().length;
      const trimmed = content.trim();
      if (trimmed === '') continue;
      if (trimmed.startsWith('-')) {
        const include = INCLUDE_OPTION.exec(trimmed);
        if (include) includes.push({ kind: include[1].includes('c') ? 'constraints' : 'requirements', path: include[2] });
        continue;
      }
      if (isUrlOrPath(trimmed)) continue;
      // Per-requirement options (`--hash`, `--config-settings`) follow the specifier after whitespace.
      const optionAt = /\s--?[A-Za-z]/.exec(trimmed);
      const specifier = optionAt ? trimmed.slice(0, optionAt.index) : trimmed;
      const parsed = parsePep508(specifier);
      const lineSpan = { start: offsetAt(line, leading) ?? line.start, end: line.end };
      if (!parsed.ok) {
        problems.push({ message: `not a requirement: ${parsed.error}`, span: lineSpan });
        continue;
      }
      const r = parsed.requirement;
      const nameSpan = { start: offsetAt(line, leading + r.nameStart)!, end: offsetAt(line, leading + r.nameEnd - 1)! + 1 };
      if (parsed.warning) problems.push({ message: parsed.warning, span: lineSpan });
      declarations.push(pypiDeclaration(r.name, nameSpan, group, r.versionSpec ?? (r.url ? `@ ${r.url}` : undefined), r.extras));
    }
  } catch (error) {
    problems.push({ message: `could not read the requirements file: ${(error as Error).message}`, span: { start: 0, end: 0 } });
  }
  return { declarations, problems, includes };
}
