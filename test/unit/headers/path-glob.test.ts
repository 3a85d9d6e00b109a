import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Minimatch } from 'minimatch';
import { compilePathGlob, globPath } from '../../../server/src/headers/path-glob';
import { DEFAULT_HEADER_EXCLUDE, DEFAULT_HEADER_INCLUDE } from '../../../server/src/policy/default-policy';

const GLOB_PIECE = fc.constantFrom('a', 'src', '.ts', '*', '**', '?', '/', '**/', '/**', '{a,b}', '{x,a/b}', '[ab]', '!', '.', '+(a|b)', '#', '\\*', 'x.{c,h}', '*.{ts,c}', '{Makefile,dist}', '*.', '.{a,b}', '*.{ts,{c,h}}', '*.a.b', '*.min.js', '*.generated.*', 'src*', '*b*', '{a,*.c}');
const PATH_PIECE = fc.constantFrom('a', 'b', 'src', 'x.c', 'x.h', 'y.ts', '.hidden', '.', '..', '', '*', 'ab', 'A', 'dist', 'node_modules', '.ts', 'ts', 'a.b.ts', 'Makefile', 'x.C', 'a.{ts}', 'x.min.js', '.min.js', 'a.generated.c', '.generated.', 'srcx', 'b');

describe('header include and exclude globs', () => {
  it('answer as Minimatch.match does, for the default globs and random ones, on any path', () => {
    const globs = fc.oneof(
      fc.constantFrom(...DEFAULT_HEADER_INCLUDE, ...DEFAULT_HEADER_EXCLUDE),
      fc.array(GLOB_PIECE, { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
      fc.array(GLOB_PIECE, { minLength: 1, maxLength: 3 }).map((p) => `**/${p.join('')}`),
      fc.array(GLOB_PIECE, { minLength: 1, maxLength: 3 }).map((p) => `**/${p.join('')}/**`),
    );
    fc.assert(
      fc.property(globs, fc.array(PATH_PIECE, { minLength: 1, maxLength: 5 }), (glob, pieces) => {
        const rel = pieces.join('/');
        assert.equal(compilePathGlob(glob)(globPath(rel)), new Minimatch(glob, { dot: true }).match(rel), `${glob} on ${rel}`);
      }),
      { numRuns: 20000 },
    );
  });
});
