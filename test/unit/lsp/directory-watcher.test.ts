import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirectoryWatcher } from '../../../server/src/lsp/directory-watcher';
import { CachingFileSource } from '../../../server/src/io/file-source';

describe('the server watching folders itself', () => {
  let root: string;
  let watcher: DirectoryWatcher | undefined;

  beforeEach(() => (root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-watch-')))));
  afterEach(() => {
    watcher?.dispose();
    watcher = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  function nextChange(onChange: (w: DirectoryWatcher) => void): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported')), 5000);
      watcher = new DirectoryWatcher(
        (paths) => {
          clearTimeout(timer);
          resolve(paths);
        },
        () => undefined,
      );
      onChange(watcher);
    });
  }

  it('reports a file replaced by a rename in a watched folder, once the burst has settled', async () => {
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    const changes = nextChange((w) => {
      w.update([root], []);
      fs.writeFileSync(path.join(root, 'package-lock.json.tmp'), '{"lockfileVersion": 3}');
      fs.renameSync(path.join(root, 'package-lock.json.tmp'), path.join(root, 'package-lock.json'));
    });
    assert.ok((await changes).includes(path.join(root, 'package-lock.json')));
  });

  it('watches the given folders first and then the shallowest, never more than the limit', () => {
    const dirs = ['a', 'a/b', 'a/b/c', 'd', 'e'].map((d) => path.join(root, d));
    for (const dir of dirs) fs.mkdirSync(dir, { recursive: true });
    watcher = new DirectoryWatcher(() => undefined, () => undefined, 3);
    watcher.update([path.join(root, 'e')], [path.join(root, 'a/b/c'), path.join(root, 'a/b'), path.join(root, 'a'), path.join(root, 'd')]);
    assert.deepEqual([...watcher.watched].sort(), [path.join(root, 'a'), path.join(root, 'd'), path.join(root, 'e')]);
    watcher.update([path.join(root, 'missing')], []);
    assert.ok(!watcher.watched.includes(path.join(root, 'missing')), 'a folder that does not exist is not watched');
    watcher.dispose();
    assert.deepEqual(watcher.watched, []);
  });

  it('tells which changes can change an answer the file cache gave', () => {
    fs.writeFileSync(path.join(root, 'read.json'), '{}');
    fs.writeFileSync(path.join(root, 'unread.md'), '# hi');
    const files = new CachingFileSource();
    files.readText(path.join(root, 'read.json'));
    files.readText(path.join(root, 'never-there.lock'));
    assert.ok(files.answersDependOn(path.join(root, 'read.json')));
    // Asked when the watcher reports the path: by then it has appeared.
    fs.writeFileSync(path.join(root, 'never-there.lock'), '');
    assert.ok(files.answersDependOn(path.join(root, 'never-there.lock')), 'a probed path that appeared');
    assert.ok(!files.answersDependOn(path.join(root, 'unread.md')), 'an existing file nobody read');
    fs.writeFileSync(path.join(root, 'new.txt'), 'x');
    assert.ok(files.answersDependOn(path.join(root, 'new.txt')), 'a new entry of a listed folder');
    assert.ok(files.listedDirectories().includes(root));
  });
});
