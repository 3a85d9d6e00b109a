import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import ignore from 'ignore';
import { needlesPattern, ruleNeedles, walkWorkspace } from '../../../server/src/audit/walk-workspace';
import { makeTempDir } from '../../support/temp-dirs';

/** Pattern and path pieces that exercise gitignore syntax: anchors, stars, negation, folders, case. */
const PATTERN_PIECE = fc.constantFrom('a', 'B', 'ab', 'lib', 'Lib', '.o', 'x.c', '*', '**', '?', '/', '!', ' ', '\\', '[ab]', '#', 'é', '\t', 'a/b', '  ');
const PATH_SEGMENT = fc.constantFrom('a', 'b', 'A', 'ab', 'lib', 'LIB', 'x.c', 'x.o', 'é', '.hidden', 'c d', 'a ', 'a\t', ' a', 'Makefile');

describe('walking a workspace with .gitignore files', () => {
  it('never skips asking the rules about a path that one of them matches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(PATTERN_PIECE, { minLength: 1, maxLength: 5 }).map((p) => p.join('')), { minLength: 1, maxLength: 4 }),
        fc.array(PATH_SEGMENT, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (patterns, segments, isFolder) => {
          const rel = segments.join('/') + (isFolder ? '/' : '');
          const result = ignore().add(patterns).test(rel);
          if (!result.ignored && !result.unignored) return;
          const needles = ruleNeedles(patterns);
          const lower = rel.toLowerCase();
          assert.ok(needles === undefined || needlesPattern(needles).test(lower), `${JSON.stringify(patterns)} decides ${rel}, needles ${JSON.stringify(needles)}`);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('keeps what git keeps of a rule: trailing tabs count, trailing spaces do not', () => {
    for (const [pattern, rel] of [['a\t', 'a\t'], ['x/a\t', 'x/a\t'], ['a  ', 'a'], ['/Build/', 'build/'], ['!keep.o', 'Keep.O']]) {
      const needles = ruleNeedles([pattern]);
      const result = ignore().add([pattern]).test(rel);
      assert.ok(result.ignored || result.unignored, `${pattern} decides ${rel}`);
      assert.ok(needles && needlesPattern(needles).test(rel.toLowerCase()), `needles of ${JSON.stringify(pattern)} find ${JSON.stringify(rel)}`);
    }
  });

  it('lists what git would: nested rules, negation, anchored and case-blind patterns', () => {
    const root = makeTempDir('walk-ignores');
    const files = ['keep.c', 'build/out.o', 'lib/a.o', 'lib/keep.o', 'lib/sub/Z.TMP', 'docs/x.md', 'docs/gen/y.md', 'src/.gitignore', 'src/a.log', 'src/b.c', 'Top.c'];
    for (const f of files) {
      fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), '');
    }
    fs.writeFileSync(path.join(root, '.gitignore'), '# comment\nbuild/\n*.o\n!lib/keep.o\n*.tmp\n/docs/gen\n/top.c\r\n');
    fs.writeFileSync(path.join(root, 'src/.gitignore'), '*.log\n');
    assert.deepEqual([...walkWorkspace(root)], ['.gitignore', 'docs/x.md', 'keep.c', 'lib/keep.o', 'src/.gitignore', 'src/b.c']);
  });
});
