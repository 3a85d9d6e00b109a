#!/usr/bin/env node
'use strict';
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() starts: it runs the
// extension's test suite in a real VS Code workbench (code-server) opened in headless Chromium, forwards the
// extension host's console, and exits with the suite's result.
const { startCodeServer, launchBrowser, workbenchUrl } = require('./code-server');

const TIMEOUT_MS = Number(process.env.OSPO_E2E_TIMEOUT_MS || 240000);
/** Workbench chatter about connections and an unreachable marketplace, not about the tests. */
const WORKBENCH_NOISE = /open-vsx|ENOTFOUND|Failed to fetch|Creating a socket|connection token|AccountPolicyGate|Service Worker|additional builtin extensions|reconnection-grace-time|AgentHost/;

function parseArgs(argv) {
  const options = { folders: [] };
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) options[match[1]] = match[2];
    else if (!arg.startsWith('--')) options.folders.push(arg);
  }
  return options;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionDevelopmentPath || !args.extensionTestsPath) throw new Error('--extensionDevelopmentPath and --extensionTestsPath are required');
  const folder = args.folders[0];
  if (!folder) throw new Error('a workspace folder argument is required');
  const server = await startCodeServer({
    settings: JSON.parse(process.env.OSPO_E2E_SETTINGS || '{}'),
    // With trust on, a folder nobody trusted yet opens in restricted mode.
    workspaceTrust: process.env.OSPO_E2E_WORKSPACE_TRUST === '1',
  });
  const { browser, close } = await launchBrowser();
  const authority = `127.0.0.1:${server.port}`;
  let timer;
  try {
    const page = await browser.newPage();
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
      timer = setTimeout(() => {
        console.error(`[e2e] the suite did not finish within ${TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, TIMEOUT_MS);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host's console, mocha's reporter included; printf-style arguments.
      const parts = Array.isArray(args) ? args : [args];
      let text = String(parts.shift() ?? '');
      text = text.replace(/%[sdifoOc]/g, () => (parts.length ? String(parts.shift()) : ''));
      if (parts.length) text += ' ' + parts.map(String).join(' ');
      if (!WORKBENCH_NOISE.test(text)) process.stdout.write(text.replace(/\u001b\[[0-9;]*m/g, '') + '\n');
    });
    const remote = (p) => `vscode-remote://${authority}${p}`;
    await page.goto(
      workbenchUrl(server.port, folder, [
        ['extensionDevelopmentPath', remote(args.extensionDevelopmentPath)],
        ['extensionTestsPath', remote(args.extensionTestsPath)],
        ['skipWelcome', 'true'],
      ]),
    );
    return await exit;
  } finally {
    clearTimeout(timer);
    await close();
    server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error.stack || error}`);
    process.exit(1);
  },
);
