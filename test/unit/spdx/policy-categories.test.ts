import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BLUEOAK_RATINGS_FILE, blueOakRatingsSource } from '../../../scripts/generate-blueoak-ratings';
import { evaluateLicenseExpression } from '../../../server/src/policy/evaluate-license';
import { blueOakRating, categoriesOf, categoryContains, categoryMembers, POLICY_CATEGORIES } from '../../../server/src/spdx/policy-categories';
import { parseSpdxExpression } from '../../../server/src/spdx/spdx-expression';
import type { LicensePolicy } from '../../../server/src/policy/policy-types';

describe('policy categories', () => {
  it('keeps the Blue Oak table in step with the installed @blueoak/list (npm run generate:blueoak)', () => {
    assert.equal(fs.readFileSync(BLUEOAK_RATINGS_FILE, 'utf8'), blueOakRatingsSource());
  });

  it('puts MIT, Apache-2.0 and every common BSD in @permissive, as OSPOs mean it', () => {
    for (const id of ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', '0BSD', 'BlueOak-1.0.0', 'MIT-0', 'Zlib']) {
      assert.ok(categoryContains('permissive', id), id);
    }
    for (const id of ['GPL-3.0-only', 'MPL-2.0', 'AGPL-3.0-only', 'LGPL-2.1-or-later', 'CC-BY-SA-4.0']) {
      assert.ok(!categoryContains('permissive', id), id);
    }
  });

  it('keeps the licenseclassifier classes under their own names beside it', () => {
    assert.deepEqual(categoriesOf('MIT'), ['permissive', 'notice', 'blueoak-silver']);
    assert.deepEqual(categoriesOf('GPL-3.0-or-later'), ['restricted']);
    assert.deepEqual(categoriesOf('BSD-2-Clause-Patent'), ['permissive', 'notice', 'blueoak-gold']);
    assert.equal(blueOakRating('Apache-2.0+'), 'silver');
  });

  it('has members in every category, listed sorted', () => {
    for (const category of POLICY_CATEGORIES) assert.ok(categoryMembers(category).length > 0, category);
    const permissive = categoryMembers('permissive');
    assert.ok(permissive.length > 200, `${permissive.length}`);
    assert.ok(permissive.includes('BSD-2-Clause-FreeBSD'));
  });

  it('lets "allow": ["@permissive"] pass MIT and Apache-2.0', () => {
    const policy: LicensePolicy = {
      allow: [{ kind: 'category', category: 'permissive', text: '@permissive' }],
      review: [],
      deny: [],
      unknown: 'review',
      unlisted: 'review',
      minConfidence: 0.9,
    };
    for (const text of ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'MIT AND ISC']) {
      const parsed = parseSpdxExpression(text);
      assert.ok(parsed.ok);
      assert.equal(evaluateLicenseExpression(parsed.expression, policy).disposition, 'allow', text);
    }
    const gpl = parseSpdxExpression('GPL-2.0-only');
    assert.ok(gpl.ok);
    assert.equal(evaluateLicenseExpression(gpl.expression, policy).disposition, 'review');
  });
});
