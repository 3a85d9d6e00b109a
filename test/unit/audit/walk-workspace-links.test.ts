import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walkWorkspace } from '../../../server/src/audit/walk-workspace';

describe('walking a workspace with symbolic links', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-walk-links-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/a.ts'), 'export {};\n');
    fs.symlinkSync('/', path.join(root, 'slash'));
    fs.symlinkSync('/etc', path.join(root, 'src/etc'));
    fs.symlinkSync('/etc/passwd', path.join(root, 'passwd'));
    fs.symlinkSync(root, path.join(root, 'src/loop'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists only the files of the tree, following no link to /, /etc or back into itself', () => {
    assert.deepEqual([...walkWorkspace(root)], ['src/a.ts']);
  });
});
