import { Minimatch } from 'minimatch';

/** Whether a workspace-relative path (forward slashes) matches a header include or exclude glob. */
export type PathGlobTest = (relativePath: string) => boolean;

const GLOB_OPTIONS = { dot: true } as const;

/** `**​/P` with P one segment: only the file's own name matters. */
const ANY_FOLDER_THEN_NAME = /^\*\*\/([^/]+)$/;
/** `**​/P/**` with P one segment: only the folder names matter. */
const ANY_FOLDER_NAMED = /^\*\*\/([^/]+)\/\*\*$/;

/**
 * Compiles a glob as minimatch reads it (`dot: true`). The common shapes, `**​/*.ts` and `**​/dist/**`, are
 * answered from the path's last segment or its folder names alone: matching a globstar against every way
 * of splitting the path costs several times more, and an audit asks about every file of the tree. Paths that
 * are not plain (`./`, `..`, `//`, a leading or trailing `/`) always take the full match.
 */
export function compilePathGlob(glob: string): PathGlobTest {
  const whole = new Minimatch(glob, GLOB_OPTIONS);
  const full: PathGlobTest = (relativePath) => whole.match(relativePath);
  const name = ANY_FOLDER_THEN_NAME.exec(glob);
  const folder = name ? undefined : ANY_FOLDER_NAMED.exec(glob);
  const part = name ?? folder;
  // A part that is itself a globstar or a negation keeps minimatch's own reading.
  if (!part || part[1].includes('**') || /^[!#]/.test(part[1])) return full;
  const segment = new Minimatch(part[1], GLOB_OPTIONS);
  if (name) {
    return (relativePath) => {
      if (!isPlain(relativePath)) return full(relativePath);
      return segment.match(relativePath.slice(relativePath.lastIndexOf('/') + 1));
    };
  }
  return (relativePath) => {
    if (!isPlain(relativePath)) return full(relativePath);
    const folders = relativePath.split('/');
    folders.pop();
    return folders.some((f) => segment.match(f));
  };
}

function isPlain(relativePath: string): boolean {
  return relativePath !== '' && !relativePath.startsWith('/') && !relativePath.endsWith('/') && !relativePath.includes('//') && !/(^|\/)\.\.?(\/|$)/.test(relativePath);
}
