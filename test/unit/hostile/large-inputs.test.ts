import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnosticMessage } from '../../../server/src/findings/render/diagnostic-message';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';

/** Inputs that used to take time quadratic in their size; the bounds are loose, the old times were far above. */
describe('large inputs are checked in linear time', function () {
  this.timeout(30000);
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-large-')));
    fs.mkdirSync(path.join(root, '.ospo'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a go.mod of 20,000 requirements (600 KB): the first 2,000 are checked, and a finding says so', () => {
    let text = 'module example.com/x\n\ngo 1.21\n\nrequire (\n';
    for (let i = 0; i < 20000; i++) text += `\tgithub.com/a/b${i} v1.0.${i}\n`;
    text += ')\n';
    fs.writeFileSync(path.join(root, 'go.mod'), text);
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true, env: { GOMODCACHE: path.join(root, 'no-cache') }, homeDir: root });
    const started = Date.now();
    const { findings } = engine.checkDocument(path.join(root, 'go.mod'), text);
    const ms = Date.now() - started;
    // 2,000 dependencies without a license, then one finding for the 18,000 left unchecked.
    assert.equal(findings.length, 2001);
    const last = findings.find((f) => f.code === 'file-too-large');
    assert.equal(last && diagnosticMessage(last), 'only the first 2000 of 20000 dependencies are checked; github.com/a/b2000 and those after it are not');
    assert.equal(last?.range.start.line, 2005);
    assert.ok(ms < 2000, `took ${ms} ms`);
  });

  it('a go.mod requiring a module path of 10,000 segments', () => {
    const text = `module example.com/x\n\nrequire golang.org/x/text${'/*'.repeat(10000)} v0.14.0\n`;
    fs.writeFileSync(path.join(root, 'go.mod'), text);
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true, env: { GOMODCACHE: path.join(root, 'no-cache') }, homeDir: root });
    const started = Date.now();
    assert.equal(engine.checkDocument(path.join(root, 'go.mod'), text).findings.length, 1);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('an approvals log of 5,000 broken entries', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => `{"package": "not a purl ${i}"}`).join(',\n');
    fs.writeFileSync(path.join(root, '.ospo/approvals.json'), `{"approvals": [\n${entries}\n]}`);
    const started = Date.now();
    const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true });
    const findings = engine.policyFindings();
    const ms = Date.now() - started;
    // The first 100 problems, each on its line, then one that counts the rest.
    assert.equal(findings.length, 101);
    assert.equal(findings[99].range.start.line, 100);
    assert.equal(diagnosticMessage(findings[100]), 'approvals log: … and 4900 more problems in the approvals log');
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
});
