#!/usr/bin/env node
import fs = require('node:fs');
import path = require('node:path');
import { loadBundle } from './launch/load-bundle';
import { keepYoungGenerationSmall } from './launch/small-young-generation';
import { TOOL_VERSION } from './tool-version';

// `--version` is answered before anything else loads: the CLI proper is a separate bundle (`cli-main.js`), so
// a version check, a CI step's first call, costs a Node start and nothing more.
const argv = process.argv.slice(2);
// Written to the descriptor: `process.stdout` would load Node's streams first.
if (argv.length === 1 && argv[0] === '--version') fs.writeSync(1, `${TOOL_VERSION}\n`);
else {
  // Before anything loads, so that loading does not grow it.
  keepYoungGenerationSmall();
  (loadBundle(path.join(__dirname, 'cli-main.js')) as typeof import('./cli-main')).main(argv);
}
