import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { COMMENT_STYLES, STYLE_BY_EXTENSION, STYLE_BY_FILE_NAME, STYLE_BY_LANGUAGE, UNCOMMENTABLE_EXTENSIONS, type CommentStyle } from './comment-styles';

export type FileCommentStyle =
  | { readonly kind: 'style'; readonly style: CommentStyle }
  /** A format with no comments (JSON, images, lock files): the header belongs in a sidecar. */
  | { readonly kind: 'uncommentable' }
  | { readonly kind: 'unknown' };

/**
 * The comment style of a file: a policy override by glob wins, then the file name, the extension and the
 * editor's language id (a `.h` file the editor calls `cpp` is still C-style; the name is the more stable fact).
 */
export function styleForFile(relativePath: string, languageId: string | undefined, overrides: Readonly<Record<string, string>>): FileCommentStyle {
  for (const [glob, name] of Object.entries(overrides)) {
    if (minimatch(relativePath, glob, { dot: true, matchBase: !glob.includes('/') }) && COMMENT_STYLES[name]) {
      return { kind: 'style', style: COMMENT_STYLES[name] };
    }
  }
  const base = path.posix.basename(relativePath);
  const byName = STYLE_BY_FILE_NAME[base] ?? (/^(Dockerfile|Containerfile)\./.test(base) ? 'shell' : /^(requirements|constraints).*\.txt$/.test(base) ? 'python' : /^\.env\./.test(base) ? 'python' : undefined);
  // Lock files are generated: their license goes in a sidecar or REUSE.toml, never into the file.
  if (byName === 'none') return { kind: 'uncommentable' };
  if (byName) return { kind: 'style', style: COMMENT_STYLES[byName] };
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  if (ext && UNCOMMENTABLE_EXTENSIONS.has(ext)) return { kind: 'uncommentable' };
  const byExtension = ext ? STYLE_BY_EXTENSION[ext] : undefined;
  if (byExtension) return { kind: 'style', style: COMMENT_STYLES[byExtension] };
  const byLanguage = languageId ? STYLE_BY_LANGUAGE[languageId] : undefined;
  if (byLanguage) return { kind: 'style', style: COMMENT_STYLES[byLanguage] };
  if (languageId === 'json') return { kind: 'uncommentable' };
  return { kind: 'unknown' };
}
