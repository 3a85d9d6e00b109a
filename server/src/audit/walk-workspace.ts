import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Folders never worth descending into: VCS metadata and installed dependencies. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules']);

interface IgnoreScope {
  /** Folder of the .gitignore, relative to the root with forward slashes ('' for the root). */
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * Lists the files of a workspace as git would consider them: `.gitignore` files apply to their folder and
 * below, nested ones included. Symbolic links are not followed, so a link loop or a link out of the
 * workspace cannot make the walk escape or never end.
 */
export function* walkWorkspace(root: string, extraIgnores: readonly string[] = []): Generator<string> {
  const scopes: IgnoreScope[] = [];
  if (extraIgnores.length) scopes.push({ base: '', rules: ignore().add([...extraIgnores]) });
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
      scopes.push({ base: relDir, rules: ignore().add(fs.readFileSync(path.join(absDir, '.gitignore'), 'utf8')) });
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

function isIgnored(scopes: readonly IgnoreScope[], rel: string): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const local = scope.base === '' ? rel : rel.startsWith(scope.base + '/') ? rel.slice(scope.base.length + 1) : undefined;
    if (local === undefined || local === '' || local === '/') continue;
    const result = scope.rules.test(local);
    // A deeper .gitignore may re-include what a shallower one ignored.
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
