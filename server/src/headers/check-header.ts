import * as nodePath from 'node:path';
import type { FileEdit, Finding, Fix } from '../findings/finding';
import { copyrightHolderProblem, headerTextProblem } from '../policy/header-text';
import type { HeaderPolicy } from '../policy/policy-types';
import { formatSpdxExpression, parseSpdxExpression, sameLicenseExpression } from '../spdx/spdx-expression';
import { LineIndex } from '../text/line-index';
import { findHeaderPlacement } from './header-placement';
import { compilePathGlobs, globPath, type GlobPath, type PathGlobTest } from './path-glob';
import { readHeader } from './read-header';
import { headerLines, renderHeaderComment } from './render-header';
import { styleForFile } from './style-for-file';
import type { ReuseCoverage } from './header-coverage';

export interface HeaderCheckInput {
  /** Absolute path. */
  readonly path: string;
  /** Workspace-relative, forward slashes: what include/exclude globs see. */
  readonly relativePath: string;
  /** The current text, BOM included when the file has one. */
  readonly text: string;
  readonly languageId?: string;
  readonly policy: HeaderPolicy;
  readonly now: Date;
  /** What REUSE.toml, `.reuse/dep5` or a `.license` sidecar say about the file. */
  readonly coverage?: ReuseCoverage;
  /** The workspace's root REUSE.toml (text undefined when there is none), for the "add an annotation" fix. */
  readonly reuseToml?: { readonly path: string; readonly text: string | undefined };
}

/** REUSE's own files: license texts, sidecars and metadata never carry headers themselves. */
const REUSE_METADATA = /(^|\/)(LICENSES|\.reuse)\/|\.license$|(^|\/)REUSE\.toml$|\.spdx(\.json)?$/;

/** Compiled include and exclude lists, kept with the policy that holds them: an audit asks about every file of the tree. */
const compiledGlobs = new WeakMap<readonly string[], PathGlobTest>();

function anyGlobMatches(path: GlobPath, globs: readonly string[]): boolean {
  let compiled = compiledGlobs.get(globs);
  if (!compiled) {
    compiled = compilePathGlobs(globs);
    compiledGlobs.set(globs, compiled);
  }
  return compiled(path);
}

/** Whether the policy asks this file for a header. */
export function isHeaderSelected(relativePath: string, policy: HeaderPolicy): boolean {
  if (REUSE_METADATA.test(relativePath)) return false;
  const path = globPath(relativePath);
  return anyGlobMatches(path, policy.include) && !anyGlobMatches(path, policy.exclude);
}

