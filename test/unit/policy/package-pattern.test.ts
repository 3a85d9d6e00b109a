import * as assert from 'node:assert/strict';
import { packagePatternMatches, parsePackagePattern } from '../../../server/src/policy/package-pattern';

function pattern(text: string) {
  const parsed = parsePackagePattern(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.pattern;
}

describe('package URL patterns', () => {
  it('globs scoped npm names written either way', () => {
    assert.ok(packagePatternMatches(pattern('pkg:npm/@acme/*'), 'pkg:npm/%40acme/tool', '1.0.0'));
    assert.ok(packagePatternMatches(pattern('pkg:npm/%40acme/*'), 'pkg:npm/%40acme/tool', undefined));
    assert.ok(!packagePatternMatches(pattern('pkg:npm/@acme/*'), 'pkg:npm/%40other/tool', '1.0.0'));
    assert.ok(!packagePatternMatches(pattern('pkg:npm/@acme/*'), 'pkg:pypi/acme', '1.0.0'));
  });

  it('selects only versions in the range, and never an unknown version', () => {
    const colors = pattern('pkg:npm/colors@>=1.4.1');
    assert.equal(colors.versionRange, '>=1.4.1');
    assert.ok(packagePatternMatches(colors, 'pkg:npm/colors', '1.4.2'));
    assert.ok(!packagePatternMatches(colors, 'pkg:npm/colors', '1.4.0'));
    assert.ok(!packagePatternMatches(colors, 'pkg:npm/colors', undefined));
  });

  it('matches Maven and Go namespaces', () => {
    assert.ok(packagePatternMatches(pattern('pkg:maven/org.acme/*'), 'pkg:maven/org.acme/core', undefined));
    assert.ok(packagePatternMatches(pattern('pkg:golang/github.com/acme/*'), 'pkg:golang/github.com/acme/lib', undefined));
    assert.ok(!packagePatternMatches(pattern('pkg:golang/github.com/acme/*'), 'pkg:golang/github.com/acme/lib/sub', undefined));
  });

  it('rejects what is not a pattern', () => {
    assert.equal(parsePackagePattern('npm/left-pad').ok, false);
    assert.equal(parsePackagePattern('pkg:npm/x@not a range!').ok, false);
  });
});
