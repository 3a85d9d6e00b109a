import * as os from 'node:os';
import * as path from 'node:path';
import { readApprovalsLog, type ApprovalsLog } from '../approvals/approvals-log';
import { isoDate } from '../approvals/find-approval';
import { checkManifest, type DeclarationOutcome, type DependencyNote, type PackageRow } from '../dependencies/check-manifest';
import type { PackageVerdict } from '../dependencies/decide-package';
import type { DependencyResolver, EcosystemSupport, TransitivePackage } from '../ecosystems/ecosystem';
import { ecosystemForManifest } from '../ecosystems/registry';
import type { Finding, Fix } from '../findings/finding';
import { checkHeader, copyrightYearUpdates, isHeaderSelected } from '../headers/check-header';
import type { InvalidatingFileSource } from '../io/file-source';
import { isPathWithin, placePath } from '../io/path-containment';
import { loadPolicy, resolvePolicyPath, type PolicyLoadResult } from '../policy/load-policy';
import type { Policy } from '../policy/policy-types';
import { policyInputFindings } from './policy-input-findings';
import { ReuseIndex, type ReuseCoverage } from '../reuse/reuse-coverage';
import { readHeader } from '../headers/read-header';
import type { OnlineLicenseOverlay } from '../licenses/online-license-overlay';
import type { RemotePolicyStore } from '../policy/remote-policy-store';
import { folderDisplayPaths, renderContextFor, type RenderContext } from '../findings/render/render-context';

/** The default of `ospo.maxFileSize`: no real manifest or source file comes near it. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** How deep a chain of URL policies naming further URLs is followed. */
const MAX_REMOTE_ROUNDS = 8;

export interface WorkspaceEngineOptions {
  readonly root: string;
  readonly files: InvalidatingFileSource;
  readonly policyFile?: string;
  readonly trusted: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homeDir?: string;
  readonly now?: () => Date;
  readonly checkHeaders?: boolean;
  readonly checkDependencies?: boolean;
  /** Files larger than this get one `file-too-large` finding instead of a check; default 5 MB (`ospo.maxFileSize`). */
  readonly maxFileBytes?: number;
  /** Online license lookup for packages nothing local describes; off unless given. */
  readonly online?: OnlineLicenseOverlay;
  /** A user-level setting lets the approvals log live outside the folder; honoured only when `trusted`. */
  readonly approvalsOutsideWorkspace?: boolean;
  /** Shared policies named by pinned `https://` URLs; without it such `extends` entries are problems. */
  readonly remotePolicies?: RemotePolicyStore;
  /**
   * Called after pinned URLs the policy names were fetched in the background and the policy reloaded; without
   * it nothing is fetched unless `fetchRemotePolicies` is awaited.
   */
  readonly onRemotePoliciesFetched?: () => void;
}

/**
 * The options that can be handed to a worker thread, which opens the same workspace with its own file source:
 * plain data only. Shared policies from pinned URLs travel as their cache folder; the worker reads them from
 * there and fetches nothing (the main thread fetched before the audit).
 */
export type PortableEngineOptions = Omit<WorkspaceEngineOptions, 'files' | 'now' | 'online' | 'remotePolicies' | 'onRemotePoliciesFetched'> & {
  readonly remotePolicyCacheDir?: string;
};

export interface DocumentCheck {
  readonly findings: readonly Finding[];
  readonly packages: readonly PackageRow[];
  /** Hover text for dependencies without findings. */
  readonly notes: readonly DependencyNote[];
  /** Set when `stopWhen` stopped the check before it was done: nothing in it may be shown. */
  readonly incomplete?: true;
}

export interface DocumentCheckOptions {
  /**
   * For the editor: asked between dependencies resolved anew; true stops the check (which comes back
   * `incomplete`) so the caller can read newer edits. Work done so far is kept for the next check.
   */
  readonly stopWhen?: () => boolean;
}

/**
 * Everything the engine knows about one workspace folder: the policy in force, the approvals log and the
 * resolvers of each manifest. Results of expensive reads are kept until `fileChanged` says an input changed,
 * so checking a document on each keystroke costs a parse of that document and lookups in memory.
 */
