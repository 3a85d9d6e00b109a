import * as path from 'node:path';
import type { Finding } from '../findings/finding';
import type { FolderStatus, OspoStatus, PolicyHealth, PolicyInForce } from '../protocol/ospo-protocol';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import { pathToUri } from './to-lsp';
import type { Folder, WorkspaceFolders } from './workspace-folders';

/** The status of the workspace as `ospo/status` and `ospo.server.status` report it. */
export function workspaceStatus(folders: WorkspaceFolders, published: Iterable<Finding>, serverError: string | undefined): OspoStatus {
  const counts = new Map<Folder, { error: number; warning: number; information: number }>();
  // Files carry many findings each: find a file's folder once.
  const folderOfPath = new Map<string, Folder | undefined>();
  for (const finding of published) {
    let folder = folderOfPath.get(finding.path);
    if (!folderOfPath.has(finding.path)) folderOfPath.set(finding.path, (folder = folders.workspaceFolderOf(finding.path)));
    if (!folder) continue;
    const c = counts.get(folder) ?? { error: 0, warning: 0, information: 0 };
    c[finding.severity]++;
    counts.set(folder, c);
  }
  return {
    trusted: folders.trusted,
    folders: folders.workspace().map((folder): FolderStatus => {
      const health = policyHealth(folder.engine);
      return {
        uri: pathToUri(folder.root),
        root: folder.root,
        enabled: folder.settings.enable,
        policy: policyInForce(folder.engine),
        health,
        policyValid: health.kind === 'valid',
        counts: counts.get(folder) ?? { error: 0, warning: 0, information: 0 },
      };
    }),
    ...(serverError !== undefined ? { serverError } : {}),
  };
}

function policyInForce(engine: WorkspaceEngine): PolicyInForce {
  const source = engine.policy.source;
  return source.kind === 'file' ? { kind: 'file', path: source.path, files: source.chain.length ? [...source.chain] : [source.path] } : { kind: 'default', reason: source.reason };
}

/** Only the first problems travel: the policy file itself lists them all. */
const PROBLEMS_SHOWN = 3;

function policyHealth(engine: WorkspaceEngine): PolicyHealth {
  const load = engine.policyLoad;
  if (load.kind === 'missing') return { kind: 'missing', path: load.path };
  if (load.kind === 'loaded') return { kind: 'valid' };
  const real = load.problems.filter((p) => p.notLoaded === undefined);
  if (real.length) return { kind: 'invalid', problems: real.slice(0, PROBLEMS_SHOWN).map((p) => `${path.basename(p.path)}: ${p.message}`), problemCount: real.length };
  return { kind: 'restricted', notLoaded: [...new Set(load.problems.flatMap((p) => (p.notLoaded ? [p.notLoaded] : [])))] };
}

/** One line for the log per state worth following: which policy a folder uses and whether it is valid. */
export function describeFolderPolicy(folder: FolderStatus): string {
  const name = path.basename(folder.root);
  const policy =
    folder.policy.kind === 'file'
      ? `policy ${folder.policy.files.map((f) => path.relative(folder.root, f) || f).join(' ← ')}`
      : `the embedded default policy (${folder.policy.reason === 'untrusted' ? 'the policy file is not read in a restricted workspace' : 'no policy file'})`;
  const health = folder.health;
  switch (health.kind) {
    case 'valid':
      return `${name}: loaded ${policy}`;
    case 'missing':
      return `${name}: the policy file ${health.path} does not exist; using ${policy}`;
    case 'restricted':
      return `${name}: loaded ${policy}; restricted: ${health.notLoaded.join(', ')} not loaded`;
    case 'invalid':
      // The problems themselves are diagnostics on the policy file; the log says that there are some.
      return `${name}: ${policy} has ${health.problemCount} problem(s); the last valid policy applies`;
  }
}

/**
 * Sends `ospo/status` when the status changed since the last one sent, at most once per turn of the event loop,
 * and logs the changes a user may want to follow: folders added and removed, the policy each folder loaded.
 */
export class StatusNotifier {
  private last: OspoStatus | undefined;
  private lastText = '';
  private pending: NodeJS.Immediate | undefined;
  private readonly failures = new Map<string, string>();
  private started = false;

  constructor(
    private readonly compute: (serverError: string | undefined) => OspoStatus,
    private readonly send: (status: OspoStatus) => void,
    private readonly log: (line: string) => void,
  ) {}

  /** From now on changes are sent (after `initialized`: the client listens). */
  start(): void {
    this.started = true;
    this.schedule();
  }

  /** Records that something failed (or, with `error` undefined, succeeded again); shown as the server error. */
  outcome(what: string, error: string | undefined): void {
    const before = this.failures.get(what);
    if (error === undefined) this.failures.delete(what);
    else this.failures.set(what, error);
    if (before !== error) this.schedule();
  }

  schedule(): void {
    if (!this.started || this.pending) return;
    this.pending = setImmediate(() => {
      this.pending = undefined;
      this.flush();
    });
  }

  current(): OspoStatus {
    const [first] = this.failures.entries();
    return this.compute(first ? `${first[0]}: ${first[1]}` : undefined);
  }

  private flush(): void {
    const status = this.current();
    const text = JSON.stringify(status);
    if (text === this.lastText) return;
    this.logChanges(this.last, status);
    this.last = status;
    this.lastText = text;
    this.send(status);
  }

  private logChanges(before: OspoStatus | undefined, after: OspoStatus): void {
    const old = new Map(before?.folders.map((f) => [f.root, f]) ?? []);
    const now = new Set(after.folders.map((f) => f.root));
    for (const root of old.keys()) if (!now.has(root)) this.log(`Folder removed: ${root}`);
    for (const folder of after.folders) {
      const previous = old.get(folder.root);
      if (before && !previous) this.log(`Folder added: ${folder.root}`);
      const line = describeFolderPolicy(folder);
      // Counts change with every keystroke that adds or fixes a finding: the log follows the policy, not them.
      if (!previous || describeFolderPolicy(previous) !== line) this.log(line);
    }
    if (after.serverError !== before?.serverError && after.serverError !== undefined) this.log(`Server error: ${after.serverError}`);
  }
}
