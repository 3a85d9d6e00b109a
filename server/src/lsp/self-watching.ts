import * as path from 'node:path';
import type { CachingFileSource } from '../io/file-source';
import { DirectoryWatcher } from './directory-watcher';
import type { WorkspaceFolders } from './workspace-folders';

interface SelfWatchingContext {
  readonly folders: WorkspaceFolders;
  /** The disk cache under the open documents: what it has read says which folders matter. */
  readonly disk: CachingFileSource;
  /** Paths of the documents open in the client. */
  readonly openFiles: () => readonly string[];
  /** Handles changed files as a client's `workspace/didChangeWatchedFiles` would be. */
  readonly filesChanged: (paths: readonly string[]) => void;
  readonly log: (line: string) => void;
}

/**
 * File watching done by the server, for a client that cannot watch files for it (no dynamic registration of
 * `workspace/didChangeWatchedFiles`, as in Neovim 0.7): otherwise a saved approvals log, a lock file rewritten by
 * the package manager or a policy pulled from git would stay unseen until a restart.
 */
export class SelfWatching {
  private readonly watcher: DirectoryWatcher;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: SelfWatchingContext) {
    this.watcher = new DirectoryWatcher((paths) => this.changed(paths), ctx.log);
  }

  /**
   * Watches the workspace folders, where the policy inputs live, the folders of open documents (lock files sit
   * beside manifests) and then every folder inside a workspace folder the server has read from. Folders outside
   * them (the file system's root, caches in the home folder) change for reasons of their own. Without `now`, the
   * look is taken once the checks an edit starts have done their reads.
   */
  refresh(now = false): void {
    if (!now) {
      this.refreshTimer ??= setTimeout(() => {
        this.refreshTimer = undefined;
        this.refresh(true);
      }, 300);
      return;
    }
    // Folders made up for stray files (their own directory, the home folder even) are not searched below.
    const roots = this.ctx.folders.workspace().map((f) => f.root);
    const inside = (dir: string) => roots.some((root) => dir === root || dir.startsWith(root + path.sep));
    const first = [...roots, ...this.policyInputs().map((p) => path.dirname(p)), ...this.ctx.openFiles().map((p) => path.dirname(p))];
    this.watcher.update(first, this.ctx.disk.listedDirectories().filter(inside));
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.watcher.dispose();
  }

  /** The policy files and approvals logs of each folder. */
  private policyInputs(): string[] {
    return this.ctx.folders.all().flatMap((folder) => {
      const source = folder.engine.policyLoad.policy.source;
      return [folder.engine.policyPath, folder.engine.approvalsPath, ...(source.kind === 'file' ? source.chain : [])];
    });
  }

  /** Only changes that can change an answer the server gave go on: saving an unrelated file re-checks nothing. */
  private changed(paths: readonly string[]): void {
    const inputs = this.policyInputs();
    const relevant = new Set<string>();
    for (const changed of paths) {
      if (this.ctx.disk.answersDependOn(changed)) relevant.add(changed);
      // A folder created, replaced or removed (`.ospo` itself, say) carries the inputs inside it along.
      for (const input of inputs) if (input === changed || input.startsWith(changed + path.sep)) relevant.add(input);
    }
    if (relevant.size) this.ctx.filesChanged([...relevant]);
    this.refresh();
  }
}