export class WorkspaceEngine {
  private policyResult!: PolicyLoadResult;
  private lastGoodPolicy!: Policy;
  private approvalsLog!: ApprovalsLog;
  private approvalsOutside: string | undefined;
  private readonly resolvers = new Map<string, DependencyResolver>();
  private hadValidPolicy = false;
  private readonly verdicts = new Map<string, PackageVerdict>();
  /** Each manifest's declaration outcomes from its last check: valid with `verdicts` and the resolvers. */
  private readonly outcomes = new Map<string, Map<string, DeclarationOutcome>>();
  private transitiveFindings = new WeakMap<readonly TransitivePackage[], Map<string, readonly Finding[]>>();
  private verdictsDate = '';
  /** How many online answers the outcomes were made with: a new answer may change a package's license. */
  private outcomesOnline = 0;
  private reuse!: ReuseIndex;
  private cachedRenderContext: RenderContext | undefined;
  /** How findings show this folder's paths; its answers are kept, as a manifest shows the same folders on every check. */
  private readonly displayPath: (absolutePath: string) => string;

  constructor(private readonly options: WorkspaceEngineOptions) {
    this.displayPath = folderDisplayPaths(options.root, options.homeDir);
    this.reuse = new ReuseIndex(options.root, options.files);
    this.reloadPolicy();
  }

  /**
   * The options another thread needs to open this workspace the same way, or undefined when they cannot be
   * passed on: a clock or an online lookup given in code.
   */
  portableOptions(): PortableEngineOptions | undefined {
    const { files: _files, now, online, remotePolicies, onRemotePoliciesFetched: _fetched, ...portable } = this.options;
    if (now || online) return undefined;
    return remotePolicies ? { ...portable, remotePolicyCacheDir: remotePolicies.cacheDir } : portable;
  }

  get reuseIndex(): ReuseIndex {
    return this.reuse;
  }

  get root(): string {
    return this.options.root;
  }

  get files(): InvalidatingFileSource {
    return this.options.files;
  }

  get policy(): Policy {
    return this.lastGoodPolicy;
  }

  get policyLoad(): PolicyLoadResult {
    return this.policyResult;
  }

  get policyPath(): string {
    return resolvePolicyPath({ workspaceRoot: this.options.root, ...(this.options.policyFile ? { policyFile: this.options.policyFile } : {}) });
  }

  get approvalsPath(): string {
    return path.resolve(this.options.root, this.lastGoodPolicy.approvals.file);
  }

  get approvals(): ApprovalsLog {
    return this.approvalsLog;
  }

  /** Re-reads the policy; a broken one is reported and the last good policy keeps applying. */
  reloadPolicy(): void {
    this.readPolicy();
    const notify = this.options.onRemotePoliciesFetched;
    if (notify && this.policyResult.pendingUrls?.length) {
      void this.fetchRemotePolicies().then(notify, () => undefined);
    }
  }

  private readPolicy(): void {
    this.policyResult = loadPolicy({
      workspaceRoot: this.options.root,
      files: this.options.files,
      trusted: this.options.trusted,
      ...(this.options.policyFile ? { policyFile: this.options.policyFile } : {}),
      ...(this.options.approvalsOutsideWorkspace ? { approvalsOutsideWorkspace: true } : {}),
      ...(this.options.remotePolicies ? { remote: this.options.remotePolicies } : {}),
    });
    if (this.policyResult.kind !== 'invalid' || this.lastGoodPolicy === undefined) this.lastGoodPolicy = this.policyResult.policy;
    if (this.policyResult.kind === 'loaded') this.hadValidPolicy = true;
    this.reloadApprovals();
  }

