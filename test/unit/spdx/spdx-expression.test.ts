import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpretLicenseStatement } from '../../../server/src/spdx/interpret-license-statement';
import { canonicalExpressionKey, formatSpdxExpression, parseSpdxExpression, sameLicenseExpression } from '../../../server/src/spdx/spdx-expression';

function parse(text: string) {
  const result = parseSpdxExpression(text);
  if (!result.ok) throw new Error(result.error);
  return result.expression;
}

describe('SPDX expressions', () => {
  it('binds WITH tighter than AND, and AND tighter than OR', () => {
    assert.equal(formatSpdxExpression(parse('LGPL-2.1-only OR BSD-3-Clause AND MIT')), 'LGPL-2.1-only OR BSD-3-Clause AND MIT');
    const tree = parse('LGPL-2.1-only OR BSD-3-Clause AND MIT');
    assert.equal(tree.kind, 'or');
    assert.equal(tree.kind === 'or' && tree.right.kind, 'and');
    assert.equal(formatSpdxExpression(parse('(MIT OR Apache-2.0) AND BSD-3-Clause')), '(MIT OR Apache-2.0) AND BSD-3-Clause');
  });

  it('maps deprecated ids to their current form', () => {
    assert.equal(formatSpdxExpression(parse('GPL-2.0')), 'GPL-2.0-only');
    assert.equal(formatSpdxExpression(parse('GPL-2.0+')), 'GPL-2.0-or-later');
    assert.equal(formatSpdxExpression(parse('LGPL-2.1+')), 'LGPL-2.1-or-later');
    assert.equal(formatSpdxExpression(parse('GPL-2.0-with-classpath-exception')), 'GPL-2.0-only WITH Classpath-exception-2.0');
    assert.ok(sameLicenseExpression(parse('GPL-2.0'), parse('GPL-2.0-only')));
  });

  it('keeps ids case-sensitive', () => {
    assert.equal(parseSpdxExpression('mit').ok, false);
    assert.equal(parseSpdxExpression('MIT').ok, true);
  });

  it('treats a WITH exception as part of the license', () => {
    assert.ok(!sameLicenseExpression(parse('Apache-2.0 WITH LLVM-exception'), parse('Apache-2.0')));
  });

  it('compares expressions regardless of operand order and grouping', () => {
    assert.ok(sameLicenseExpression(parse('MIT OR Apache-2.0'), parse('(Apache-2.0 OR MIT)')));
    assert.ok(sameLicenseExpression(parse('MIT AND (ISC AND Zlib)'), parse('Zlib AND MIT AND ISC')));
    assert.ok(!sameLicenseExpression(parse('MIT OR Apache-2.0'), parse('MIT AND Apache-2.0')));
  });

  it('round-trips through its canonical text', () => {
    const ids = ['MIT', 'Apache-2.0', 'GPL-3.0-only', 'BSD-3-Clause', 'ISC', 'LicenseRef-Acme'];
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(...ids), fc.tuple(tie('e'), fc.constantFrom('AND', 'OR'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`)),
    })).e;
    fc.assert(
      fc.property(expr, (text) => {
        const parsed = parse(text);
        assert.equal(canonicalExpressionKey(parse(formatSpdxExpression(parsed))), canonicalExpressionKey(parsed));
      }),
    );
  });
});

describe('license statements in package metadata', () => {
  it('reads UNLICENSED as proprietary, not as the Unlicense', () => {
    assert.equal(interpretLicenseStatement('UNLICENSED').kind, 'proprietary');
    const unlicense = interpretLicenseStatement('Unlicense');
    assert.equal(unlicense.kind, 'spdx');
  });

  it('reads SEE LICENSE IN as a custom license', () => {
    const s = interpretLicenseStatement('SEE LICENSE IN LICENSE.txt');
    assert.equal(s.kind, 'custom');
  });

  it('repairs only unambiguous mistakes', () => {
    const lower = interpretLicenseStatement('mit');
    assert.equal(lower.kind === 'spdx' && formatSpdxExpression(lower.expression), 'MIT');
    const legacy = interpretLicenseStatement('MIT/Apache-2.0');
    assert.equal(legacy.kind === 'spdx' && formatSpdxExpression(legacy.expression), 'MIT OR Apache-2.0');
    const ops = interpretLicenseStatement('MIT or Apache-2.0');
    assert.equal(ops.kind === 'spdx' && formatSpdxExpression(ops.expression), 'MIT OR Apache-2.0');
    const yarnGuess = interpretLicenseStatement('MIT*');
    assert.equal(yarnGuess.kind === 'spdx' && formatSpdxExpression(yarnGuess.expression), 'MIT');
    assert.equal(interpretLicenseStatement('BSD').kind, 'custom', 'BSD is ambiguous: no guess');
    assert.equal(interpretLicenseStatement('Apache 2').kind, 'custom');
    assert.equal(interpretLicenseStatement('https://example.org/license').kind, 'custom');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void interpretLicenseStatement(s)));
  });
});

describe('SPDX parse errors', () => {
  const error = (text: string) => {
    const parsed = parseSpdxExpression(text);
    assert.ok(!parsed.ok, text);
    return parsed.error;
  };

  it('name the word that is wrong instead of quoting the parser', () => {
    assert.equal(error('BSD'), 'not a valid SPDX expression: "BSD" is not an SPDX license id');
    assert.equal(error('apache-2.0'), 'not a valid SPDX expression: "apache-2.0" is not an SPDX license id (did you mean "Apache-2.0"?)');
    assert.equal(error('GPL-2.0-only WITH foo'), 'not a valid SPDX expression: "foo" is not an SPDX license exception');
    assert.equal(error('MIT Apache-2.0'), 'not a valid SPDX expression: "Apache-2.0" follows a license without AND, OR or WITH between them');
    assert.equal(error('MIT OR'), 'not a valid SPDX expression: it ends early: a license or ")" is missing after the last operator');
    for (const text of ['BSD', 'MIT OR', '(MIT', 'MIT )', 'x y z']) assert.doesNotMatch(error(text), /offset|Unexpected|Cannot read/, text);
  });
});
