'use strict';
// What a person does in the workbench, as Playwright steps: the palette, Quick Open, the Problems filter.

/** Runs a command from the palette (F1), typing its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** Opens a file with Quick Open (Ctrl+P). */
async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
}

/** The Problems list is virtualised: filtering it makes sure a row is rendered, so it can be found. */
async function findProblem(page, text, timeout = 30000) {
  await page.getByPlaceholder(/^Filter \(e\.g\. text/).fill(text);
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout });
  return row;
}

async function clearProblemFilter(page) {
  await page.getByPlaceholder(/^Filter \(e\.g\. text/).fill('');
}

module.exports = { runCommand, openFile, findProblem, clearProblemFilter };
