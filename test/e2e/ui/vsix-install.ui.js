#!/usr/bin/env node
'use strict';
// The packaged extension, installed from its VSIX like a user would, reports a header and a dependency finding.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startCodeServer, launchBrowser, workbenchUrl, installVsix } = require('../harness/code-server');
const { openFile, findProblem } = require('../harness/workbench-actions');

const ROOT = path.resolve(__dirname, '../../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

async function main() {
  const results = { passed: 0, failed: 0 };
  console.log('\n  The packaged VSIX in the browser workbench');
  const vsix = path.join(ROOT, 'ospo-guide.vsix');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'ignore' });
  const extensions = fs.mkdtempSync('/tmp/oe-ext-');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-e2e-vsix-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspaces/foundation'), workspace, { recursive: true });
  let server;
  let browser;
  try {
    const output = installVsix(vsix, extensions);
    if (!/successfully installed/i.test(output)) throw new Error(`install said: ${output}`);
    server = await startCodeServer({ extensionsDir: extensions });
    browser = await launchBrowser();
    const page = await browser.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.port, workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(1500);
    for (const name of ['missing.ts', 'package.json']) await openFile(page, name);
    await page.keyboard.press('Control+Shift+M');
    for (const [what, text] of [
      ['a header diagnostic', 'No SPDX-License-Identifier header'],
      ['a dependency diagnostic', 'agpl-server: AGPL-3.0-only is denied'],
    ]) {
      try {
        await findProblem(page, text, 45000);
        results.passed++;
        console.log(`  ✔ shows ${what} from the installed VSIX`);
      } catch (error) {
        results.failed++;
        console.log(`  ✘ shows ${what} from the installed VSIX\n    ${error.message.split('\n')[0]}`);
      }
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, '10-installed-vsix-problems.png') });
  } finally {
    await browser?.close();
    server?.stop();
    fs.rmSync(extensions, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`\ne2e vsix: ${results.passed} passed, ${results.failed} failed`);
  return results.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e vsix] ${error.stack || error}`);
    console.log('\ne2e vsix: 0 passed, 1 failed');
    process.exit(1);
  },
);
