import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Finding } from '../findings/finding';
import type { ReuseProblem } from '../reuse/reuse-coverage';
import type { PortableEngineOptions, WorkspaceEngine } from '../workspace/workspace-engine';
import { auditHeaderFile, type LicenseUseNote } from './audit-header-file';
import { errorMessage } from '../text/unknown-error';

/** What the header check of a run of files found, in the order of the files. */
export interface HeaderBatchAudit {
  readonly findings: readonly Finding[];
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
  readonly licenseUses: readonly LicenseUseNote[];
  readonly checked: number;
}

export interface AuditWorkerSetup {
  readonly engine: PortableEngineOptions;
  readonly reuse: boolean;
}

export interface AuditBatchRequest {
  readonly seq: number;
  readonly files: readonly string[];
}

type WorkerReply = { readonly kind: 'batch'; readonly seq: number; readonly result: HeaderBatchAudit } | { readonly kind: 'finished'; readonly reuseProblems: readonly ReuseProblem[] };

/** Checks the headers of workspace-relative files, in order; the same code runs inline and in the workers. */
export function auditHeaderBatch(engine: WorkspaceEngine, files: readonly string[], reuse: boolean): HeaderBatchAudit {
  const findings: Finding[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  const licenseUses: LicenseUseNote[] = [];
  let checked = 0;
  for (const file of files) {
    const audit = auditHeaderFile(engine, file, reuse);
    findings.push(...audit.findings);
    if (audit.skipped) skipped.push(audit.skipped);
    licenseUses.push(...audit.licenseUses);
    if (audit.checked) checked++;
  }
  return { findings, skipped, licenseUses, checked };
}

/** The bundled worker script; absent when running from source, where the audit runs inline. */
const WORKER_SCRIPT = path.join(__dirname, 'audit-worker.js');
/**
 * A worker's young generation: its garbage is decoded text that dies within the file, so a small nursery costs
 * little time and keeps each thread's memory from growing to V8's default of tens of megabytes.
 */
const YOUNG_GENERATION_MB = 8;
/** Batches each worker holds at once: one being checked, one waiting, so a worker never idles on a round trip. */
const BATCHES_PER_WORKER = 2;

/**
 * Worker threads that check headers of the batches they are given. Each opens the workspace itself (policy,
 * REUSE metadata) and reads its files; the main thread walks the tree, checks manifests and merges results in
 * the order it submitted the batches, so the report is the same as a single-threaded run's.
 */
export class HeaderAuditPool {
  private readonly workers: Array<{ worker: Worker; inFlight: number }>;
  private readonly waiting = new Map<number, { resolve: (r: HeaderBatchAudit) => void; reject: (e: unknown) => void }>();
  private readonly backlog: AuditBatchRequest[] = [];
  private nextSeq = 0;
  private failure: Error | undefined;

  /** A pool of `workers` threads, or undefined when the audit should run inline (no worker, no worker script, an engine a worker cannot recreate). */
  static open(engine: WorkspaceEngine, workers: number, reuse: boolean): HeaderAuditPool | undefined {
    const portable = engine.portableOptions();
    if (workers < 1 || !portable || !fs.existsSync(WORKER_SCRIPT)) return undefined;
    return new HeaderAuditPool({ engine: portable, reuse }, workers);
  }

  private constructor(setup: AuditWorkerSetup, jobs: number) {
    // Loaded here, not imported: loading worker_threads costs a start-up that opens no pool ten milliseconds.
    const WorkerThread = (require('node:worker_threads') as typeof import('node:worker_threads')).Worker;
    this.workers = Array.from({ length: jobs }, () => {
      const entry = { worker: new WorkerThread(WORKER_SCRIPT, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }), inFlight: 0 };
      entry.worker.on('message', (reply: WorkerReply) => {
        if (reply.kind !== 'batch') return;
        entry.inFlight--;
        const waiter = this.waiting.get(reply.seq);
        this.waiting.delete(reply.seq);
        waiter?.resolve(reply.result);
        this.dispatch();
      });
      entry.worker.on('error', (error) => this.fail(error));
      return entry;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Whether a worker would take a batch now, rather than queue it behind the ones it holds. */
  hasRoom(): boolean {
    return this.backlog.length === 0 && this.workers.some((w) => w.inFlight < BATCHES_PER_WORKER);
  }

  /** Queues a batch; the promise settles with its result. */
  submit(files: readonly string[]): Promise<HeaderBatchAudit> {
    const seq = this.nextSeq++;
    const result = new Promise<HeaderBatchAudit>((resolve, reject) => {
      if (this.failure !== undefined) reject(this.failure);
      else this.waiting.set(seq, { resolve, reject });
    });
    this.backlog.push({ seq, files });
    this.dispatch();
    return result;
  }

  /** Stops the workers once their work is done, with the broken REUSE.toml files they met. */
  async close(): Promise<ReuseProblem[]> {
    // Each worker ends on its own once it has answered (so its exit handlers run); one that does not within a second is ended.
    const exited = this.workers.map(
      ({ worker }) =>
        new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.once('error', () => resolve());
        }),
    );
    const problems = await Promise.all(
      this.workers.map(
        ({ worker }) =>
          new Promise<readonly ReuseProblem[]>((resolve) => {
            worker.on('message', (reply: WorkerReply) => reply.kind === 'finished' && resolve(reply.reuseProblems));
            worker.once('error', () => resolve([]));
            worker.postMessage('finish');
          }),
      ),
    );
    const timer = setTimeout(() => void this.terminate(), 1000);
    await Promise.all(exited);
    clearTimeout(timer);
    return problems.flat();
  }

  /** Ends the workers at once (the audit was cancelled or failed). */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.backlog.length) {
      const idle = this.workers.reduce((best, w) => (w.inFlight < best.inFlight ? w : best));
      if (idle.inFlight >= BATCHES_PER_WORKER) return;
      const request = this.backlog.shift()!;
      idle.inFlight++;
      idle.worker.postMessage(request);
    }
  }

  private fail(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(errorMessage(error));
    this.failure = failure;
    for (const waiter of this.waiting.values()) waiter.reject(failure);
    this.waiting.clear();
  }
}
