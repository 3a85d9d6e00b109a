import * as os from 'node:os';
import * as path from 'node:path';
import type { InvalidatingFileSource } from '../io/file-source';
import { createOnlineLicenseOverlay } from '../licenses/online-license-overlay';
import { createHttpsPolicyFetcher } from '../policy/fetch-policy-url';
import { defaultPolicyCacheDir, RemotePolicyStore } from '../policy/remote-policy-store';
import { WorkspaceEngine } from '../workspace/workspace-engine';
import { DEFAULT_SETTINGS, pythonEnvironmentOf, type ServerSettings } from './server-settings';
import { pathToUri, uriToPath } from './to-lsp';
import { isPathWithin } from '../io/path-containment';

export interface Folder {
  readonly root: string;
  /** A folder made up for a file outside every workspace folder: checked, but never audited or listed. */
  readonly adHoc: boolean;
  settings: ServerSettings;
  engine: WorkspaceEngine;
}

/** The workspace folders, each with its own settings and engine (and so its own policy). */
export class WorkspaceFolders {
  private readonly folders = new Map<string, Folder>();
  /** Folders the user took out of the workspace: their files are no longer checked, not even under the default policy. */
  private readonly removed = new Set<string>();
  /** One store for every folder, so a URL several folders share is fetched once. */
  private readonly remotePolicies = new RemotePolicyStore(defaultPolicyCacheDir(process.env), createHttpsPolicyFetcher());
  trusted = false;

  /** `onOnlineAnswer` is called when an online lookup brings a license, so documents can be checked again. */
  constructor(
    private readonly files: InvalidatingFileSource,
    private readonly onOnlineAnswer: () => void = () => undefined,
  ) {}

  private createEngine(root: string, settings: ServerSettings): WorkspaceEngine {
    const created: { engine?: WorkspaceEngine } = {};
    // Nothing leaves the machine from a restricted workspace, whatever its settings say.
    const online = settings.onlineLookup && this.trusted ? createOnlineLicenseOverlay(() => created.engine!.policy.packages, process.env, this.onOnlineAnswer) : undefined;
    const engine = new WorkspaceEngine({
      root,
      files: this.files,
      trusted: this.trusted,
      ...(settings.policyFile ? { policyFile: settings.policyFile } : {}),
      checkHeaders: settings.headersEnabled,
      checkDependencies: settings.dependenciesEnabled,
      env: this.environmentFor(root, settings),
      homeDir: os.homedir(),
      maxFileBytes: settings.maxFileBytes,
      ...(online ? { online } : {}),
      approvalsOutsideWorkspace: settings.approvalsOutsideWorkspace && this.trusted,
      remotePolicies: this.remotePolicies,
      // A fetched organisation policy changes what every document's check says, as an online answer does.
      onRemotePoliciesFetched: this.onOnlineAnswer,
    });
    created.engine = engine;
    return engine;
  }

  /** The server's environment, with the configured Python interpreter's environment as `VIRTUAL_ENV`. */
  private environmentFor(root: string, settings: ServerSettings): Readonly<Record<string, string | undefined>> {
    const venv = settings.pythonInterpreter ? pythonEnvironmentOf(settings.pythonInterpreter, root) : undefined;
    return venv ? { ...process.env, VIRTUAL_ENV: venv } : process.env;
  }

  add(root: string, adHoc = false): Folder {
    const folder = { root, adHoc, settings: DEFAULT_SETTINGS, engine: this.createEngine(root, DEFAULT_SETTINGS) };
    this.folders.set(root, folder);
    if (!adHoc) this.removed.delete(root);
    return folder;
  }

  remove(root: string): void {
    this.folders.delete(root);
    this.removed.add(root);
    // Folders made up for stray files inside it go with it.
    for (const folder of this.all()) if (folder.adHoc && isPathWithin(root, folder.root)) this.folders.delete(folder.root);
  }

  /** True when the file lies in a removed folder and in no folder of the workspace. */
  isInRemovedFolder(filePath: string): boolean {
    return !this.workspaceFolderOf(filePath) && [...this.removed].some((root) => isPathWithin(root, filePath));
  }

  /** The deepest workspace folder containing the file, without making one up. */
  workspaceFolderOf(filePath: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.workspace()) if (isPathWithin(folder.root, filePath) && (!best || folder.root.length > best.root.length)) best = folder;
    return best;
  }

  get size(): number {
    return this.folders.size;
  }

  all(): Folder[] {
    return [...this.folders.values()];
  }

  /** The folders the user opened, as opposed to those made up for stray files. */
  workspace(): Folder[] {
    return this.all().filter((f) => !f.adHoc);
  }

  applySettings(folder: Folder, settings: ServerSettings): void {
    folder.settings = settings;
    folder.engine = this.createEngine(folder.root, settings);
  }

  /** The deepest workspace folder containing the file; a file outside them all gets a folder of its own directory. */
  folderFor(filePath: string): Folder {
    let best: Folder | undefined;
    for (const folder of this.folders.values()) if (isPathWithin(folder.root, filePath) && (!best || folder.root.length > best.root.length)) best = folder;
    return best ?? this.add(path.dirname(filePath), true);
  }

  folderForUri(uri: string | undefined): Folder | undefined {
    const filePath = uri ? uriToPath(uri) : undefined;
    if (filePath) return this.folders.get(filePath) ?? this.folderFor(filePath);
    return this.workspace()[0] ?? this.folders.values().next().value;
  }

  uriOf(folder: Folder): string {
    return pathToUri(folder.root);
  }

  /** True when the file is the folder's policy, a base it extends, or its approvals log. */
  isPolicyInput(folder: Folder, filePath: string): boolean {
    const source = folder.engine.policyLoad.policy.source;
    return filePath === folder.engine.policyPath || filePath === folder.engine.approvalsPath || (source.kind === 'file' && source.chain.includes(filePath));
  }
}

