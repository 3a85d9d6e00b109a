/**
 * A worker thread of the audit pool (`audit-pool.ts`): opens the same workspace as the main thread and checks
 * the header-selected files it is sent, batch by batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CachingFileSource } from '../io/file-source';
import { RemotePolicyStore } from '../policy/remote-policy-store';
import { WorkspaceEngine } from '../workspace/workspace-engine';
import { auditHeaderBatch, type AuditBatchRequest, type AuditWorkerSetup } from './audit-pool';

const setup = workerData as AuditWorkerSetup;
const files = new CachingFileSource();
const { remotePolicyCacheDir, ...options } = setup.engine;
// Pinned policies were fetched by the main thread before the audit: read from its cache, never fetched here.
const remotePolicies = remotePolicyCacheDir ? new RemotePolicyStore(remotePolicyCacheDir, () => Promise.reject(new Error('an audit worker fetches nothing'))) : undefined;
const engine = new WorkspaceEngine({ ...options, files, ...(remotePolicies ? { remotePolicies } : {}) });
/**
 * Batches between forgetting cached reads: the walk never comes back to a folder it has left, so what was
 * learnt about earlier folders (listings, missing sidecars) is dead weight that would grow with the tree.
 * Parsed REUSE.toml files stay in the engine's REUSE index.
 */
const BATCHES_PER_CACHE = 16;
let batches = 0;
parentPort!.on('message', (request: AuditBatchRequest | 'finish') => {
  if (request === 'finish') {
    parentPort!.postMessage({ kind: 'finished', reuseProblems: engine.reuseIndex.readProblems() });
    // Ending on its own (rather than being terminated) lets the thread run its exit handlers: the code cache.
    parentPort!.close();
    return;
  }
  parentPort!.postMessage({ kind: 'batch', seq: request.seq, result: auditHeaderBatch(engine, request.files, setup.reuse) });
  if (++batches % BATCHES_PER_CACHE === 0) files.invalidateAll();
});
