import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { joinNormalized, placePath } from '../../../server/src/io/path-containment';

describe('placing a path inside or outside a folder', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-place-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-place-out-')));
    fs.mkdirSync(path.join(root, '.ospo'));
    fs.mkdirSync(path.join(root, '..hidden'));
    fs.symlinkSync('/etc', path.join(root, 'etc-link'));
    fs.symlinkSync(outside, path.join(root, 'out-link'));
    fs.symlinkSync(path.join(root, '.ospo'), path.join(root, 'in-link'));
    fs.symlinkSync(path.join(outside, 'nowhere', 'x.json'), path.join(root, 'dangling.json'));
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('places files inside, existing or not, and through links that stay inside', () => {
    for (const target of ['.ospo/approvals.json', 'a/b/c/new.json', '..hidden/log.json', 'in-link/approvals.json', path.join(root, 'x.json')]) {
      assert.equal(placePath(root, target).kind, 'inside', target);
    }
  });

  it('places absolute paths, parent steps and the folder itself outside', () => {
    for (const target of ['/etc/passwd', '../../../x', '..', '.', `../${path.basename(root)}-sibling/x.json`]) {
      const placement = placePath(root, target);
      assert.equal(placement.kind, 'outside', target);
      assert.match(placement.kind === 'outside' ? placement.reason : '', /is outside the workspace folder/);
    }
  });

  it('follows symbolic links of the nearest existing folder, as a write would', () => {
    const etc = placePath(root, 'etc-link/passwd');
    assert.deepEqual(etc.kind === 'outside' && [etc.realPath, /through a symbolic link/.test(etc.reason)], ['/etc/passwd', true]);
    const notYet = placePath(root, 'out-link/deeper/log.json');
    assert.equal(notYet.kind === 'outside' && notYet.realPath, path.join(outside, 'deeper', 'log.json'));
  });

  it('counts a link that points nowhere as outside', () => {
    const placement = placePath(root, 'dangling.json');
    assert.equal(placement.kind, 'outside');
    assert.match(placement.kind === 'outside' ? placement.reason : '', /symbolic link that points nowhere/);
  });
});

describe('joining a walked relative path to its folder', () => {
  it('gives what path.join gives, for any relative path', () => {
    const segment = fc.constantFrom('a', 'b.c', '.git', '..', '.', '', 'é', 'x y', '..z');
    fc.assert(
      fc.property(fc.constantFrom('/', '/w', '/w/s'), fc.array(segment, { minLength: 1, maxLength: 5 }), (root, segments) => {
        const relative = segments.join('/');
        assert.equal(joinNormalized(root, relative), path.join(root, relative), `${root} + ${relative}`);
      }),
      { numRuns: 3000 },
    );
  });
});
