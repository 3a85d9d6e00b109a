import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { makeTempDir } from '../../support/temp-dirs';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { readDep5 } from '../../../server/src/reuse/dep5';
import { ReuseIndex } from '../../../server/src/reuse/reuse-coverage';
import { compileDep5Glob, compileReuseGlob } from '../../../server/src/reuse/reuse-glob';
import { readReuseToml } from '../../../server/src/reuse/reuse-toml';

function tree(files: Record<string, string>): string {
  const root = makeTempDir('reuse');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('REUSE globbing', () => {
  it('lets * stay within a folder and ** cross folders, as the specification says', () => {
    assert.ok(compileReuseGlob('src/*.c').test('src/a.c'));
    assert.ok(!compileReuseGlob('src/*.c').test('src/x/a.c'));
    assert.ok(compileReuseGlob('src/**').test('src/x/y/a.c'));
    assert.ok(compileReuseGlob('**/*.png').test('a/b/c.png'));
    assert.ok(compileReuseGlob('literal\\*.txt').test('literal*.txt'));
    assert.ok(!compileReuseGlob('literal\\*.txt').test('literalX.txt'));
    assert.ok(!compileReuseGlob('a.c').test('xa.c'));
  });

  it('matches as the pattern read as a regular expression would, on any path', () => {
    // The reference: each `**` any run of characters, each `*` any run without `/`, a backslash makes the next character literal.
    const reference = (pattern: string) => {
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]);
        else if (c === '*' && pattern[i + 1] === '*') {
          source += '.*';
          i++;
        } else if (c === '*') source += '[^/]*';
        else source += escape(c);
      }
      return new RegExp(`^${source}$`, 's');
    };
    const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const piece = fc.constantFrom('a', 'b', 'ab', '/', '.', '*', '**', '\\*', 'é', 'src/', '.c');
    const pathPiece = fc.constantFrom('a', 'b', 'ab', '/', '.', '*', 'é', 'src', '.c', 'ba');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }).map((p) => p.join('')), fc.array(pathPiece, { maxLength: 8 }).map((p) => p.join('')), (pattern, file) => {
        assert.equal(compileReuseGlob(pattern).test(file), reference(pattern).test(file), `${pattern} on ${file}`);
      }),
      { numRuns: 5000 },
    );
    // Where the text before and after the stars overlaps in the path, the path is too short to hold both.
    for (const [pattern, file] of [['ab**ba', 'aba'], ['a*a', 'a'], ['a*b*a', 'aba'], ['x/**/x', 'x/x']]) assert.equal(compileReuseGlob(pattern).test(file), reference(pattern).test(file), `${pattern} on ${file}`);
  });

  it('reads dep5 patterns with * crossing folders', () => {
    assert.ok(compileDep5Glob('docs/*').test('docs/a/b.md'));
    assert.ok(compileDep5Glob('img/?.png').test('img/a.png'));
  });
});

describe('REUSE.toml and dep5', () => {
  it('rejects a REUSE.toml without version 1 or with a bad precedence, without throwing', () => {
    assert.equal(readReuseToml('x', '', 'version = 2').ok, false);
    assert.equal(readReuseToml('x', '', 'version = 1\n[[annotations]]\npath = "a"\nprecedence = "loudest"').ok, false);
    assert.equal(readReuseToml('x', '', 'not toml [').ok, false);
  });

  it('reads dep5 paragraphs with continuation lines', () => {
    const paragraphs = readDep5('Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: x\n\nFiles: docs/* README\nCopyright: 2020 A\n 2021 B\nLicense: CC-BY-4.0\n');
    assert.equal(paragraphs.length, 1);
    assert.equal(paragraphs[0].license, 'CC-BY-4.0');
    assert.equal(paragraphs[0].copyright, '2020 A\n2021 B');
  });
});

describe('REUSE coverage', () => {
  const root = tree({
    'REUSE.toml': 'version = 1\n[[annotations]]\npath = "src/**"\nSPDX-License-Identifier = "MIT"\n[[annotations]]\npath = "src/special/*"\nSPDX-License-Identifier = "ISC"\n[[annotations]]\npath = "vendor/**"\nprecedence = "override"\nSPDX-License-Identifier = "BSD-3-Clause"\n',
    'vendor/REUSE.toml': 'version = 1\n[[annotations]]\npath = "**"\nSPDX-License-Identifier = "GPL-2.0-only"\n',
    'lib/REUSE.toml': 'version = 1\n[[annotations]]\npath = "*.js"\nprecedence = "aggregate"\nSPDX-License-Identifier = "Apache-2.0"\n',
    'data.json.license': 'SPDX-License-Identifier: CC0-1.0\n',
    '.reuse/dep5': 'Format: x\n\nFiles: docs/*\nCopyright: 2020 A\nLicense: CC-BY-4.0\n',
  });
  const index = new ReuseIndex(root, new CachingFileSource());

  it('lets the last matching annotation win', () => {
    const c = index.coverageFor('src/special/a.c');
    assert.deepEqual(c.kind === 'annotation' && c.licenses, ['ISC']);
    const d = index.coverageFor('src/a.c');
    assert.deepEqual(d.kind === 'annotation' && d.licenses, ['MIT']);
  });

  it('lets an outer override beat a nested REUSE.toml', () => {
    const c = index.coverageFor('vendor/x/y.c');
    assert.equal(c.kind === 'annotation' && c.precedence, 'override');
    assert.deepEqual(c.kind === 'annotation' && c.licenses, ['BSD-3-Clause']);
  });

  it('uses the closest REUSE.toml with paths relative to its folder', () => {
    const c = index.coverageFor('lib/a.js');
    assert.equal(c.kind === 'annotation' && c.precedence, 'aggregate');
    assert.equal(index.coverageFor('lib/sub/a.js').kind, 'none', '* does not cross folders');
  });

  it('reads sidecars and dep5', () => {
    const sidecar = index.coverageFor('data.json');
    assert.deepEqual(sidecar.kind === 'sidecar' && sidecar.licenses, ['CC0-1.0']);
    const dep5 = index.coverageFor('docs/a/b.md');
    assert.equal(dep5.kind === 'annotation' && dep5.source, 'dep5');
    assert.ok(index.usesReuse());
  });
});
