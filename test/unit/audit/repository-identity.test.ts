import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normaliseRemote, repositoryIdentity } from '../../../server/src/audit/repository-identity';
import { makeTempDir } from '../../support/temp-dirs';

describe('repository identity of a report', () => {
  it('normalises remotes and drops credentials', () => {
    assert.equal(normaliseRemote('git@github.com:acme/app.git'), 'github.com/acme/app');
    assert.equal(normaliseRemote('https://x-access-token:secret@github.com/acme/app.git'), 'github.com/acme/app');
    assert.equal(normaliseRemote('ssh://git@gitlab.example.com:2222/group/sub/app.git'), 'gitlab.example.com:2222/group/sub/app');
  });

  it('prefers the option, then CI variables, then the origin remote, then the folder name', () => {
    const root = makeTempDir('identity');
    fs.mkdirSync(path.join(root, '.git/refs/heads'), { recursive: true });
    fs.writeFileSync(path.join(root, '.git/config'), '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/other/x\n[remote "origin"]\n\turl = git@github.com:acme/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
    fs.writeFileSync(path.join(root, '.git/HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(path.join(root, '.git/packed-refs'), `# pack-refs\n${'a'.repeat(40)} refs/heads/main\n`);
    assert.deepEqual(repositoryIdentity(root, {}), { name: 'github.com/acme/app', from: 'git-remote', commit: 'a'.repeat(40) });
    assert.deepEqual(repositoryIdentity(root, { GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: 'b'.repeat(40) }), { name: 'acme/app', from: 'ci', commit: 'b'.repeat(40) });
    assert.equal(repositoryIdentity(root, { GITHUB_REPOSITORY: 'acme/app' }, 'acme/app-web').name, 'acme/app-web');
    const bare = makeTempDir('identity');
    assert.deepEqual(repositoryIdentity(bare, {}), { name: path.basename(bare), from: 'folder' });
  });
});
