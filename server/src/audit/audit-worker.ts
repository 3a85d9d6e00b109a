/**
 * A worker thread of the audit pool (`audit-pool.ts`): opens the same workspace as the main thread and checks
 * the header-selected files it is sent, batch by batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CachingFileSource } from '../io/file-source';
import { WorkspaceEngine } from '../workspace/workspace-engine';
import { auditHeaderBatch, type AuditBatchRequest, type AuditWorkerSetup } from './audit-pool';

const setup = workerData as AuditWorkerSetup;
const engine = new WorkspaceEngine({ ...setup.engine, files: new CachingFileSource() });
parentPort!.on('message', (request: AuditBatchRequest | 'finish') => {
  if (request === 'finish') {
    parentPort!.postMessage({ kind: 'finished', reuseProblems: engine.reuseIndex.readProblems() });
    // Ending on its own (rather than being terminated) lets the thread run its exit handlers: the code cache.
    parentPort!.close();
    return;
  }
  parentPort!.postMessage({ kind: 'batch', seq: request.seq, result: auditHeaderBatch(engine, request.files, setup.reuse) });
});
