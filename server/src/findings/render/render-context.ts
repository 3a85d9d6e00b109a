import * as os from 'node:os';
import * as path from 'node:path';
import { readTextFile } from '../../io/file-source';
import type { PolicyEntryLocation } from '../../policy/policy-types';
import { LineIndex, type TextRange } from '../../text/line-index';

/** What every renderer needs besides the facts: how to show a path, and where a policy entry sits in its file. */
export interface RenderContext {
  /** Folder-relative inside the folder; `~/…` under the home folder; absolute elsewhere. */
  readonly displayPath: (absolutePath: string) => string;
  /** The range of a policy entry in its file, when the file can be read. */
  readonly rangeOf: (at: PolicyEntryLocation) => TextRange | undefined;
}

/**
 * A path as a person reads it. A path that climbs out of the folder (`../../../../usr/share/doc/…`) says less
 * than the absolute one, so only paths inside the folder are shown relative to it.
 */
export function displayPathFor(root: string, absolutePath: string, home: string = os.homedir()): string {
  // Most paths shown are plainly inside the folder (every installed package of an audit): cut the prefix instead of
  // `path.relative`, which resolves both paths each time.
  const inside = pathInside(root, absolutePath);
  if (inside !== undefined) return inside.split(path.sep).join('/');
  const relative = path.relative(root, absolutePath);
  if (relative === '') return path.basename(absolutePath);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  const fromHome = home ? path.relative(home, absolutePath) : '..';
  if (fromHome !== '' && !fromHome.startsWith('..') && !path.isAbsolute(fromHome)) return `~/${fromHome.split(path.sep).join('/')}`;
  return absolutePath;
}

/** `absolutePath` relative to `root` when it starts with `root` and a separator and no separator, `.`, `..` or empty segment follows. */
function pathInside(root: string, absolutePath: string): string | undefined {
  if (!path.isAbsolute(root)) return undefined;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  if (!absolutePath.startsWith(prefix)) return undefined;
  const rest = absolutePath.slice(prefix.length);
  return rest === '' || /^[\\/]|(?:^|[\\/])\.{1,2}(?:[\\/]|$)|[\\/]{2}|[\\/]$/.test(rest) ? undefined : rest;
}

/**
 * `displayPathFor` one folder, remembering its answers: an audit's report shows each package's folder and the
 * lock file it was read from, hundreds of times over.
 */
export function folderDisplayPaths(root: string, home: string = os.homedir()): (absolutePath: string) => string {
  const shown = new Map<string, string>();
  return (absolutePath) => {
    let display = shown.get(absolutePath);
    if (display === undefined) {
      display = displayPathFor(root, absolutePath, home);
      if (shown.size >= 10_000) shown.clear();
      shown.set(absolutePath, display);
    }
    return display;
  };
}

/** A context for one workspace folder; policy files are read (once each) through `readText`. */
export function renderContextFor(root: string, readText: (path: string) => string | undefined = (p) => readTextFile(p), home?: string): RenderContext {
  const lines = new Map<string, LineIndex | undefined>();
  return {
    displayPath: folderDisplayPaths(root, home),
    rangeOf: (at) => {
      if (!lines.has(at.path)) {
        const text = readText(at.path);
        lines.set(at.path, text === undefined ? undefined : new LineIndex(text));
      }
      return lines.get(at.path)?.rangeOf(at.span);
    },
  };
}
