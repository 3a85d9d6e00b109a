import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const MIT_TEXT = (require('spdx-license-list/full') as Record<string, { licenseText: string }>).MIT!.licenseText;

/** What a built CLI audit of `root` loaded on first use, as `OSPO_GUIDE_TRACE_LOADS=1` reports it. */
function loadedParts(root: string): string[] {
  const run = spawnSync(process.execPath, [CLI, 'audit', root, '--format', 'json', '--fail-on', 'none'], {
    encoding: 'utf8',
    env: { ...process.env, OSPO_GUIDE_TRACE_LOADS: '1' },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(Array.isArray((JSON.parse(run.stdout) as { packages?: unknown }).packages), run.stdout);
  return [...run.stderr.matchAll(/^ospo-guide: loaded (.+)$/gm)].map((m) => m[1]!).sort();
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

describe('ospo-guide audit loads only what the project needs', function () {
  this.timeout(20000);
  let root: string;
  beforeEach(() => (root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-lazy-')))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('loads npm support alone for an npm project whose packages declare their licenses', () => {
    write(root, 'package.json', JSON.stringify({ name: 'app', version: '1.0.0', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } }));
    write(root, 'node_modules/left-pad/package.json', JSON.stringify({ name: 'left-pad', version: '1.3.0', license: 'WTFPL' }));
    assert.deepEqual(loadedParts(root), ['npm support']);
  });

  it('loads the license-text index once a package has only a license file to go by', () => {
    write(root, 'package.json', JSON.stringify({ name: 'app', version: '1.0.0', license: 'MIT', dependencies: { plain: '^2.0.0' } }));
    write(root, 'node_modules/plain/package.json', JSON.stringify({ name: 'plain', version: '2.0.0' }));
    write(root, 'node_modules/plain/LICENSE', MIT_TEXT);
    assert.deepEqual(loadedParts(root), ['license-text index', 'npm support']);
  });

  it('loads Go support, and not npm support, for a Go module', () => {
    write(root, 'go.mod', 'module example.com/app\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n');
    assert.deepEqual(loadedParts(root), ['golang support']);
  });
});
