import { braceExpand, Minimatch } from 'minimatch';

/** A workspace-relative path (forward slashes), read once for every glob it is matched against. */
export interface GlobPath {
  readonly text: string;
  /** No `./`, `..`, `//`, leading or trailing `/`: its segments are the names of its folders and file. */
  readonly plain: boolean;
  readonly name: string;
  readonly folders: readonly string[];
}

export function globPath(text: string): GlobPath {
  const segments = text.split('/');
  const name = segments.pop()!;
  const plain = text !== '' && name !== '' && !segments.some((s) => s === '' || s === '.' || s === '..') && name !== '.' && name !== '..';
  return { text, plain, name, folders: segments };
}

/** Whether a path matches a header include or exclude glob. */
export type PathGlobTest = (path: GlobPath) => boolean;

const GLOB_OPTIONS = { dot: true } as const;

/** `**​/P` with P one segment: only the file's own name matters. */
const ANY_FOLDER_THEN_NAME = /^\*\*\/([^/]+)$/;
/** `**​/P/**` with P one segment: only the folder names matter. */
const ANY_FOLDER_NAMED = /^\*\*\/([^/]+)\/\*\*$/;
/** Characters that make a glob more than plain text. */
const MAGIC = /[*?[\]{}()!+@\\]/;

/**
 * Compiles a list of globs, any of which may match, as minimatch reads each (`dot: true`). The common shapes,
 * `**​/*.{ts,js}`, `**​/Makefile`, `**​/*.min.js` (the file's name) and `**​/dist/**` (a folder's name), are
 * answered from names alone, all globs of a shape at once, by set lookups and string comparisons: matching a
 * globstar against every way of splitting the path costs far more, and an audit asks about every file of the
 * tree. Other globs, and paths that are not plain, take minimatch's full match.
 */
export function compilePathGlobs(globs: readonly string[]): PathGlobTest {
  const every = globs.map((glob) => new Minimatch(glob, GLOB_OPTIONS));
  const names: string[] = [];
  const folders: string[] = [];
  const others: Minimatch[] = [];
  globs.forEach((glob, i) => {
    const part = ANY_FOLDER_THEN_NAME.exec(glob) ?? ANY_FOLDER_NAMED.exec(glob);
    // A part that is itself a globstar, a negation or a comment keeps minimatch's own reading.
    if (!part || part[1].includes('**') || /^[!#]/.test(part[1])) others.push(every[i]);
    else (part[0].endsWith('/**') ? folders : names).push(part[1]);
  });
  const nameTest = names.length ? segmentTest(names) : undefined;
  const folderTest = folders.length ? segmentTest(folders) : undefined;
  return (path) => {
    if (!path.plain) return every.some((m) => m.match(path.text));
    return Boolean(nameTest?.(path.name)) || (folderTest !== undefined && path.folders.some(folderTest)) || others.some((m) => m.match(path.text));
  };
}

/**
 * A test of one path segment against any of some patterns, without minimatch when every brace alternative is
 * plain text with at most a leading and a trailing `*` (which, with `dot: true`, matches any run of characters,
 * none included).
 */
function segmentTest(patterns: readonly string[]): (segment: string) => boolean {
  const names = new Set<string>();
  const extensions = new Set<string>();
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  const infixes: string[] = [];
  const compiled: Minimatch[] = [];
  for (const pattern of patterns) {
    // Each alternative as [leading star, text, trailing star], or null when it is more than that.
    const shapes = braceExpand(pattern).map((alternative) => /^(\*?)([^*]+)(\*?)$/.exec(alternative));
    if (shapes.some((shape) => !shape || MAGIC.test(shape[2]))) {
      compiled.push(new Minimatch(pattern, GLOB_OPTIONS));
      continue;
    }
    for (const [, leading, text, trailing] of shapes as RegExpExecArray[]) {
      if (leading && trailing) infixes.push(text);
      else if (trailing) prefixes.push(text);
      else if (!leading) names.add(text);
      else if (/^\.[^.]+$/.test(text)) extensions.add(text);
      else suffixes.push(text);
    }
  }
  return (segment) =>
    names.has(segment) ||
    (extensions.size > 0 && extensions.has(segment.slice(segment.lastIndexOf('.')))) ||
    suffixes.some((s) => segment.endsWith(s)) ||
    prefixes.some((p) => segment.startsWith(p)) ||
    infixes.some((i) => segment.includes(i)) ||
    compiled.some((m) => m.match(segment));
}
