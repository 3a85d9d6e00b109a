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
 * Compiles a glob as minimatch reads it (`dot: true`). The common shapes, `**​/*.{ts,js}`, `**​/Makefile`,
 * `**​/*.min.js` and `**​/dist/**`, are answered from the path's name or its folder names alone, by lookups and
 * string comparisons: matching a globstar against every way of splitting the path costs far more, and an
 * audit asks about every file of the tree. Paths that are not plain always take the full match.
 */
export function compilePathGlob(glob: string): PathGlobTest {
  const whole = new Minimatch(glob, GLOB_OPTIONS);
  const full: PathGlobTest = (path) => whole.match(path.text);
  const name = ANY_FOLDER_THEN_NAME.exec(glob);
  const folder = name ? undefined : ANY_FOLDER_NAMED.exec(glob);
  const part = name ?? folder;
  // A part that is itself a globstar, a negation or a comment keeps minimatch's own reading.
  if (!part || part[1].includes('**') || /^[!#]/.test(part[1])) return full;
  const segment = segmentTest(part[1]);
  if (name) return (path) => (path.plain ? segment(path.name) : full(path));
  return (path) => (path.plain ? path.folders.some(segment) : full(path));
}

/**
 * A test of one path segment, without minimatch when every brace alternative is plain text with at most a
 * leading and a trailing `*` (which, with `dot: true`, matches any run of characters, none included).
 */
function segmentTest(pattern: string): (segment: string) => boolean {
  const names = new Set<string>();
  const extensions = new Set<string>();
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  const infixes: string[] = [];
  for (const alternative of braceExpand(pattern)) {
    const shape = /^(\*?)([^*]+)(\*?)$/.exec(alternative);
    if (!shape || MAGIC.test(shape[2])) {
      const compiled = new Minimatch(pattern, GLOB_OPTIONS);
      return (segment) => compiled.match(segment);
    }
    const [, leading, text, trailing] = shape;
    if (leading && trailing) infixes.push(text);
    else if (trailing) prefixes.push(text);
    else if (!leading) names.add(text);
    else if (/^\.[^.]+$/.test(text)) extensions.add(text);
    else suffixes.push(text);
  }
  return (segment) =>
    names.has(segment) ||
    (extensions.size > 0 && extensions.has(segment.slice(segment.lastIndexOf('.')))) ||
    suffixes.some((s) => segment.endsWith(s)) ||
    prefixes.some((p) => segment.startsWith(p)) ||
    infixes.some((i) => segment.includes(i));
}
