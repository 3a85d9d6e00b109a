import * as assert from 'node:assert/strict';
import { correctIdCase, deprecatedIdAdvice, purlTypeAdvice, suggestCategory } from '../../../server/src/policy/policy-entry-advice';
import { readPolicyLayer } from '../../../server/src/policy/read-policy-layer';
import { shadowedCategoryWarnings } from '../../../server/src/policy/shadowed-categories';

describe('advice on policy entries', () => {
  it('spells ids, exceptions and operators as SPDX does', () => {
    assert.equal(correctIdCase('apache-2.0'), 'Apache-2.0');
    assert.equal(correctIdCase('gpl-2.0-only with classpath-exception-2.0'), 'GPL-2.0-only WITH Classpath-exception-2.0');
    assert.equal(correctIdCase('MIT'), undefined);
    assert.equal(correctIdCase('no-such-license'), undefined);
  });

  it('offers -only and -or-later for a deprecated GNU id, and the or-later form for a +', () => {
    assert.deepEqual(deprecatedIdAdvice('GPL-3.0', 'licenses.deny')?.replacements, ['GPL-3.0-only', 'GPL-3.0-or-later']);
    assert.match(deprecatedIdAdvice('GPL-3.0', 'licenses.deny')!.message, /deprecated SPDX id \(read as GPL-3.0-only\)/);
    assert.deepEqual(deprecatedIdAdvice('LGPL-2.1+', 'licenses.review')?.replacements, ['LGPL-2.1-or-later']);
    assert.deepEqual(deprecatedIdAdvice('GPL-2.0-with-classpath-exception', 'x')?.replacements, [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      'GPL-2.0-or-later WITH Classpath-exception-2.0',
    ]);
    assert.equal(deprecatedIdAdvice('GPL-3.0-only', 'x'), undefined);
    assert.equal(deprecatedIdAdvice('Apache-2.0', 'x'), undefined);
  });

  it('flags a purl type no package has and names the one meant', () => {
    assert.deepEqual(purlTypeAdvice('pkg:npmjs/colors', 'npmjs', 'packages.deny')?.replacements, ['pkg:npm/colors']);
    assert.deepEqual(purlTypeAdvice('pkg:pipy/requests', 'pipy', 'packages.deny')?.replacements, ['pkg:pypi/requests']);
    assert.equal(purlTypeAdvice('pkg:npm/colors', 'npm', 'packages.deny'), undefined);
    assert.equal(purlTypeAdvice('pkg:conda/numpy', 'conda', 'packages.deny'), undefined);
    assert.equal(suggestCategory('Permissive'), '@permissive');
  });

  it('warns once per repeated entry, and a warning leaves the layer readable', () => {
    const text = '{ "licenses": { "allow": ["MIT", "MIT", "GPL-3.0"], "deny": ["MIT"] }, "packages": { "deny": ["pkg:npmjs/colors"] } }';
    const { layer, problems } = readPolicyLayer('/p.json', text);
    const at = (needle: string) => problems.filter((p) => text.slice(p.span.start, p.span.end) === needle).map((p) => p.message);
    assert.deepEqual(at('"MIT"'), ['"MIT" is named twice in licenses.allow', '"MIT" is in both licenses.allow and licenses.deny; the stricter list wins']);
    assert.ok(problems.every((p) => p.severity === 'warning'), JSON.stringify(problems));
    assert.equal(layer.licenses.allow?.length, 3);
    assert.match(at('"pkg:npmjs/colors"')[0], /not a Package URL type/);
    const removal = problems.find((p) => p.message.includes('named twice'))!.fixes![0].edits[0];
    assert.equal(text.slice(0, removal.span.start) + text.slice(removal.span.end), text.replace('"MIT", "MIT"', '"MIT"'));
  });
});

describe('categories that decide nothing', () => {
  function warnings(text: string): string[] {
    const { layer } = readPolicyLayer('/p', text);
    const licenses = { allow: layer.licenses.allow ?? [], review: layer.licenses.review ?? [], deny: layer.licenses.deny ?? [], unknown: 'review' as const, unlisted: 'review' as const, minConfidence: 0.9 };
    return shadowedCategoryWarnings('/p', text, licenses).map((p) => p.message);
  }

  it('warns on a category every member of which a stricter list decides', () => {
    assert.deepEqual(warnings('{"licenses":{"allow":["@blueoak-gold"],"deny":["@permissive"]}}'), [
      '@blueoak-gold in licenses.allow decides no license: each of its 1 licenses is named exactly or in @permissive in licenses.deny, which wins',
    ]);
    assert.deepEqual(warnings('{"licenses":{"allow":["@blueoak-model"],"review":["BlueOak-1.0.0"]}}'), [
      '@blueoak-model in licenses.allow decides no license: each of its 1 licenses is named exactly or in another list, which wins',
    ]);
  });

  it('stays quiet about the default lists and about categories that still decide some license', () => {
    assert.deepEqual(warnings('{"licenses":{"allow":["@permissive","@notice","@unencumbered"],"review":["@reciprocal","@restricted"],"deny":["@forbidden"]}}'), []);
    assert.deepEqual(warnings('{"licenses":{"allow":["@permissive"],"deny":["@forbidden"]}}'), []);
  });
});

describe('headers.license spelled with the wrong case', () => {
  it('is an error with the fix that spells it right', () => {
    const { problems } = readPolicyLayer('/p', '{"headers":{"license":"apache-2.0 or mit"}}');
    assert.deepEqual(problems.map((p) => [p.severity, p.message, p.fixes?.map((f) => f.edits[0].newText)]), [
      [undefined, 'headers.license "apache-2.0 or mit": SPDX ids are case-sensitive; did you mean "Apache-2.0 OR MIT"?', ['"Apache-2.0 OR MIT"']],
    ]);
  });
});
