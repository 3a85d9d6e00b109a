import type { ManifestProblem } from '../ecosystem';
import type { OffsetSpan } from '../../text/line-index';

/** The parts of a go.mod file that matter for dependencies (https://go.dev/ref/mod#go-mod-file). */
export interface GoModFile {
  readonly modulePath?: string;
  readonly requires: readonly GoRequire[];
  readonly replaces: readonly GoReplace[];
  readonly excludes: readonly { readonly path: string; readonly version: string }[];
  readonly problems: readonly ManifestProblem[];
}

export interface GoRequire {
  readonly path: string;
  readonly pathSpan: OffsetSpan;
  readonly version?: string;
  /** Marked `// indirect`: required only because something else needs it. */
  readonly indirect: boolean;
}

export interface GoReplace {
  readonly oldPath: string;
  /** Only this version is replaced; undefined replaces every version. */
  readonly oldVersion?: string;
  readonly target: GoReplaceTarget;
}

export type GoReplaceTarget =
  | { readonly kind: 'module'; readonly path: string; readonly version: string }
  /** A directory, relative to the go.mod's folder or absolute: code of the workspace itself. */
  | { readonly kind: 'directory'; readonly dir: string };

interface Token {
  readonly text: string;
  readonly span: OffsetSpan;
}

interface LexedLine {
  readonly tokens: Token[];
  readonly comment?: string;
  readonly span: OffsetSpan;
}

const BLOCK_VERBS = new Set(['require', 'replace', 'exclude', 'retract', 'tool', 'godebug', 'ignore']);
const KNOWN_VERBS = new Set([...BLOCK_VERBS, 'module', 'go', 'toolchain']);

/** Splits a line into tokens the way the go.mod grammar does: words, quoted strings, parentheses, a comment. */
function lexLine(text: string, start: number, end: number, problems: ManifestProblem[]): LexedLine {
  const tokens: Token[] = [];
  let comment: string | undefined;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (text.startsWith('//', i)) {
      comment = text.slice(i + 2, end).trim();
      break;
    } else if (c === '(' || c === ')') {
      tokens.push({ text: c, span: { start: i, end: i + 1 } });
      i++;
    } else if (c === '"' || c === '`') {
      let j = i + 1;
      let value = '';
      while (j < end && text[j] !== c) {
        if (c === '"' && text[j] === '\\' && j + 1 < end) j++;
        value += text[j];
        j++;
      }
      if (j >= end) problems.push({ message: 'unterminated quoted string', span: { start: i, end } });
      // The span covers the content only, so a diagnostic underlines the module path and not its quotes.
      tokens.push({ text: value, span: { start: i + 1, end: Math.min(j, end) } });
      i = Math.min(j + 1, end);
    } else {
      let j = i;
      while (j < end && !/[\s()"`]/.test(text[j]) && !text.startsWith('//', j)) j++;
      tokens.push({ text: text.slice(i, j), span: { start: i, end: j } });
      i = j;
    }
  }
  return { tokens, comment, span: { start, end } };
}

function isLocalPath(target: string): boolean {
  return /^\.\.?([/\\]|$)/.test(target) || target.startsWith('/') || /^[A-Za-z]:[/\\]/.test(target);
}

/** Reads a go.mod text; never throws, and keeps going past errors so a half-typed file still yields requires. */
export function parseGoMod(text: string): GoModFile {
  const problems: ManifestProblem[] = [];
  const requires: GoRequire[] = [];
  const replaces: GoReplace[] = [];
  const excludes: { path: string; version: string }[] = [];
  let modulePath: string | undefined;
  let block: { verb: string; open: OffsetSpan } | undefined;

  const handle = (verb: string, verbSpan: OffsetSpan, args: Token[], line: LexedLine): void => {
    switch (verb) {
      case 'module':
        if (args[0]) modulePath = args[0].text;
        else problems.push({ message: 'module directive without a module path', span: verbSpan });
        return;
      case 'require': {
        if (!args[0]) {
          problems.push({ message: 'require without a module path', span: verbSpan });
          return;
        }
        const version = args[1]?.text;
        if (!version) problems.push({ message: `missing version for ${args[0].text}`, span: args[0].span });
        else if (!/^v\d/.test(version)) problems.push({ message: `invalid version '${version}': a module version starts with 'v'`, span: args[1].span });
        if (args.length > 2) problems.push({ message: 'unexpected text after the version', span: { start: args[2].span.start, end: line.span.end } });
        const indirect = line.comment !== undefined && /^indirect(\s*;|$)/.test(line.comment);
        requires.push({ path: args[0].text, pathSpan: args[0].span, version: version && /^v\d/.test(version) ? version : undefined, indirect });
        return;
      }
      case 'replace': {
        const arrow = args.findIndex((t) => t.text === '=>');
        if (arrow < 1 || arrow > 2 || args.length <= arrow + 1) {
          problems.push({ message: "replace needs 'old [version] => new [version]'", span: { start: verbSpan.start, end: line.span.end } });
          return;
        }
        const target = args[arrow + 1].text;
        const targetVersion = args[arrow + 2]?.text;
        const oldVersion = arrow === 2 ? args[1].text : undefined;
        if (isLocalPath(target) && targetVersion === undefined) {
          replaces.push({ oldPath: args[0].text, oldVersion, target: { kind: 'directory', dir: target } });
        } else if (targetVersion !== undefined) {
          replaces.push({ oldPath: args[0].text, oldVersion, target: { kind: 'module', path: target, version: targetVersion } });
        } else {
          problems.push({ message: `replacement module ${target} needs a version`, span: args[arrow + 1].span });
        }
        return;
      }
      case 'exclude':
        if (args.length >= 2) excludes.push({ path: args[0].text, version: args[1].text });
        else problems.push({ message: 'exclude needs a module path and a version', span: verbSpan });
        return;
      default:
        if (!KNOWN_VERBS.has(verb)) problems.push({ message: `unknown directive '${verb}'`, span: verbSpan });
    }
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const line = lexLine(text, lineStart, lineEnd, problems);
    const [first, ...rest] = line.tokens;
    if (first) {
      if (block) {
        if (first.text === ')') block = undefined;
        else handle(block.verb, first.span, line.tokens, line);
      } else if (BLOCK_VERBS.has(first.text) && rest[0]?.text === '(') {
        block = { verb: first.text, open: first.span };
        if (rest.length > 1) problems.push({ message: "nothing may follow '(' on the same line", span: rest[1].span });
      } else if (first.text === ')' || first.text === '(') {
        problems.push({ message: `unexpected '${first.text}'`, span: first.span });
      } else {
        handle(first.text, first.span, rest, line);
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  if (block) problems.push({ message: `the ${block.verb} block is not closed with ')'`, span: block.open });
  return { modulePath, requires, replaces, excludes, problems };
}

/** The replacement that applies to a module version, if any; a versioned replace wins over a general one. */
export function findReplacement(replaces: readonly GoReplace[], modulePath: string, version: string | undefined): GoReplace | undefined {
  return (
    replaces.find((r) => r.oldPath === modulePath && r.oldVersion !== undefined && r.oldVersion === version) ??
    replaces.find((r) => r.oldPath === modulePath && r.oldVersion === undefined)
  );
}
