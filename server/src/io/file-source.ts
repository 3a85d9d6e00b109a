import * as fs from 'node:fs';

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

/** Reads from disk, remembering results until told a path changed. */
export class CachingFileSource implements InvalidatingFileSource {
  private readonly texts = new Map<string, string | undefined>();
  private readonly dirs = new Map<string, readonly string[] | undefined>();

  readText(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = readTextFile(path);
    this.texts.set(path, text);
    return text;
  }

  listDir(path: string): readonly string[] | undefined {
    if (this.dirs.has(path)) return this.dirs.get(path);
    let names: readonly string[] | undefined;
    try {
      names = fs.readdirSync(path);
    } catch {
      names = undefined;
    }
    this.dirs.set(path, names);
    return names;
  }

  exists(path: string): boolean {
    if (this.texts.get(path) !== undefined) return true;
    return fs.existsSync(path);
  }

  /** Forget a path and every cached path below it (a changed `node_modules` folder, say). */
  invalidate(path: string): void {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const map of [this.texts, this.dirs] as Map<string, unknown>[]) {
      map.delete(path);
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
    // A new or deleted entry changes its parent's listing.
    const slash = path.lastIndexOf('/');
    if (slash > 0) this.dirs.delete(path.slice(0, slash));
  }

  invalidateAll(): void {
    this.texts.clear();
    this.dirs.clear();
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
    const stat = fs.statSync(path);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = fs.readFileSync(path);
    if (bytes.includes(0) && !nulBytesAreText(path, bytes)) return undefined;
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
