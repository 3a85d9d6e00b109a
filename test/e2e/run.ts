import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'out', 'e2e');

/** Each suite runs in a fresh VS Code on its own copy of a fixture workspace. */
const SUITES = [
  { name: 'workspace', fixture: 'test/fixtures/workspaces/foundation' },
  { name: 'no-policy', fixture: 'test/fixtures/e2e/no-policy' },
  // Workspace trust on: the folder opens in restricted mode.
  { name: 'restricted', fixture: 'test/fixtures/e2e/restricted', trust: true },
];

/** A real VS Code when one is installed here; otherwise the code-server launcher. */
function vscodeExecutable(): string {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  const code = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (code) return code;
  return path.join(__dirname, 'harness', 'launcher.js');
}

function step(title: string, command: string, args: string[]): void {
  const started = Date.now();
  console.log(`[e2e] ${title}…`);
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  console.log(`[e2e] ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const executable = vscodeExecutable();
  if (executable.endsWith('launcher.js')) step('setting up code-server and Chromium', 'bash', [path.join(__dirname, 'setup', 'install.sh')]);
  step('building the extension', 'npm', ['run', '--silent', 'build']);
  fs.rmSync(OUT, { recursive: true, force: true });
  step('bundling the suites', 'npx', [
    'esbuild', 'test/e2e/suite/index.ts', '--bundle', '--platform=node', '--target=node20', '--format=cjs',
    '--external:vscode', '--external:mocha', `--outfile=${path.join(OUT, 'suite', 'index.js')}`, '--log-level=warning',
  ]);
  // The bundle resolves mocha from the repository's node_modules.
  let failed = 0;
  for (const suite of SUITES) {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `ospo-e2e-${suite.name}-`));
    fs.cpSync(path.join(ROOT, suite.fixture), workspace, { recursive: true });
    const results = path.join(workspace, '..', `${path.basename(workspace)}.results.json`);
    const suiteStarted = Date.now();
    let counts = { passes: 0, failures: 1 };
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(OUT, 'suite', 'index.js'),
        launchArgs: [workspace, '--disable-extensions'],
        extensionTestsEnv: {
          OSPO_E2E_SUITE: suite.name,
          OSPO_E2E_RESULTS: results,
          ...('trust' in suite && suite.trust ? { OSPO_E2E_WORKSPACE_TRUST: '1' } : {}),
        },
      });
    } catch (error) {
      console.error(`[e2e] suite ${suite.name}: ${(error as Error).message}`);
    }
    if (fs.existsSync(results)) counts = JSON.parse(fs.readFileSync(results, 'utf8'));
    console.log(`[e2e] suite ${suite.name} took ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
    console.log(`e2e ${suite.name}: ${counts.passes} passed, ${counts.failures} failed`);
    failed += counts.failures;
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(results, { force: true });
  }
  // Checks that drive the browser workbench as a person would; they need the code-server setup.
  if (executable.endsWith('launcher.js')) {
    for (const script of ['problems-panel.ui.js', 'vsix-install.ui.js']) {
      const ui = spawnSync(process.execPath, [path.join(__dirname, 'ui', script)], { cwd: ROOT, stdio: 'inherit' });
      if (ui.status !== 0) failed++;
    }
  }
  console.log(`[e2e] real-editor run time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