  /**
   * Fetches the pinned URLs the policy chain names and are not cached, and reloads the policy, until nothing is
   * left to fetch (a fetched policy may name further URLs). Each URL is tried once per engine's store.
   */
  async fetchRemotePolicies(): Promise<void> {
    const store = this.options.remotePolicies;
    if (!store || !this.options.trusted) return;
    for (let round = 0; round < MAX_REMOTE_ROUNDS && this.policyResult.pendingUrls?.length; round++) {
      await Promise.all(this.policyResult.pendingUrls.map((pin) => store.fetch(pin)));
      this.readPolicy();
    }
  }

  private reloadApprovals(): void {
    this.forgetDecisions();
    const file = this.approvalsPath;
    this.approvalsOutside = this.approvalsLogRefusal();
    // A log that leads out of the folder is neither read nor written: it could be any file on the machine.
    this.approvalsLog = readApprovalsLog(file, this.approvalsOutside ? undefined : this.options.files.readText(file));
  }

  /**
   * Why the approvals log may not be read or written where it is now, or undefined when it may. Asked again
   * before each write, since a folder on the way may have become a symbolic link since the policy was read.
   */
  approvalsLogRefusal(): string | undefined {
    if (this.options.trusted && this.options.approvalsOutsideWorkspace) return undefined;
    const placement = placePath(this.options.root, this.approvalsPath);
    return placement.kind === 'outside' ? `the approvals log must be inside the workspace folder: ${placement.reason}` : undefined;
  }

  /** Tells the engine a file on disk changed; returns what kind of input it was. */
  fileChanged(filePath: string): 'policy' | 'approvals' | 'resolution' | 'other' {
    this.options.files.invalidate(filePath);
    // Installing another version of a shared policy package changes its package.json (which editors watch) and
    // files beside it (which they may not): the whole package is read again.
    const policyPackage = this.policyResult.bases?.find((b) => b.origin.kind === 'package' && isPathWithin(b.origin.packageDir, filePath));
    if (policyPackage?.origin.kind === 'package') {
      this.options.files.invalidate(policyPackage.origin.packageDir);
      this.reloadPolicy();
      return 'policy';
    }
    this.reuse = new ReuseIndex(this.options.root, this.options.files);
    const policyChain = this.policyResult.policy.source.kind === 'file' ? this.policyResult.policy.source.chain : [];
    if (filePath === this.policyPath || policyChain.includes(filePath) || this.policyResult.kind === 'invalid') {
      this.reloadPolicy();
      if (filePath === this.policyPath || policyChain.includes(filePath)) return 'policy';
    }
    if (filePath === this.approvalsPath) {
      this.reloadApprovals();
      return 'approvals';
    }
    if (filePath.endsWith('package.json') && path.dirname(filePath) === this.options.root) this.reloadPolicy();
    // Lock files, installed metadata, caches: any of them may change what a resolver answers.
    this.resolvers.clear();
    this.forgetDecisions();
    return 'resolution';
  }

  /** Drops every cached read, e.g. after a settings change or a bulk file operation. */
  resetCaches(): void {
    this.options.files.invalidateAll();
    this.reuse = new ReuseIndex(this.options.root, this.options.files);
    this.resolvers.clear();
    this.reloadPolicy();
  }

  /**
   * How renderers show this folder's paths and find policy entries in their files. Kept until an input changes
   * (every publish and hover asks for it; it indexes the lines of the policy files it reads).
   */
  renderContext(): RenderContext {
    this.cachedRenderContext ??= renderContextFor(this.options.root, (p) => this.options.files.readText(p), this.options.homeDir);
    return this.cachedRenderContext;
  }

  /** Drops every remembered verdict and declaration outcome: what they were decided with has changed. */
  private forgetDecisions(): void {
    this.cachedRenderContext = undefined;
    this.verdicts.clear();
    this.outcomes.clear();
    this.transitiveFindings = new WeakMap();
  }

  relative(filePath: string): string {
    return path.relative(this.options.root, filePath).split(path.sep).join('/');
  }

  /** Problems in the policy chain and the approvals log (including approvals that do not count), as findings in the files where they occur. */
  policyFindings(): Finding[] {
    return policyInputFindings({
      result: this.policyResult,
      approvalsLog: this.approvalsLog,
      approvalsOutside: this.approvalsOutside,
      hadValidPolicy: this.hadValidPolicy,
      approvalRules: this.lastGoodPolicy.approvals,
      today: isoDate(this.now()),
      readText: (p) => this.options.files.readText(p),
    });
  }

