#!/usr/bin/env node
'use strict';
// `npm start`: opens OSPO Guide on a copy of the demo workspace in a real VS Code — the local `code` when
// installed, otherwise the browser workbench (code-server) on http://127.0.0.1:PORT.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const demo = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-guide-demo-'));
fs.cpSync(path.join(ROOT, 'test/fixtures/workspaces/foundation'), demo, { recursive: true });

const code = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (code && !process.env.OSPO_DEMO_BROWSER) {
  console.log(`Opening ${demo} in VS Code with the extension under development…`);
  spawnSync(code, [`--extensionDevelopmentPath=${ROOT}`, demo], { stdio: 'inherit' });
  process.exit(0);
}

execFileSync('bash', [path.join(__dirname, '..', 'setup', 'install.sh')], { stdio: 'inherit' });
const { startCodeServer, workbenchUrl } = require('./code-server');
const pkg = require(path.join(ROOT, 'package.json'));

(async () => {
  // An extension folder linked into a fresh extensions directory is loaded like an installed one.
  const extensions = fs.mkdtempSync('/tmp/oe-demo-ext-');
  fs.symlinkSync(ROOT, path.join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  const port = Number(process.env.PORT || 8080);
  const server = await startCodeServer({ extensionsDir: extensions, port, testDriver: false });
  const stop = () => {
    server.stop();
    fs.rmSync(extensions, { recursive: true, force: true });
    fs.rmSync(demo, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`\nOSPO Guide is running in VS Code for the browser. Open:\n\n  ${workbenchUrl(server.port, demo)}\n`);
  console.log('Open package.json or a file under src/ to see findings; run "OSPO: Audit Workspace" from the palette (F1).');
  console.log('Press Ctrl+C to stop.');
})().catch((error) => {
  console.error(error.stack || error);
  process.exit(1);
});
