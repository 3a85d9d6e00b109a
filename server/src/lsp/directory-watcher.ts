import * as fs from 'node:fs';
import * as path from 'node:path';

/** At most this many folders are watched: each costs an inotify watch (Linux allows 8,192 per user by default). */
export const MAX_WATCHED_DIRECTORIES = 256;

/** Changes are reported once a burst of them (a save through a rename, an `npm install`) has settled. */
const SETTLE_MS = 100;

/**
 * Watches folders for the server itself, for clients that cannot watch files for it (no dynamic registration
 * of `workspace/didChangeWatchedFiles`, as in Neovim 0.7). Folders rather than files: an editor that saves by
 * writing a new file and renaming it over the old one ends a watch on the file, not on its folder, and a folder
 * watch also sees a lock file or policy that did not exist yet.
 */
export class DirectoryWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private failure: string | undefined;

  constructor(
    private readonly onChange: (paths: string[]) => void,
    private readonly log: (line: string) => void,
    private readonly limit = MAX_WATCHED_DIRECTORIES,
  ) {}

  get watched(): readonly string[] {
    return [...this.watchers.keys()];
  }

  /**
   * Watches `first` (in that order) and then `others` (shallowest first) up to the limit; folders watched
   * before stay watched while there is room, so a folder whose cached reads were just dropped is not missed.
   */
  update(first: readonly string[], others: Iterable<string>): void {
    if (this.disposed) return;
    const depth = (dir: string) => dir.split(path.sep).length;
    const rest = [...new Set([...others, ...this.watchers.keys()])].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    const wanted = new Set<string>();
    for (const dir of [...first, ...rest]) {
      if (wanted.size >= this.limit) break;
      wanted.add(path.resolve(dir));
    }
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) if (!this.watchers.has(dir)) this.watch(dir);
  }

  private watch(dir: string): void {
    let watcher: fs.FSWatcher;
    try {
      // Not persistent: watching never keeps the server alive after the client has gone.
      watcher = fs.watch(dir, { persistent: false }, (_event, name) => this.record(name ? path.join(dir, name.toString()) : dir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A folder that is gone is simply not watched; running out of watches is said once.
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && this.failure === undefined) {
        this.failure = code ?? String(error);
        this.log(`cannot watch ${dir} (${this.failure}): changes made there outside the editor are not seen, nor in folders not watched yet`);
      }
      return;
    }
    watcher.on('error', () => {
      // The folder was deleted or moved: its parent's watch reports that; this watch is over.
      watcher.close();
      if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
      this.record(dir);
    });
    this.watchers.set(dir, watcher);
  }

  private record(changedPath: string): void {
    if (this.disposed) return;
    this.changed.add(changedPath);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const paths = [...this.changed];
      this.changed.clear();
      this.onChange(paths);
    }, SETTLE_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