  /**
   * Checks one document's current text: a manifest's dependencies, or a source file's header. The `audit` mode
   * also reports manifest syntax errors (editors show their own) and lists every package for the report.
   */
  checkDocument(filePath: string, text: string, languageId?: string, mode: 'editor' | 'audit' = 'editor', options: DocumentCheckOptions = {}): DocumentCheck {
    const findings: Finding[] = [];
    let packages: readonly PackageRow[] = [];
    let notes: readonly DependencyNote[] = [];
    const support = this.options.checkDependencies === false ? undefined : ecosystemForManifest(filePath);
    const relativePath = this.relative(filePath);
    const headers = this.lastGoodPolicy.headers;
    const checksDependencies = support !== undefined && !this.isInsideDependencyFolder(filePath);
    const checksHeader = this.checksHeaders(relativePath) && isHeaderSelected(relativePath, headers);
    const tooLarge = checksDependencies || checksHeader ? this.tooLargeFinding(filePath, text) : undefined;
    if (tooLarge) return { findings: [tooLarge], packages: [], notes: [] };
    if (support && checksDependencies) {
      const today = isoDate(this.now());
      // Approvals expire by date: a new day starts afresh.
      if (today !== this.verdictsDate) {
        this.forgetDecisions();
        this.verdictsDate = today;
      }
      const answers = this.options.online?.answerCount ?? 0;
      if (answers !== this.outcomesOnline) {
        this.forgetDecisions();
        this.outcomesOnline = answers;
      }
      let outcomes = this.outcomes.get(filePath);
      if (!outcomes) {
        outcomes = new Map();
        this.outcomes.set(filePath, outcomes);
      }
      const check = checkManifest({
        path: filePath,
        text,
        support,
        resolver: this.resolverFor(filePath, support),
        context: {
          policy: this.lastGoodPolicy,
          approvals: this.approvalsLog.entries,
          approvalsPath: this.approvalsLog.path,
          today,
          displayPath: this.displayPath,
          memo: this.verdicts,
        },
        reportSyntaxProblems: mode === 'audit',
        collectPackages: mode === 'audit',
        outcomes,
        transitiveFindings: this.transitiveFindings,
        ...(options.stopWhen && mode === 'editor' ? { stopWhen: options.stopWhen } : {}),
        ...(this.options.online ? { enrich: (pkg) => this.options.online!.enrich(pkg) } : {}),
      });
      if (check.incomplete) return { findings: [], packages: [], notes: [], incomplete: true };
      findings.push(...check.findings);
      packages = check.packages;
      notes = check.notes;
    }
    if (checksHeader) findings.push(...this.headerFindings(filePath, relativePath, text, this.reuse.coverageFor(relativePath), languageId));
    return { findings, packages, notes };
  }

  /** Fixes offered where the cursor is rather than for a finding: updating a stale copyright year. */
  contextualFixes(filePath: string, text: string): Array<{ readonly line: number; readonly fix: Fix }> {
    const relativePath = this.relative(filePath);
    const headers = this.lastGoodPolicy.headers;
    if (!this.checksHeaders(relativePath) || !isHeaderSelected(relativePath, headers)) return [];
    return copyrightYearUpdates({ path: filePath, relativePath, text, policy: headers, now: this.now() });
  }

  /** Whether REUSE compliance applies: the policy says so, or the workspace uses REUSE. */
  reuseRequired(): boolean {
    return this.lastGoodPolicy.headers.reuse ?? this.reuse.usesReuse();
  }

