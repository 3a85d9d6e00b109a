import type { PackageRow } from '../dependencies/check-manifest';
import { ecosystemForManifest } from '../ecosystems/registry';
import { SEVERITY_RANK, type Finding } from '../findings/finding';
import { diagnosticMessage } from '../findings/render/diagnostic-message';
import { isHeaderSelected } from '../headers/check-header';
import { readTextFile } from '../io/file-source';
import { joinNormalized } from '../io/path-containment';
import type { ReuseProblem } from '../reuse/reuse-coverage';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import { walkWorkspace } from './walk-workspace';
import { idsInExpression, licenseTextFindings, type LicenseUse } from '../reuse/license-texts';
import { auditHeaderFile, type LicenseUseNote } from './audit-header-file';
import { auditHeaderBatch, HeaderAuditPool, type HeaderBatchAudit } from './audit-pool';

export interface AuditResult {
  readonly root: string;
  readonly policySource: string;
  readonly findings: readonly Finding[];
  readonly packages: readonly PackageRow[];
  readonly stats: {
    readonly filesSeen: number;
    readonly manifestsChecked: number;
    readonly headerFilesChecked: number;
    readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
    readonly durationMs: number;
  };
}

/** How far an audit is: the counts so far, and the file it has reached. */
export interface AuditProgress {
  readonly filesSeen: number;
  readonly manifestsChecked: number;
  readonly headerFilesChecked: number;
  readonly current: string;
  /** The last report of a folder's audit: the walk is over. */
  readonly done: boolean;
}

export interface AuditOptions {
  /** Threads that check headers, this one included; 1 (the default) checks them all on this thread. */
  readonly jobs?: number;
  /** Called now and then (and once at the end) with the counts so far, for progress reporting. */
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Checked between files; true stops the audit early with what was found so far. */
  readonly isCancelled?: () => boolean;
}

/** How often a long audit says how far it is: often enough to look alive, rarely enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 250;

/** Header-selected files sent to a worker at once: enough to make a message worth its cost, few enough to spread the work. */
const BATCH_FILES = 64;

/**
 * Header files the walk meets before workers are started. A worker costs this thread some 15 ms to start and
 * its own core some 100 ms before it checks anything, while this thread checks a file in under 0.1 ms: a tree
 * with a few thousand header files is done sooner on this thread alone (measured on curl/curl, 1,175 of them).
 */
const POOL_AFTER_HEADER_FILES = 2048;

/**
 * Batches of results waiting to be merged in walk order: this thread goes on checking while a worker's batch
 * is out, and only waits for it when this many are behind it. Each holds a batch's findings, a few kilobytes.
 */
const MERGE_WINDOW_BATCHES = 64;

/** One stretch of the walk's results, merged in walk order whichever thread produced it. */
interface AuditSlice {
  readonly findings: readonly Finding[];
  readonly packages: readonly PackageRow[];
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
  readonly licenseUses: readonly LicenseUseNote[];
  readonly manifestsChecked: number;
  readonly headerFilesChecked: number;
}

/**
 * Walks the workspace and checks every manifest and every header-selected file with the same engine the editor
 * uses. It runs no package manager and no code from the tree: it only reads files. With `jobs` above one,
 * header checks run on worker threads while this thread walks and checks manifests; the result is the same.
 */
