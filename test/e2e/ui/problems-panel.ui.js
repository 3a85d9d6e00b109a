#!/usr/bin/env node
'use strict';
// Drives the workbench as a person would: opens a file, reads the OSPO diagnostic in the Problems panel,
// applies the header quick fix with Ctrl+. and checks the editor, saving screenshots along the way.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startCodeServer, launchBrowser, workbenchUrl } = require('../harness/code-server');
const { runCommand, openFile, findProblem, clearProblemFilter } = require('../harness/workbench-actions');

const ROOT = path.resolve(__dirname, '../../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const results = { passed: 0, failed: 0 };

async function check(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log(`  ✔ ${name}`);
  } catch (error) {
    results.failed++;
    console.log(`  ✘ ${name}\n    ${String(error.stack || error).split('\n').slice(0, 4).join('\n    ')}`);
  }
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-e2e-ui-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspaces/foundation'), workspace, { recursive: true });
  const server = await startCodeServer();
  const { browser, close } = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    await page.goto(workbenchUrl(server.port, workspace, [['extensionDevelopmentPath', remote(ROOT)], ['skipWelcome', 'true']]));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(1500);
    console.log('\n  The Problems panel and the header quick fix, in the browser workbench');

    await check('opens src/missing.ts with Quick Open', async () => {
      await openFile(page, 'missing.ts');
      await page.waitForSelector('.tab.active[aria-label*="missing.ts"], .tab.active .label-name:has-text("missing.ts")', { timeout: 15000 });
    });

    await check('shows the header diagnostic in the Problems panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      const message = page.locator('.markers-panel .monaco-list-row', { hasText: 'No SPDX-License-Identifier header' });
      await message.first().waitFor({ timeout: 30000 });
      const text = await message.first().innerText();
      if (!/the policy expects Apache-2\.0/.test(text)) throw new Error(`unexpected text: ${text}`);
      await page.screenshot({ path: path.join(SHOTS, '1-problems-panel-header-missing.png') });
    });

    await check('applies "Insert license header" with Ctrl+. and the editor shows the header', async () => {
      await page.locator('.editor-instance .view-lines').first().click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Home');
      let item;
      for (let attempt = 0; attempt < 10 && !item; attempt++) {
        // The first code action request after start can come back empty: ask again.
        await page.keyboard.press('Control+.');
        const candidate = page.locator('.action-widget .monaco-list-row', { hasText: 'Insert license header' });
        try {
          await candidate.first().waitFor({ timeout: 2000 });
          item = candidate.first();
        } catch {
          await page.keyboard.press('Escape');
          await page.waitForTimeout(500);
        }
      }
      if (!item) throw new Error('the quick fix did not appear');
      await page.screenshot({ path: path.join(SHOTS, '2-quick-fix-menu.png') });
      await item.click();
      await page.waitForFunction(() => /SPDX-License-Identifier:\s*Apache-2\.0/.test(document.querySelector('.editor-instance .view-lines')?.textContent ?? ''), null, { timeout: 15000 });
      await page.screenshot({ path: path.join(SHOTS, '3-header-inserted.png') });
    });

    await check('"OSPO: Request Dependency Approval" from the palette asks for a justification and the finding turns pending', async () => {
      await openFile(page, 'package.json');
      await findProblem(page, 'mpl-lib: MPL-2.0 needs approval');
      await clearProblemFilter(page);
      await runCommand(page, 'OSPO: Request Dependency Approval');
      const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'mpl-lib' });
      await pick.first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: path.join(SHOTS, '5-request-approval-pick.png') });
      await pick.first().click();
      const justification = page.locator('.quick-input-widget input[placeholder="Justification for the OSPO reviewers"]');
      await justification.waitFor({ state: 'visible', timeout: 15000 });
      await justification.fill('Needed for the PDF export.');
      await page.screenshot({ path: path.join(SHOTS, '6-request-approval-justification.png') });
      await justification.press('Enter');
      // The policy names a request form: the workbench asks before opening it.
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'https://example.org/new?' });
      await dialog.waitFor({ timeout: 15000 });
      await page.screenshot({ path: path.join(SHOTS, '7-request-form-confirmation.png') });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await findProblem(page, 'mpl-lib: MPL-2.0 needs approval; approval pending');
      await page.screenshot({ path: path.join(SHOTS, '8-approval-pending.png') });
      await clearProblemFilter(page);
    });

    await check('highlights SPDX tags in comments (TextMate injection)', async () => {
      await openFile(page, 'good.ts');
      await page.locator('.editor-instance .view-lines').first().click({ position: { x: 60, y: 28 } });
      await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
      const widget = page.locator('.token-inspect-widget');
      await widget.waitFor({ timeout: 15000 });
      await page.waitForFunction(() => /textmate scopes/i.test(document.querySelector('.token-inspect-widget')?.textContent ?? ''), null, { timeout: 15000 });
      const text = await widget.innerText();
      if (!/keyword\.other\.spdx-tag\.ospo|entity\.name\.type\.license\.spdx\.ospo|punctuation\.separator\.key-value\.spdx\.ospo/.test(text)) throw new Error(`scopes: ${text}`);
      await page.screenshot({ path: path.join(SHOTS, '9-spdx-token-scopes.png') });
      await page.keyboard.press('Escape');
    });

    await check('"OSPO: Audit Workspace" from the palette opens the report', async () => {
      await runCommand(page, 'OSPO: Audit Workspace');
      await page.locator('.tab', { hasText: 'OSPO Audit Report' }).first().waitFor({ timeout: 30000 });
      // The report lives in a webview: nested frames inside the workbench page.
      const deadline = Date.now() + 20000;
      let table;
      while (!table && Date.now() < deadline) {
        for (const frame of page.frames()) {
          const found = await frame.locator('table#dependencies').count().catch(() => 0);
          if (found) table = frame.locator('table#dependencies');
        }
        if (!table) await page.waitForTimeout(300);
      }
      if (!table) throw new Error('the report has no dependency table');
      await table.locator('th button', { hasText: /^License$/ }).first().click();
      const sorted = await table.locator('th[aria-sort="ascending"]').first().innerText({ timeout: 5000 });
      if (!/^License/.test(sorted)) throw new Error(`sorted column: ${sorted}`);
      await page.screenshot({ path: path.join(SHOTS, '9b-audit-report.png') });
    });

    await check('the diagnostic leaves the Problems panel', async () => {
      await page.waitForFunction(
        () => !Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).some((row) => /missing\.ts|No SPDX-License-Identifier/.test(row.textContent ?? '') && /No SPDX/.test(row.textContent ?? '')),
        null,
        { timeout: 15000 },
      );
      await page.screenshot({ path: path.join(SHOTS, '4-problem-resolved.png') });
    });
  } finally {
    await close();
    server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`\ne2e ui: ${results.passed} passed, ${results.failed} failed`);
  return results.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e ui] ${error.stack || error}`);
    console.log(`\ne2e ui: ${results.passed} passed, ${results.failed + 1} failed`);
    process.exit(1);
  },
);