  /**
   * An audit's check of a source file it already knows the policy selects for a header: the findings
   * `checkDocument` gives it, and (when asked) its `declaredLicenses`, from one reading of its REUSE coverage.
   */
  checkSelectedHeaderFile(
    file: { readonly path: string; readonly relativePath: string },
    text: string,
    options: { readonly coverage?: ReuseCoverage; readonly licenses: boolean },
  ): { readonly findings: readonly Finding[]; readonly licenses: readonly DeclaredLicense[] } {
    const { path: filePath, relativePath } = file;
    if (!this.checksHeaders(relativePath)) return { findings: [], licenses: [] };
    const tooLarge = this.tooLargeFinding(filePath, text);
    if (tooLarge) return { findings: [tooLarge], licenses: [] };
    const coverage = options.coverage ?? this.reuse.coverageFor(relativePath);
    return { findings: this.headerFindings(filePath, relativePath, text, coverage), licenses: options.licenses ? licensesDeclared(coverage, text) : [] };
  }

  /** Whether header checks apply to files here at all: enabled, and the file inside the folder. */
  private checksHeaders(relativePath: string): boolean {
    return this.options.checkHeaders !== false && this.lastGoodPolicy.headers.enabled && !relativePath.startsWith('..');
  }

  private headerFindings(filePath: string, relativePath: string, text: string, coverage: ReuseCoverage, languageId?: string): Finding[] {
    return checkHeader({
      path: filePath,
      relativePath,
      text,
      ...(languageId ? { languageId } : {}),
      policy: this.lastGoodPolicy.headers,
      now: this.now(),
      coverage,
      reuseToml: this.rootReuseToml(),
    });
  }

  /**
   * The license expressions that apply to a file for REUSE: its own tags and what REUSE metadata adds, each
   * with the 0-based line it is stated on in the file (0 when it comes from elsewhere).
   */
  declaredLicenses(filePath: string, text: string): DeclaredLicense[] {
    return licensesDeclared(this.reuse.coverageFor(this.relative(filePath)), text);
  }

  private rootReuseToml(): { readonly path: string; readonly text: string | undefined } {
    const tomlPath = path.join(this.options.root, 'REUSE.toml');
    return { path: tomlPath, text: this.options.files.readText(tomlPath) };
  }

  /** One finding in place of a check, for a file above the size limit: checking it could stall every keystroke. */
  private tooLargeFinding(filePath: string, text: string): Finding | undefined {
    const limit = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most texts are decided without counting.
    if (text.length * 3 <= limit) return undefined;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= limit) return undefined;
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
    return {
      code: 'file-too-large',
      severity: 'warning',
      message: `too large to check: ${mb(bytes)} > ${mb(limit)} (ospo.maxFileSize)`,
      path: filePath,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      subject: { kind: 'file' },
      fixes: [],
    };
  }

  private isInsideDependencyFolder(filePath: string): boolean {
    return /[\\/](node_modules|vendor)[\\/]/.test(path.relative(this.options.root, filePath));
  }

  private resolverFor(manifestPath: string, support: EcosystemSupport): DependencyResolver {
    const key = `${support.ecosystem}\0${manifestPath}`;
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      resolver = support.createResolver(manifestPath, {
        files: this.options.files,
        env: this.options.env ?? process.env,
        homeDir: this.options.homeDir ?? os.homedir(),
      });
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }
}


/** The 0-based line an offset is on, counting line breaks as `LineIndex` does; tags sit near the top, so this stays short. */
/** A license expression that applies to a file, and the 0-based line it is stated on (0 when stated elsewhere). */
export interface DeclaredLicense {
  readonly expression: string;
  readonly line: number;
}

function licensesDeclared(coverage: ReuseCoverage, text: string): DeclaredLicense[] {
  const header = coverage.kind === 'sidecar' || (coverage.kind === 'annotation' && coverage.precedence === 'override') ? undefined : readHeader(text);
  // Snippets keep their own license: its text is needed in LICENSES/ too.
  const own = header ? [...header.licenses, ...header.snippetLicenses] : [];
  return [
    ...own.map((tag) => ({ expression: tag.expression, line: lineOfOffset(text, tag.span.start) })),
    ...(coverage.kind === 'none' ? [] : coverage.licenses.map((expression) => ({ expression, line: 0 }))),
  ];
}

function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}
