import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../../support/temp-dirs';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';
import type { Finding } from '../../../server/src/findings/finding';
import { diagnosticMessage } from '../../../server/src/findings/render/diagnostic-message';

/** A project whose dependencies bring in denied and unknown packages, as a lock file records them. */
function project(): { root: string; manifest: string; lock: string; text: string } {
  const root = makeTempDir('between-edits');
  const packages: Record<string, unknown> = {
    'node_modules/wrapper': { version: '1.0.0', license: 'MIT', dependencies: { 'inner-agpl': '*', 'inner-unknown': '*' } },
    'node_modules/inner-agpl': { version: '1.0.0', license: 'AGPL-3.0-only' },
    'node_modules/inner-unknown': { version: '1.0.0' },
    'node_modules/left-pad': { version: '1.3.0', license: 'MIT' },
    'node_modules/gpl-tool': { version: '2.0.0', license: 'GPL-3.0-only' },
  };
  const text = JSON.stringify({ name: 'p', dependencies: { wrapper: '^1.0.0', 'left-pad': '^1.3.0', 'gpl-tool': '^2.0.0' } }, null, 2);
  fs.writeFileSync(path.join(root, 'package.json'), text);
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  return { root, manifest: path.join(root, 'package.json'), lock: path.join(root, 'package-lock.json'), text };
}

const engineFor = (root: string) => new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true });
const shape = (findings: readonly Finding[]) => findings.map((f) => ({ code: f.code, message: diagnosticMessage(f), range: f.range })).sort((a, b) => a.message.localeCompare(b.message));

describe('checking a manifest edit by edit', () => {
  it('gives the same findings, on the moved lines, as a first check of the edited text', () => {
    const { root, manifest, text } = project();
    try {
      const engine = engineFor(root);
      engine.checkDocument(manifest, text);
      // Lines inserted above every dependency, and one dependency's version typed anew.
      const edited = text.replace('"dependencies": {', '"description": "x",\n  "private": true,\n  "dependencies": {').replace('"^2.0.0"', '"^2.0.1"');
      const kept = engine.checkDocument(manifest, edited);
      const fresh = engineFor(root).checkDocument(manifest, edited);
      assert.ok(fresh.findings.length >= 3);
      assert.deepEqual(shape(kept.findings), shape(fresh.findings));
      assert.deepEqual(
        kept.notes.map((n) => [n.range, n.facts]),
        fresh.notes.map((n) => [n.range, n.facts]),
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('checks again what a changed lock file says, once told it changed', () => {
    const { root, manifest, lock, text } = project();
    try {
      const engine = engineFor(root);
      assert.ok(!engine.checkDocument(manifest, text).findings.some((f) => diagnosticMessage(f).startsWith('left-pad:')));
      const locked = JSON.parse(fs.readFileSync(lock, 'utf8')) as { packages: Record<string, { license?: string }> };
      locked.packages['node_modules/left-pad'].license = 'AGPL-3.0-only';
      fs.writeFileSync(lock, JSON.stringify(locked));
      engine.fileChanged(lock);
      const after = engine.checkDocument(manifest, text).findings.filter((f) => diagnosticMessage(f).startsWith('left-pad:'));
      assert.deepEqual(after.map((f) => f.code), ['license-denied']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
