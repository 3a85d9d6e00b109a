import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders never worth descending into: VCS metadata and installed dependencies. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules']);

interface IgnoreScope {
  /** Folder of the .gitignore, relative to the root with forward slashes ('' for the root). */
  readonly base: string;
  readonly rules: Ignore;
  /** What the rules need to see in a lower-cased path (`needlesPattern`); a path without it is decided without asking `rules`. */
  readonly needles: RegExp | undefined;
}

/**
 * Lists the files of a workspace as git would consider them: `.gitignore` files apply to their folder and
 * below, nested ones included. Symbolic links are not followed, so a link loop or a link out of the
 * workspace cannot make the walk escape or never end.
 */
export function* walkWorkspace(root: string, extraIgnores: readonly string[] = []): Generator<string> {
  const scopes: IgnoreScope[] = [];
  if (extraIgnores.length) scopes.push(ignoreScope('', [...extraIgnores]));
  yield* walkDir(root, '', scopes);
}

function* walkDir(root: string, relDir: string, scopes: IgnoreScope[]): Generator<string> {
  const absDir = relDir ? path.join(root, relDir) : root;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absDir, { withFileTypes: true });
  } catch {
    return;
  }
  let ownScope = false;
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      scopes.push(ignoreScope(relDir, fs.readFileSync(path.join(absDir, '.gitignore'), 'utf8')));
      ownScope = true;
    } catch {
      // An unreadable .gitignore ignores nothing.
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(scopes, rel + '/')) continue;
      yield* walkDir(root, rel, scopes);
    } else if (entry.isFile()) {
      if (!isIgnored(scopes, rel)) yield rel;
    }
  }
  if (ownScope) scopes.pop();
}

/** A .gitignore's text (split into lines as `ignore` splits it) or a list of patterns. */
function ignoreScope(base: string, patterns: string | string[]): IgnoreScope {
  const lines = typeof patterns === 'string' ? patterns.split(/\r?\n|\r/) : patterns;
  const needles = ruleNeedles(lines);
  return { base, rules: ignore().add(patterns), needles: needles && needlesPattern(needles) };
}

/**
 * What one of a .gitignore's rules needs to see in a path before it can match it (or one of its folders):
 * git matches a rule against the path and each of its folders, all of them parts of the path's text.
 */
export interface RuleNeedles {
  /** Lower-cased names that a rule without wildcards (`Makefile`, `/build/`) needs as one of the path's segments. */
  readonly names: ReadonlySet<string>;
  /** The longest run of plain characters of each other rule (`.o` for `*.o`), lower-cased, somewhere in the path. */
  readonly runs: readonly string[];
}

/**
 * The needles of a .gitignore's rules (rules match regardless of case, so they are lower-cased). A rule with
 * brackets, escapes or characters beyond ASCII (whose case folding lower-casing may not mirror), or without
 * any plain character, gives undefined: then every path is asked about.
 */
export function ruleNeedles(lines: readonly string[]): RuleNeedles | undefined {
  const names = new Set<string>();
  const runs = new Set<string>();
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const pattern = line.startsWith('!') ? line.slice(1) : line;
    if (/[[\\]|[^\x00-\x7f]/.test(pattern)) return undefined;
    if (!/[*?]/.test(pattern)) {
      // Git trims trailing spaces (only spaces) from a rule; every other piece between slashes is a whole segment.
      const name = pattern.replace(/ +$/, '').split('/').filter((piece) => piece !== '').pop();
      if (name === undefined) return undefined;
      names.add(name.toLowerCase());
      continue;
    }
    const run = pattern
      .split(/[*?/]/)
      .map((piece) => piece.trim())
      .reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
    if (run === '') return undefined;
    runs.add(run.toLowerCase());
  }
  return { names, runs: [...runs] };
}

/**
 * The needles as one regular expression, to test a lower-cased path with: a run anywhere, or a name between
 * slashes. An alternation of plain text is matched in one pass, several times faster than asking the path
 * about each needle in turn.
 */
export function needlesPattern(needles: RuleNeedles): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const names = [...needles.names].map(escape);
  const alternatives = [...needles.runs.map(escape), ...(names.length ? [`(?:^|/)(?:${names.join('|')})(?:/|$)`] : [])];
  return alternatives.length ? new RegExp(alternatives.join('|')) : /(?!)/;
}

function isIgnored(scopes: readonly IgnoreScope[], rel: string): boolean {
  let ignored = false;
  let lower: string | undefined;
  for (const scope of scopes) {
    const local = scope.base === '' ? rel : rel.startsWith(scope.base + '/') ? rel.slice(scope.base.length + 1) : undefined;
    if (local === undefined || local === '' || local === '/') continue;
    // Needles are looked for in the whole path, a superset of `local`, so the test stays a necessary one.
    if (scope.needles && !scope.needles.test((lower ??= rel.toLowerCase()))) continue;
    const result = scope.rules.test(local);
    // A deeper .gitignore may re-include what a shallower one ignored.
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