/** Checks a selected file's `SPDX-License-Identifier` against the policy and offers the fixes. */
export function checkHeader(input: HeaderCheckInput): Finding[] {
  const { text, policy } = input;
  const coverage = input.coverage ?? { kind: 'none' };
  if (text.length === 0 && coverage.kind === 'none') return [];
  const header = readHeader(text);
  if (header.generated) return [];
  // Built only when a tag gets a finding: most files of an audit have none.
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const expected = policy.license ? parseSpdxExpression(policy.license) : undefined;
  const expectedText = expected?.ok ? formatSpdxExpression(expected.expression) : undefined;
  const findings: Finding[] = [];
  const firstLine = firstLineRange(text);

  // REUSE: a sidecar replaces the file's own tags; an annotation adds to them or stands in, by its precedence.
  const external = coverage.kind === 'none' ? [] : coverage.licenses;
  const useFileTags = coverage.kind === 'none' || (coverage.kind === 'annotation' && (coverage.precedence === 'aggregate' || (coverage.precedence === 'closest' && header.licenses.length > 0)));
  const fileTags = useFileTags ? header.licenses : [];
  if (coverage.kind !== 'none' && (coverage.kind === 'sidecar' || coverage.precedence === 'override' || coverage.precedence === 'aggregate' || fileTags.length === 0)) {
    const where = coverage.kind === 'sidecar' ? nodePath.basename(coverage.path) : coverage.source;
    if (external.length === 0 && fileTags.length === 0) {
      findings.push({
        code: 'header-missing',
        severity: 'warning',
        message: `${where} covers this file but gives no SPDX-License-Identifier`,
        path: input.path,
        range: firstLine,
        subject: { kind: 'file' },
        fixes: [],
      });
    }
    for (const expression of external) {
      const parsed = parseSpdxExpression(expression);
      const problem = !parsed.ok
        ? `${where} gives "${expression}", which is ${parsed.error}`
        : expected?.ok && !sameLicenseExpression(parsed.expression, expected.expression)
          ? `${where} gives ${formatSpdxExpression(parsed.expression)} for this file; the policy expects ${expectedText} (headers.license)`
          : undefined;
      if (problem) findings.push({ code: 'header-license-mismatch', severity: 'warning', message: problem, path: input.path, range: firstLine, subject: { kind: 'file' }, fixes: [] });
    }
    if (fileTags.length === 0) return findings;
  }

  if (fileTags.length === 0) {
    const insert = insertHeaderFix(input, expectedText);
    const fix = insert?.kind === 'edit' ? insert : undefined;
    const refused = insert?.kind === 'refused' ? `; no header can be inserted: ${insert.reason}` : '';
    const annotate = expectedText && styleForFile(input.relativePath, input.languageId, policy.styles).kind !== 'style' ? reuseTomlFix(input, expectedText) : undefined;
    findings.push({
      code: 'header-missing',
      severity: 'warning',
      message: expectedText
        ? `No SPDX-License-Identifier header; the policy expects ${expectedText} (headers.license)${refused}`
        : 'No SPDX-License-Identifier header; any valid SPDX expression is accepted (set headers.license to get a quick fix)',
      path: input.path,
      range: firstLine,
      detail: `The policy asks for a license header in \`${input.relativePath}\`.`,
      subject: { kind: 'file' },
      fixes: [...(fix ? [fix] : []), ...(annotate ? [annotate] : [])],
    });
    return findings;
  }

  for (const tag of fileTags) {
    const found = parseSpdxExpression(tag.expression);
    const range = () => lines().rangeOf(tag.span.end > tag.span.start ? tag.span : tag.lineSpan);
    if (!found.ok) {
      findings.push({
        code: 'header-license-mismatch',
        severity: 'warning',
        message: `SPDX-License-Identifier "${tag.expression}" is ${found.error}${expectedText ? `; the policy expects ${expectedText}` : ''}`,
        path: input.path,
        range: range(),
        subject: { kind: 'file' },
        fixes: expectedText ? [replaceFix(input, tag.span, expectedText)] : [],
      });
      continue;
    }
    if (expected?.ok && !sameLicenseExpression(found.expression, expected.expression)) {
      findings.push({
        code: 'header-license-mismatch',
        severity: 'warning',
        message: `SPDX-License-Identifier is ${formatSpdxExpression(found.expression)}; the policy expects ${expectedText} (headers.license)`,
        path: input.path,
        range: range(),
        subject: { kind: 'file' },
        fixes: [replaceFix(input, tag.span, expectedText!)],
      });
    }
  }
  return findings;
}

/** The range of the first line without its terminator, as `LineIndex` gives it, without indexing the text. */
function firstLineRange(text: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let end = 0;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { start: { line: 0, character: 0 }, end: { line: 0, character: end } };
}

function replaceFix(input: HeaderCheckInput, span: { start: number; end: number }, license: string): Fix {
  return {
    kind: 'edit',
    title: `Replace license identifier with ${license}`,
    preferred: true,
    fixAll: true,
    edits: [{ path: input.path, edits: [{ span, newText: license }] }],
  };
}

/**
 * The "Insert license header" fix, or a `.license` sidecar for files that cannot hold comments; refused, with
 * the reason, when the policy's lines cannot be written safely in the file's comment style.
 */