export async function runAudit(engine: WorkspaceEngine, options: AuditOptions = {}): Promise<AuditResult> {
  const started = process.hrtime.bigint();
  const findings: Finding[] = [...engine.policyFindings()];
  const packages: PackageRow[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  let filesSeen = 0;
  let manifestsChecked = 0;
  let headerFilesChecked = 0;
  const headers = engine.policy.headers;
  const reuse = engine.reuseRequired();
  const licenseUses = new Map<string, LicenseUse>();
  const merge = (slice: AuditSlice) => {
    findings.push(...slice.findings);
    packages.push(...slice.packages);
    skipped.push(...slice.skipped);
    manifestsChecked += slice.manifestsChecked;
    headerFilesChecked += slice.headerFilesChecked;
    for (const use of slice.licenseUses) {
      for (const id of idsInExpression(use.expression)) if (!licenseUses.has(id)) licenseUses.set(id, { path: use.path, line: use.line });
    }
  };

  // Workers start once the tree has shown it is large enough to repay them.
  // This thread is one of the `jobs`: it checks a batch itself whenever every worker has its hands full.
  let pool: HeaderAuditPool | undefined;
  let poolOpened = false;
  // Results in walk order; at most MERGE_WINDOW_BATCHES are outstanding, so memory does not grow with the tree.
  const slices: Array<AuditSlice | Promise<AuditSlice>> = [];
  let batch: string[] = [];
  let headerFilesSeen = 0;
  const flushBatch = () => {
    if (!batch.length) return;
    if (!poolOpened && headerFilesSeen >= POOL_AFTER_HEADER_FILES) {
      poolOpened = true;
      pool = HeaderAuditPool.open(engine, (options.jobs ?? 1) - 1, reuse);
    }
    const files = batch;
    batch = [];
    slices.push(pool?.hasRoom() ? pool.submit(files).then(headerSlice) : headerSlice(auditHeaderBatch(engine, files, reuse)));
  };
  const drain = async (keep: number) => {
    while (slices.length > keep) merge(await slices.shift()!);
  };

  let lastReport = Date.now();
  const report = (current: string, done: boolean) => {
    lastReport = Date.now();
    options.onProgress?.({ filesSeen, manifestsChecked, headerFilesChecked, current, done });
  };

  let reuseProblemsFromWorkers: readonly ReuseProblem[] = [];
  try {
    for (const relative of walkWorkspace(engine.root)) {
      if (options.isCancelled?.()) break;
      filesSeen++;
      if (filesSeen % 100 === 0 && Date.now() - lastReport >= PROGRESS_INTERVAL_MS) report(relative, false);
      if (filesSeen % 500 === 0) {
        // Let a language server read its messages (a cancellation, an edit) during a long audit.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const absolute = joinNormalized(engine.root, relative);
      const isManifest = ecosystemForManifest(absolute) !== undefined;
      const wantsHeader = headers.enabled && isHeaderSelected(relative, headers);
      if (!isManifest && !wantsHeader) continue;
      if (isManifest) {
        flushBatch();
        slices.push(manifestSlice(engine, relative, absolute, wantsHeader, reuse));
      } else {
        batch.push(relative);
        headerFilesSeen++;
        if (batch.length >= BATCH_FILES) {
          flushBatch();
          // Workers' answers are read between batches: a worker whose answer waits behind this thread's checks idles.
          if (pool) await new Promise((resolve) => setImmediate(resolve));
        }
      }
      // Without workers every slice is ready: it is merged at once.
      const window = pool ? MERGE_WINDOW_BATCHES : 0;
      if (slices.length > window) await drain(window);
    }
    flushBatch();
    await drain(0);
    if (pool) reuseProblemsFromWorkers = await pool.close();
  } catch (error) {
    await pool?.terminate();
    throw error;
  }
  if (reuse && !options.isCancelled?.()) {
    findings.push(...licenseTextFindings(engine.root, engine.files, licenseUses));
    const problems = new Map<string, ReuseProblem>();
    for (const problem of [...engine.reuseIndex.readProblems(), ...reuseProblemsFromWorkers]) problems.set(`${problem.path}\0${problem.message}`, problem);
    for (const problem of problems.values()) {
      findings.push({ code: 'reuse-metadata-invalid', severity: 'error', message: problem.message, path: problem.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, subject: { kind: 'file' }, fixes: [] });
    }
  }

  report('', true);
  findings.sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      diagnosticMessage(a).localeCompare(diagnosticMessage(b)),
  );
  const source = engine.policy.source;
  return {
    root: engine.root,
    policySource: source.kind === 'file' ? engine.relative(source.path) : 'embedded default policy',
    findings,
    packages,
    stats: { filesSeen, manifestsChecked, headerFilesChecked, skipped, durationMs: Number(process.hrtime.bigint() - started) / 1e6 },
  };
}

function headerSlice(batch: HeaderBatchAudit): AuditSlice {
  return { findings: batch.findings, packages: [], skipped: batch.skipped, licenseUses: batch.licenseUses, manifestsChecked: 0, headerFilesChecked: batch.checked };
}

/** A manifest is checked on the walking thread: its resolvers and their caches live there. */
function manifestSlice(engine: WorkspaceEngine, relative: string, absolute: string, wantsHeader: boolean, reuse: boolean): AuditSlice {
  const text = readTextFile(absolute);
  if (text !== undefined) {
    const check = engine.checkDocument(absolute, text, undefined, 'audit');
    return { findings: check.findings, packages: check.packages, skipped: [], licenseUses: [], manifestsChecked: 1, headerFilesChecked: wantsHeader ? 1 : 0 };
  }
  const audit = auditHeaderFile(engine, relative, reuse, { manifest: true });
  return {
    findings: audit.findings,
    packages: [],
    skipped: [{ path: relative, reason: 'not readable as text' }, ...(audit.skipped ? [audit.skipped] : [])],
    licenseUses: audit.licenseUses,
    manifestsChecked: 0,
    headerFilesChecked: audit.checked ? 1 : 0,
  };
}
