import path = require('node:path');
import { loadBundle } from './launch/load-bundle';
import { keepYoungGenerationSmall } from './launch/small-young-generation';

// Built as `dist/audit-worker.js`: each worker thread of an audit loads its bundle (`audit-worker-main.js`,
// built from `audit/audit-worker.ts`) with V8's code cache, as the CLI does; the cache is written when the
// thread ends.
keepYoungGenerationSmall();
loadBundle(path.join(__dirname, 'audit-worker-main.js'));
