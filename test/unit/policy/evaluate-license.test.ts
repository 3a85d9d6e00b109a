import * as assert from 'node:assert/strict';
import type { LicensePolicy, LicenseRule } from '../../../server/src/policy/policy-types';
import { explainLicenseDecision } from '../../../server/src/findings/render/policy-trail';
import { evaluateLicenseExpression } from '../../../server/src/policy/evaluate-license';
import { parseSpdxExpression } from '../../../server/src/spdx/spdx-expression';
import { DEFAULT_LICENSES } from '../../../server/src/policy/default-policy';

function rule(text: string): LicenseRule {
  if (text.startsWith('@')) return { kind: 'category', category: text.slice(1) as never, text };
  const [id, exception] = text.split(' WITH ');
  return exception ? { kind: 'license', id, exception, text } : { kind: 'license', id, text };
}

const policy: LicensePolicy = {
  allow: ['MIT', 'Apache-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0', 'LGPL-2.1-only'].map(rule),
  review: ['MPL-2.0', '@restricted'].map(rule),
  deny: ['AGPL-3.0-only', '@forbidden'].map(rule),
  unknown: 'review',
  unlisted: 'deny',
  minConfidence: 0.9,
};

function decide(text: string, p: LicensePolicy = policy) {
  const parsed = parseSpdxExpression(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluateLicenseExpression(parsed.expression, p);
}

describe('license evaluation', () => {
  it('passes an OR when either side passes and says which side was chosen', () => {
    const d = decide('AGPL-3.0-only OR MIT');
    assert.equal(d.disposition, 'allow');
    assert.equal(d.chosen, 'MIT');
    assert.match(explainLicenseDecision(d), /chose MIT/);
  });

  it('takes the worst side of an AND', () => {
    assert.equal(decide('MIT AND MPL-2.0').disposition, 'review');
    assert.equal(decide('MIT AND AGPL-3.0-only').disposition, 'deny');
  });

  it('matches a WITH exception only against an item written with it', () => {
    assert.equal(decide('GPL-2.0-only WITH Classpath-exception-2.0').disposition, 'allow');
    // Plain GPL-2.0-only falls to its category (@restricted → review).
    assert.equal(decide('GPL-2.0-only').disposition, 'review');
    assert.equal(decide('GPL-2.0').disposition, 'review', 'deprecated id understood');
  });

  it('lets an exact id beat the category that contains it', () => {
    // LGPL-2.1-only is @restricted, but the policy allows it by name.
    assert.equal(decide('LGPL-2.1-only').disposition, 'allow');
  });

  it('applies licenses.unlisted to licenses in no list', () => {
    const d = decide('Zlib', { ...policy, allow: policy.allow.filter((r) => r.kind !== 'category') });
    assert.equal(d.disposition, 'deny');
    assert.match(explainLicenseDecision(d), /is in no list \(licenses\.unlisted: deny\)/);
  });

  it('classifies with categories in the default policy', () => {
    assert.equal(decide('MIT', DEFAULT_LICENSES).disposition, 'allow');
    assert.equal(decide('CC0-1.0', DEFAULT_LICENSES).disposition, 'allow');
    assert.equal(decide('MPL-2.0', DEFAULT_LICENSES).disposition, 'review');
    assert.equal(decide('GPL-3.0-or-later', DEFAULT_LICENSES).disposition, 'review');
    assert.equal(decide('AGPL-3.0-only', DEFAULT_LICENSES).disposition, 'deny');
    assert.equal(decide('LicenseRef-Acme', DEFAULT_LICENSES).disposition, 'review');
  });
});
