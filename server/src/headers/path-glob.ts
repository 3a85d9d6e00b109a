import { braceExpand, Minimatch } from 'minimatch';

/** Whether a workspace-relative path (forward slashes) matches a header include or exclude glob. */
export type PathGlobTest = (relativePath: string) => boolean;

const GLOB_OPTIONS = { dot: true } as const;

/** `**​/P` with P one segment: only the file's own name matters. */
const ANY_FOLDER_THEN_NAME = /^\*\*\/([^/]+)$/;
/** `**​/P/**` with P one segment: only the folder names matter. */
const ANY_FOLDER_NAMED = /^\*\*\/([^/]+)\/\*\*$/;
/** Characters that make a glob more than plain text. */
const MAGIC = /[*?[\]{}()!+@\\]/;

/**
 * Compiles a glob as minimatch reads it (`dot: true`). The common shapes, `**​/*.{ts,js}`, `**​/Makefile` and
 * `**​/dist/**`, are answered from the path's last segment or its folder names alone, by set lookups where the
 * segment pattern is plain names or `*.ext`: matching a globstar against every way of splitting the path costs
 * far more, and an audit asks about every file of the tree. Paths that are not plain (`./`, `..`, `//`, a
 * leading or trailing `/`) always take the full match.
 */
export function compilePathGlob(glob: string): PathGlobTest {
  const whole = new Minimatch(glob, GLOB_OPTIONS);
  const full: PathGlobTest = (relativePath) => whole.match(relativePath);
  const name = ANY_FOLDER_THEN_NAME.exec(glob);
  const folder = name ? undefined : ANY_FOLDER_NAMED.exec(glob);
  const part = name ?? folder;
  // A part that is itself a globstar, a negation or a comment keeps minimatch's own reading.
  if (!part || part[1].includes('**') || /^[!#]/.test(part[1])) return full;
  const segment = segmentTest(part[1]);
  if (name) {
    return (relativePath) => (isPlain(relativePath) ? segment(relativePath.slice(relativePath.lastIndexOf('/') + 1)) : full(relativePath));
  }
  return (relativePath) => {
    if (!isPlain(relativePath)) return full(relativePath);
    const folders = relativePath.split('/');
    folders.pop();
    return folders.some(segment);
  };
}

/** A test of one path segment: set lookups when every brace alternative is a plain name or `*` and a plain `.ext`. */
function segmentTest(pattern: string): (segment: string) => boolean {
  const names = new Set<string>();
  const extensions = new Set<string>();
  for (const alternative of braceExpand(pattern)) {
    if (!MAGIC.test(alternative)) names.add(alternative);
    else if (/^\*\.[^.]+$/.test(alternative) && !MAGIC.test(alternative.slice(1))) extensions.add(alternative.slice(1));
    else {
      const compiled = new Minimatch(pattern, GLOB_OPTIONS);
      return (segment) => compiled.match(segment);
    }
  }
  return (segment) => names.has(segment) || (extensions.size > 0 && extensions.has(segment.slice(segment.lastIndexOf('.'))));
}

function isPlain(relativePath: string): boolean {
  return relativePath !== '' && !relativePath.startsWith('/') && !relativePath.endsWith('/') && !relativePath.includes('//') && !/(^|\/)\.\.?(\/|$)/.test(relativePath);
}
