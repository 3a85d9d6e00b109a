import path = require('node:path');
import { loadBundle } from './launch/load-bundle';

// Built as `dist/server.js`: loads the language server (`server-main.js`, built from `server.ts`) with V8's code
// cache. The cache is written a few seconds in, once the start-up code has been compiled.
loadBundle(path.join(__dirname, 'server-main.js'), { writeCacheAfterMs: 3000 });
