import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../../support/temp-dirs';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';
import { diagnosticMessage } from '../../../server/src/findings/render/diagnostic-message';
import { findingHover } from '../../../server/src/findings/render/hover';
import { renderContextFor } from '../../../server/src/findings/render/render-context';

function project(transitiveGpl: number): string {
  const root = makeTempDir('summary');
  const packages: Record<string, unknown> = { 'node_modules/wrapper': { version: '1.0.0', license: 'MIT', dependencies: Object.fromEntries(Array.from({ length: transitiveGpl }, (_, i) => [`gpl-${i}`, '*'])) } };
  for (let i = 0; i < transitiveGpl; i++) packages[`node_modules/gpl-${i}`] = { version: '1.0.0', license: 'AGPL-3.0-only' };
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { wrapper: '^1.0.0' } }));
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
  return root;
}

function check(root: string) {
  const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true });
  const manifest = path.join(root, 'package.json');
  return engine.checkDocument(manifest, fs.readFileSync(manifest, 'utf8'), undefined, 'audit');
}

describe('transitive findings on one dependency', () => {
  it('reports a few problem packages one by one, each with its chain', () => {
    const { findings } = check(project(3));
    assert.deepEqual(findings.map((f) => diagnosticMessage(f).split(':')[0]).sort(), ['wrapper > gpl-0', 'wrapper > gpl-1', 'wrapper > gpl-2']);
    assert.match(diagnosticMessage(findings[0]), /^wrapper > gpl-\d: AGPL-3\.0-only is denied by policy$/);
  });

  it('summarises many on the dependency line, listing all of them in the detail', () => {
    const root = project(12);
    const { findings, packages } = check(root);
    assert.equal(findings.length, 1);
    assert.equal(diagnosticMessage(findings[0]), 'wrapper: 12 packages it brings in have licenses denied by policy, e.g. wrapper > gpl-0, wrapper > gpl-1, wrapper > gpl-2');
    const hover = findingHover(findings[0], renderContextFor(root));
    assert.equal(hover.split('\n').filter((l) => l.startsWith('- ')).length, 12);
    assert.equal(packages.length, 13, 'the report still lists every package');
  });
});
