import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const LOADER = path.resolve(__dirname, '../../../server/src/launch/load-bundle.ts');

describe('loading a bundle with the code cache', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-load-bundle-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Loads `bundle.js` in a fresh Node, as a launcher does, and prints what its export returns. */
  const load = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', `console.log(require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(path.join(dir, 'bundle.js'))}).answer(require('node:path').sep))`], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  const caches = () => fs.readdirSync(path.join(dir, '.code-cache')).filter((n) => n.endsWith('.bin'));

  it('runs the bundle as require would, writes a cache at exit and uses it the next time', () => {
    fs.writeFileSync(path.join(dir, 'bundle.js'), `const p = require('node:path'); exports.answer = (sep) => [typeof module, __filename === ${JSON.stringify(path.join(dir, 'bundle.js'))}, p.sep === sep].join(' ');\n`);
    const first = load();
    assert.equal(first.stdout.trim(), 'object true true', first.stderr);
    assert.equal(caches().length, 1);
    const written = fs.statSync(path.join(dir, '.code-cache', caches()[0])).mtimeMs;
    assert.equal(load().stdout.trim(), 'object true true');
    // An accepted cache is not written again.
    assert.equal(fs.statSync(path.join(dir, '.code-cache', caches()[0])).mtimeMs, written);
  });

  it('keeps one cache per bundle: a rebuilt bundle replaces the old one', () => {
    fs.writeFileSync(path.join(dir, 'bundle.js'), 'exports.answer = () => 1;\n');
    load();
    fs.writeFileSync(path.join(dir, 'bundle.js'), 'exports.answer = () => 22;\n');
    assert.equal(load().stdout.trim(), '22');
    assert.equal(caches().length, 1);
  });

  it('writes nothing when turned off, and loads all the same', () => {
    fs.writeFileSync(path.join(dir, 'bundle.js'), 'exports.answer = () => "plain";\n');
    assert.equal(load({ OSPO_GUIDE_CODE_CACHE: 'off' }).stdout.trim(), 'plain');
    assert.equal(fs.existsSync(path.join(dir, '.code-cache')), false);
  });
});
