import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Minimatch } from 'minimatch';
import { compilePathGlobs, globPath } from '../../../server/src/headers/path-glob';
import { DEFAULT_HEADER_EXCLUDE, DEFAULT_HEADER_INCLUDE } from '../../../server/src/policy/default-policy';

const GLOB_PIECE = fc.constantFrom('a', 'src', '.ts', '*', '**', '?', '/', '**/', '/**', '{a,b}', '{x,a/b}', '[ab]', '!', '.', '+(a|b)', '#', '\\*', 'x.{c,h}', '*.{ts,c}', '{Makefile,dist}', '*.', '.{a,b}', '*.{ts,{c,h}}', '*.a.b', '*.min.js', '*.generated.*', 'src*', '*b*', '{a,*.c}');
const PATH_PIECE = fc.constantFrom('a', 'b', 'src', 'x.c', 'x.h', 'y.ts', '.hidden', '.', '..', '', '*', 'ab', 'A', 'dist', 'node_modules', '.ts', 'ts', 'a.b.ts', 'Makefile', 'x.C', 'a.{ts}', 'x.min.js', '.min.js', 'a.generated.c', '.generated.', 'srcx', 'b');

describe('header include and exclude globs', () => {
  it('answer as Minimatch.match does for any of them, for the default globs and random ones, on any path', () => {
    const globs = fc.oneof(
      fc.constantFrom(...DEFAULT_HEADER_INCLUDE, ...DEFAULT_HEADER_EXCLUDE),
      fc.array(GLOB_PIECE, { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
      fc.array(GLOB_PIECE, { minLength: 1, maxLength: 3 }).map((p) => `**/${p.join('')}`),
      fc.array(GLOB_PIECE, { minLength: 1, maxLength: 3 }).map((p) => `**/${p.join('')}/**`),
    );
    fc.assert(
      fc.property(fc.array(globs, { minLength: 1, maxLength: 4 }), fc.array(PATH_PIECE, { minLength: 1, maxLength: 5 }), (list, pieces) => {
        const rel = pieces.join('/');
        const expected = list.some((glob) => new Minimatch(glob, { dot: true }).match(rel));
        assert.equal(compilePathGlobs(list)(globPath(rel)), expected, `${JSON.stringify(list)} on ${rel}`);
      }),
      { numRuns: 8000 },
    );
    assert.equal(compilePathGlobs(DEFAULT_HEADER_INCLUDE)(globPath('src/a/b.ts')), true);
    assert.equal(compilePathGlobs(DEFAULT_HEADER_EXCLUDE)(globPath('src/dist/b.ts')), true);
    assert.equal(compilePathGlobs(DEFAULT_HEADER_EXCLUDE)(globPath('src/a/b.ts')), false);
  });
});