function insertHeaderFix(input: HeaderCheckInput, license: string | undefined): Fix | { readonly kind: 'refused'; readonly reason: string } | undefined {
  if (!license) return undefined;
  const lines = headerLines(input.policy, license, input.now.getFullYear());
  const style = styleForFile(input.relativePath, input.languageId, input.policy.styles);
  if (style.kind !== 'style') {
    const unsafe = lines.map((l) => headerTextProblem(l)).find((p) => p !== undefined);
    if (unsafe) return { kind: 'refused', reason: `a header line ${unsafe}` };
    const sidecar: FileEdit = { path: `${input.path}.license`, create: true, edits: [{ span: { start: 0, end: 0 }, newText: lines.join('\n') + '\n' }] };
    return { kind: 'edit', title: 'Create a .license file with the license header', preferred: true, fixAll: false, edits: [sidecar] };
  }
  const placement = findHeaderPlacement(input.text, input.path);
  const rendered = renderHeaderComment(lines, style.style, placement.eol, { insidePhp: placement.insidePhp });
  if (rendered.kind === 'refused') return rendered;
  const comment = rendered.text;
  const newText = (placement.needsLeadingBreak ? placement.eol : '') + comment + (placement.needsTrailingBlank ? placement.eol : '');
  return {
    kind: 'edit',
    title: `Insert license header (${license})`,
    preferred: true,
    fixAll: true,
    edits: [{ path: input.path, edits: [{ span: { start: placement.offset, end: placement.offset }, newText }] }],
  };
}

/** A `[[annotations]]` entry for the file in the root REUSE.toml, created with `version = 1` when missing. */
function reuseTomlFix(input: HeaderCheckInput, license: string): Fix | undefined {
  if (!input.reuseToml) return undefined;
  if (input.policy.copyrightHolder !== undefined && copyrightHolderProblem(input.policy.copyrightHolder)) return undefined;
  const { path: tomlPath, text } = input.reuseToml;
  // In REUSE.toml paths `*` is a wildcard: a literal one is escaped.
  const pattern = input.relativePath.replace(/\\/g, '\\\\').replace(/\*/g, '\\*');
  const holder = input.policy.copyrightHolder ? `SPDX-FileCopyrightText = ${JSON.stringify(`${input.now.getFullYear()} ${input.policy.copyrightHolder}`)}\n` : '';
  const entry = `[[annotations]]\npath = ${JSON.stringify(pattern)}\n${holder}SPDX-License-Identifier = ${JSON.stringify(license)}\n`;
  const edit: FileEdit =
    text === undefined
      ? { path: tomlPath, create: true, edits: [{ span: { start: 0, end: 0 }, newText: `version = 1\n\n${entry}` }] }
      : { path: tomlPath, edits: [{ span: { start: text.length, end: text.length }, newText: `${text.length && !text.endsWith('\n') ? '\n' : ''}\n${entry}` }] };
  return { kind: 'edit', title: 'Add an annotation for this file to REUSE.toml', preferred: false, fixAll: false, edits: [edit] };
}

/**
 * "Update copyright year" for copyright notices of the policy's holder whose last year is past: offered where
 * the cursor is, without a finding, since an old year is not a policy violation.
 */
export function copyrightYearUpdates(input: HeaderCheckInput): Array<{ readonly line: number; readonly fix: Fix }> {
  const year = input.now.getFullYear();
  const lines = new LineIndex(input.text);
  const out: Array<{ line: number; fix: Fix }> = [];
  for (const notice of readHeader(input.text).copyrights) {
    if (!notice.years || notice.years.last >= year) continue;
    if (input.policy.copyrightHolder && !notice.text.includes(input.policy.copyrightHolder)) continue;
    const range = `${notice.years.first}-${year}`;
    out.push({
      line: lines.positionAt(notice.span.start).line,
      fix: { kind: 'edit', title: `Update copyright year to ${range}`, preferred: false, fixAll: false, edits: [{ path: input.path, edits: [{ span: notice.years.span, newText: range }] }] },
    });
  }
  return out;
}
