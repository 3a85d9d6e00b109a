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

/** A logical line: physical lines joined at trailing backslashes, with each character's offset in the file. */
interface LogicalLine {
  readonly text: string;
  readonly offsets: readonly number[];
  readonly start: number;
  readonly end: number;
}

function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let chars: string[] = [];
  let offsets: number[] = [];
  let start = 0;
  let i = 0;
  while (i <= text.length) {
    const lineStart = i;
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    const physical = text.slice(lineStart, i);
    const continued = physical.endsWith('\\');
    const kept = continued ? physical.length - 1 : physical.length;
    for (let k = 0; k < kept; k++) {
      chars.push(physical[k]);
      offsets.push(lineStart + k);
    }
    const end = i;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (!continued || i > text.length) {
      lines.push({ text: chars.join(''), offsets, start, end });
      chars = [];
      offsets = [];
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
      const lineSpan = { start: line.offsets[leading] ?? line.start, end: line.end };
      if (!parsed.ok) {
        problems.push({ message: `not a requirement: ${parsed.error}`, span: lineSpan });
        continue;
      }
      const r = parsed.requirement;
      const nameSpan = { start: line.offsets[leading + r.nameStart], end: line.offsets[leading + r.nameEnd - 1] + 1 };
      if (parsed.warning) problems.push({ message: parsed.warning, span: lineSpan });
      declarations.push(pypiDeclaration(r.name, nameSpan, group, r.versionSpec ?? (r.url ? `@ ${r.url}` : undefined), r.extras));
    }
  } catch (error) {
    problems.push({ message: `could not read the requirements file: ${(error as Error).message}`, span: { start: 0, end: 0 } });
  }
  return { declarations, problems, includes };
}
