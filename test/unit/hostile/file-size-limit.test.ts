import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnosticMessage } from '../../../server/src/findings/render/diagnostic-message';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { readServerSettings } from '../../../server/src/lsp/server-settings';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';

describe('file size limit (ospo.maxFileSize)', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-size-')));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A package.json of about `mb` megabytes: valid JSON, padded with a long description. */
  function packageJsonOf(mb: number): string {
    const head = '{"name": "x", "dependencies": {"left-pad": "^1.0.0"}, "description": "';
    return head + 'x'.repeat(Math.round(mb * 1024 * 1024) - head.length - 2) + '"}';
  }

  it('gives a 7.2 MB manifest one finding instead of a check', () => {
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true });
    const started = Date.now();
    const { findings } = engine.checkDocument(path.join(root, 'package.json'), packageJsonOf(7.2));
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(
      findings.map((f) => [f.code, diagnosticMessage(f), f.range.start.line]),
      [['file-too-large', 'too large to check: 7.2 MB > 5 MB (ospo.maxFileSize)', 0]],
    );
  });

  it('checks the same manifest when the setting allows it, and counts bytes, not characters', () => {
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true, maxFileBytes: readServerSettings({ maxFileSize: 8 }).maxFileBytes });
    const { findings } = engine.checkDocument(path.join(root, 'package.json'), packageJsonOf(7.2));
    assert.ok(findings.length > 0 && findings.every((f) => f.code !== 'file-too-large'));
    // 2 million "é" are 2 million characters but 4 million bytes.
    const small = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true, maxFileBytes: 3 * 1024 * 1024 });
    const wide = `{"description": "${'é'.repeat(2_000_000)}"}`;
    assert.equal(small.checkDocument(path.join(root, 'package.json'), wide).findings[0]?.code, 'file-too-large');
  });

  it('says nothing about a large file it would not check anyway', () => {
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true });
    assert.deepEqual(engine.checkDocument(path.join(root, 'big.log'), 'x'.repeat(6 * 1024 * 1024)).findings, []);
  });

  it('reads the setting in MB, falling back to 5 MB when it is not a positive number', () => {
    assert.equal(readServerSettings({ maxFileSize: 2.5 }).maxFileBytes, 2.5 * 1024 * 1024);
    for (const bad of [0, -1, '9', null, Infinity]) assert.equal(readServerSettings({ maxFileSize: bad }).maxFileBytes, 5 * 1024 * 1024);
  });
});
