import * as fs from 'node:fs';
import * as nodePath from 'node:path';

/**
 * Read access to the files the engine consults besides the document being checked (lock files, installed
 * package metadata, the policy). Implementations cache; the language server invalidates entries when the
 * client reports file changes, so nothing is re-read per keystroke.
 */
export interface FileSource {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readText(path: string): string | undefined;
  /** Names in a directory, or undefined when it does not exist. */
  listDir(path: string): readonly string[] | undefined;
  exists(path: string): boolean;
}

/** A FileSource whose cached reads can be dropped when the files change. */
export interface InvalidatingFileSource extends FileSource {
  invalidate(path: string): void;
  invalidateAll(): void;
}

/** Files larger than this are not read as metadata: no legitimate manifest or lock file is this big. */
export const MAX_METADATA_BYTES = 64 * 1024 * 1024;

/**
 * Reads from disk, remembering results until told a path changed. A path whose folder is missing, or whose
 * folder's listing lacks its name, is answered from the cache: a manifest of thousands of dependencies probes
 * thousands of cache and vendor paths below the same few missing folders, and each probe was a system call.
 * A folder is listed for that at its second probe, not its first: most installed packages are probed once (their
 * `package.json`), and listing each package's folder to answer one probe cost more than the probe (lodash's
 * holds over a thousand files).
 */
export class CachingFileSource implements InvalidatingFileSource {
  private readonly texts = new Map<string, string | undefined>();
  private readonly dirs = new Map<string, readonly string[] | undefined>();
  /** Lower-cased names of each listed folder: a name absent even ignoring case is missing on any file system. */
  private readonly lowerNames = new Map<string, ReadonlySet<string>>();
  private readonly existing = new Map<string, boolean>();
  /** Folders probed (not listed) so far, by how often. */
  private readonly probed = new Map<string, number>();

  readText(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    // A miss its folder's listing answers is not kept: an audit probes a `.license` sidecar for every file.
    if (this.knownMissing(path)) return undefined;
    const text = readTextFile(path);
    this.texts.set(path, text);
    return text;
  }

  listDir(path: string): readonly string[] | undefined {
    if (this.dirs.has(path)) return this.dirs.get(path);
    let names: readonly string[] | undefined;
    try {
      names = this.knownMissing(path) ? undefined : fs.readdirSync(path);
    } catch {
      names = undefined;
    }
    this.dirs.set(path, names);
    return names;
  }

  exists(path: string): boolean {
    if (this.texts.get(path) !== undefined || this.dirs.get(path) !== undefined) return true;
    let known = this.existing.get(path);
    if (known === undefined) {
      known = !this.knownMissing(path) && fs.existsSync(path);
      this.existing.set(path, known);
    }
    return known;
  }

  /** The folders whose listing is cached: the parents of every path read, so the folders the reads depend on. */
  listedDirectories(): string[] {
    return [...this.dirs].flatMap(([dir, names]) => (names === undefined ? [] : [dir]));
  }

  /**
   * Whether a change of `path` on disk can change an answer this cache gave: the path was read or probed, or it
   * appeared in or vanished from a folder whose listing is cached. Asked before the path is invalidated.
   */
  answersDependOn(path: string): boolean {
    if (this.texts.has(path) || this.dirs.has(path) || this.existing.has(path)) return true;
    const listing = this.dirs.get(nodePath.dirname(path));
    return listing !== undefined && listing.includes(nodePath.basename(path)) !== fs.existsSync(path);
  }

  /**
   * True when the parent folder is missing or does not list the name (compared ignoring case). False (ask the
   * disk) at the first probe in a folder not listed yet.
   */
  private knownMissing(path: string): boolean {
    const parent = nodePath.dirname(path);
    if (parent === path) return false;
    if (!this.dirs.has(parent)) {
      const probes = (this.probed.get(parent) ?? 0) + 1;
      this.probed.set(parent, probes);
      if (probes < 2) return false;
      this.listDir(parent);
    }
    if (this.dirs.get(parent) === undefined) return true;
    let lower = this.lowerNames.get(parent);
    if (!lower) {
      lower = new Set(this.dirs.get(parent)!.map((name) => name.toLowerCase()));
      this.lowerNames.set(parent, lower);
    }
    return !lower.has(nodePath.basename(path).toLowerCase());
  }

  /** Forget a path and every cached path below it (a changed `node_modules` folder, say). */
  invalidate(path: string): void {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const map of [this.texts, this.dirs, this.lowerNames, this.existing, this.probed] as Map<string, unknown>[]) {
      map.delete(path);
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
    // A new or deleted entry changes its parent's listing, and may be the first entry of folders that did not
    // exist: every ancestor's listing is read again.
    for (let dir = nodePath.dirname(path), child = path; dir !== child; child = dir, dir = nodePath.dirname(dir)) {
      this.dirs.delete(dir);
      this.lowerNames.delete(dir);
      this.existing.delete(dir);
    }
  }

  invalidateAll(): void {
    this.texts.clear();
    this.dirs.clear();
    this.lowerNames.clear();
    this.existing.clear();
    this.probed.clear();
  }
}

const GEM_STUB_LINE = Buffer.from('# stub: ');

/**
 * A NUL byte means binary, except where a text format's own writer puts NULs. RubyGems writes the `# stub:`
 * comment lines of an installed specification with NUL-separated require paths and extension lists
 * (`Gem::StubSpecification`), so the gemspec of most native-extension gems (json, ox, curb) holds NULs and is
 * still Ruby text. Only those lines of a `.gemspec` may hold them.
 */
function nulBytesAreText(path: string, bytes: Buffer): boolean {
  if (!path.endsWith('.gemspec')) return false;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) lineStart = i + 1;
    else if (bytes[i] === 0 && !bytes.subarray(lineStart, lineStart + GEM_STUB_LINE.length).equals(GEM_STUB_LINE)) return false;
  }
  return true;
}

/** Decodes a file as UTF-8 text (dropping a BOM), or undefined when missing, too large or binary. */
export function readTextFile(path: string, maxBytes = MAX_METADATA_BYTES): string | undefined {
  try {
    // Most probes are of files that are not there (a dependency's folder in each cache and vendor directory):
    // answered without an exception, whose stack trace cost more than the system call.
    const stat = fs.statSync(path, { throwIfNoEntry: false });
    if (!stat || !stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = fs.readFileSync(path);
    if (bytes.includes(0) && !nulBytesAreText(path, bytes)) return undefined;
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
