#!/usr/bin/env node
'use strict';
// `start` records the ospo-* entries in the temp folder; `check` fails when the tests left new ones behind,
// naming them, so a test that does not clean up is caught on the run that introduced it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SNAPSHOT = path.join(__dirname, '..', '..', 'out', 'temp-dirs-before-tests.json');
const ours = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('ospo-'));

const mode = process.argv[2];
if (mode === 'start') {
  fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
  fs.writeFileSync(SNAPSHOT, JSON.stringify(ours()));
} else if (mode === 'check') {
  const before = new Set(fs.existsSync(SNAPSHOT) ? JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) : []);
  const left = ours().filter((name) => !before.has(name));
  fs.rmSync(SNAPSHOT, { force: true });
  if (left.length) {
    console.error(`The tests left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'} in ${os.tmpdir()}:`);
    for (const name of left) console.error(`  ${name}`);
    process.exit(1);
  }
  console.log(`No temporary folders left in ${os.tmpdir()}.`);
} else {
  console.error('usage: leftover-temp-dirs.js start|check');
  process.exit(2);
}
