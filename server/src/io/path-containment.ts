import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether `filePath` is `dir` or lies below it, by the names alone (no symbolic link is followed). */
export function isPathWithin(dir: string, filePath: string): boolean {
  const relative = path.relative(dir, filePath);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Where a path really leads, relative to a folder: after symbolic links, as the operating system would go. */
export type PathPlacement =
  | { readonly kind: 'inside'; readonly realPath: string }
  | { readonly kind: 'outside'; readonly realPath: string; readonly reason: string };

/**
 * Resolves `target` (absolute, or relative to `root`) through symbolic links — of the nearest ancestor that
 * exists, since the file itself may not exist yet — and tells whether it lands inside `root` (also resolved).
 * A link that points nowhere counts as outside: writing through it would create whatever it names.
 */
export function placePath(root: string, target: string): PathPlacement {
  const realRoot = realPathOr(root) ?? path.resolve(root);
  const absolute = path.resolve(root, target);
  let existing = absolute;
  const tail: string[] = [];
  while (!lexists(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    tail.unshift(path.basename(existing));
    existing = parent;
  }
  const realExisting = realPathOr(existing);
  if (realExisting === undefined) {
    return { kind: 'outside', realPath: absolute, reason: `${existing} is a symbolic link that points nowhere` };
  }
  const realPath = path.join(realExisting, ...tail);
  const relative = path.relative(realRoot, realPath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    const via = realPath !== absolute ? ` (through a symbolic link, ${absolute} is ${realPath})` : '';
    return { kind: 'outside', realPath, reason: `${realPath} is outside the workspace folder ${realRoot}${via}` };
  }
  return { kind: 'inside', realPath };
}

function lexists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function realPathOr(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * `path.join(root, relative)` for a normalised absolute `root` and a relative path already in normal form
 * (forward slashes, no `.` or `..` segment), such as a workspace walk yields: on POSIX the join is a
 * concatenation, and an audit joins one for every file of the tree.
 */
export function joinNormalized(root: string, relative: string): string {
  // Anything else (a path out of the folder, a Windows separator) is joined in full.
  const plain = path.sep === '/' && relative !== '' && !relative.startsWith('/') && !relative.startsWith('.') && !relative.includes('/.') && !relative.includes('//');
  if (!plain) return path.join(root, relative);
  return root.endsWith('/') ? root + relative : `${root}/${relative}`;
}
