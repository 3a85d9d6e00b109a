import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';
import { runCliAsync as runCli } from './support/run-cli-async';


describe('ospo-guide audit --online', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let server: http.Server;
  let requests: string[];
  let env: Record<string, string>;

  beforeEach(async () => {
    workspace = copyFixture('workspaces/foundation');
    requests = [];
    // Answers like deps.dev's GetVersion; only on loopback.
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/v3/systems/NPM/packages/mystery-pkg/versions/0.1.3') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ versionKey: { system: 'NPM', name: 'mystery-pkg', version: '0.1.3' }, licenses: ['BSD-3-Clause'] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-online-cache-'));
    env = { OSPO_GUIDE_DEPS_DEV_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, XDG_CACHE_HOME: cache };
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    workspace.dispose();
    fs.rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
  });

  it('uses an online answer for a package nothing local describes, and says so', async () => {
    const result = await runCli(['audit', '--format', 'json', '--online'], workspace.root, env);
    const report = JSON.parse(result.stdout);
    assert.ok(requests.includes('/v3/systems/NPM/packages/mystery-pkg/versions/0.1.3'), requests.join('\n'));
    const mystery = report.packages.find((p: { name: string }) => p.name === 'mystery-pkg');
    assert.equal(mystery.license, 'BSD-3-Clause');
    assert.equal(mystery.licenseSource, 'from deps.dev (online)');
    assert.ok(!report.findings.some((f: { message: string }) => f.message.startsWith('mystery-pkg')));
    // Packages with local license data are never asked about.
    assert.ok(!requests.some((r) => r.includes('left-pad')));
  });

  it('never sends a package the policy marks private, and makes no request without --online', async () => {
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"allow": ["pkg:npm/@acme/*"],', '"allow": ["pkg:npm/@acme/*"],\n    "private": ["pkg:npm/mystery-*"],'));
    await runCli(['audit', '--format', 'json', '--online'], workspace.root, env);
    assert.ok(!requests.some((r) => r.includes('mystery')), requests.join('\n'));
    requests = [];
    fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"private": ["pkg:npm/mystery-*"],', ''));
    await runCli(['audit', '--format', 'json'], workspace.root, env);
    assert.deepEqual(requests, []);
  });
});
