import * as assert from 'node:assert/strict';
import {
  categoryOf,
  classifyLicense,
  describeCategory,
  isLicenseCategory,
  LICENSE_CATEGORIES,
  type LicenseCategory,
} from '../../../server/src/spdx/license-categories';
import { FAMILY_RULES, LICENSECLASSIFIER_CATEGORIES, REVIEWED_CATEGORIES } from '../../../server/src/spdx/license-category-table';

const listed: Record<string, { name: string }> = require('spdx-license-list');
const ids: string[] = require('spdx-license-ids');
const deprecated: string[] = require('spdx-license-ids/deprecated.json');
const everyId = [...new Set([...Object.keys(listed), ...ids, ...deprecated])];
const baseOf = (id: string) => id.replace(/\+$/, '').replace(/-(only|or-later)$/, '');

describe('license categories', () => {
  it('classifies every id of spdx-license-list, spdx-license-ids and its deprecated list', () => {
    const missing = everyId.filter((id) => !isLicenseCategory(categoryOf(id) ?? ''));
    assert.deepEqual(missing, []);
    assert.ok(everyId.includes('GPL-2.0-with-classpath-exception') && everyId.includes('GPL-2.0+'));
  });

  it('names every current SPDX id in a table, so no id is left to a family rule', () => {
    const byRule = everyId.filter((id) => classifyLicense(id)?.source === 'family-rule');
    assert.deepEqual(byRule, []);
  });

  it('lists only SPDX ids, each in one category of one table', () => {
    const bases = new Set(everyId.map(baseOf));
    const seen = new Map<string, string>();
    for (const [name, table] of [['licenseclassifier', LICENSECLASSIFIER_CATEGORIES], ['reviewed', REVIEWED_CATEGORIES]] as const) {
      for (const category of LICENSE_CATEGORIES) {
        for (const id of table[category]) {
          assert.ok(bases.has(id), `${id} (${name} ${category}) is not an SPDX id`);
          assert.ok(!seen.has(id), `${id} is both ${seen.get(id)} and ${name} ${category}`);
          seen.set(id, `${name} ${category}`);
        }
      }
    }
  });

  it('uses every category', () => {
    const counts = new Map<LicenseCategory, number>();
    for (const id of everyId) counts.set(categoryOf(id)!, (counts.get(categoryOf(id)!) ?? 0) + 1);
    for (const c of LICENSE_CATEGORIES) assert.ok((counts.get(c) ?? 0) > 0, `no license is ${c}`);
  });

  it('gives -only, -or-later and + forms the category of their base license', () => {
    for (const id of everyId.filter((i) => i !== baseOf(i))) {
      const base = baseOf(id);
      const reference = categoryOf(base) ?? categoryOf(`${base}-only`);
      assert.equal(categoryOf(id), reference, id);
    }
    assert.equal(categoryOf('Apache-2.0+'), 'notice');
    assert.equal(categoryOf('MPL-2.0+'), 'reciprocal');
  });

  it('follows licenseclassifier for well-known licenses', () => {
    const expected: Array<[string, LicenseCategory]> = [
      ['AGPL-3.0-only', 'forbidden'],
      ['AGPL-3.0-or-later', 'forbidden'],
      ['CC-BY-NC-4.0', 'forbidden'],
      ['CC-BY-NC-SA-4.0', 'forbidden'],
      ['WTFPL', 'forbidden'],
      ['GPL-3.0-or-later', 'restricted'],
      ['GPL-2.0-only', 'restricted'],
      ['GPL-2.0', 'restricted'],
      ['GPL-2.0+', 'restricted'],
      ['GPL-2.0-with-classpath-exception', 'restricted'],
      ['LGPL-2.1-only', 'restricted'],
      ['LGPL-3.0+', 'restricted'],
      ['CC-BY-SA-4.0', 'restricted'],
      ['CC-BY-ND-4.0', 'restricted'],
      ['OSL-3.0', 'restricted'],
      ['MPL-2.0', 'reciprocal'],
      ['EPL-2.0', 'reciprocal'],
      ['CDDL-1.0', 'reciprocal'],
      ['MIT', 'notice'],
      ['Apache-2.0', 'notice'],
      ['BSD-3-Clause', 'notice'],
      ['BSD-2-Clause', 'notice'],
      ['ISC', 'notice'],
      ['CC-BY-4.0', 'notice'],
      ['CC0-1.0', 'unencumbered'],
      ['Unlicense', 'unencumbered'],
      ['0BSD', 'unencumbered'],
    ];
    for (const [id, category] of expected) {
      assert.equal(categoryOf(id), category, id);
      assert.equal(classifyLicense(id)?.source, 'licenseclassifier', id);
    }
  });

  it('classifies licenses licenseclassifier does not list by what their terms demand', () => {
    const expected: Array<[string, LicenseCategory]> = [
      ['SSPL-1.0', 'forbidden'],
      ['BUSL-1.1', 'forbidden'],
      ['PolyForm-Noncommercial-1.0.0', 'forbidden'],
      ['BSD-3-Clause-No-Military-License', 'forbidden'],
      ['GFDL-1.3-or-later', 'restricted'],
      ['GFDL-1.2-invariants-only', 'restricted'],
      ['EUPL-1.2', 'restricted'],
      ['CC-BY-SA-3.0-DE', 'restricted'],
      ['MPL-2.0-no-copyleft-exception', 'reciprocal'],
      ['MS-RL', 'reciprocal'],
      ['OFL-1.1', 'reciprocal'],
      ['CERN-OHL-W-2.0', 'reciprocal'],
      ['BSD-3-Clause-No-Nuclear-Warranty', 'notice'],
      ['HPND', 'notice'],
      ['BlueOak-1.0.0', 'notice'],
      ['MIT-0', 'permissive'],
      ['FSFUL', 'permissive'],
      ['PDDL-1.0', 'unencumbered'],
      ['NIST-PD', 'unencumbered'],
    ];
    for (const [id, category] of expected) {
      assert.equal(categoryOf(id), category, id);
      assert.equal(classifyLicense(id)?.source, 'reviewed', id);
    }
  });

  it('keeps each Creative Commons family together, localised ports included', () => {
    for (const id of everyId.filter((i) => i.startsWith('CC-BY-'))) {
      const family = /^CC-BY-NC/.test(id) ? 'forbidden' : /^CC-BY-(SA|ND)-/.test(id) ? 'restricted' : 'notice';
      assert.equal(categoryOf(id), family, id);
    }
  });

  it('has family rules that agree with the table for the current ids they match', () => {
    // HPND-Markus-Kuhn drops the notice clause every other HPND variant has.
    const readDifferently = new Set(['HPND-Markus-Kuhn']);
    for (const id of everyId) {
      const rule = FAMILY_RULES.find(([pattern]) => pattern.test(baseOf(id)));
      if (rule && !readDifferently.has(id)) assert.equal(rule[1], categoryOf(id), id);
    }
  });

  it('is case-sensitive and knows nothing of ids outside the SPDX list', () => {
    assert.equal(categoryOf('mit'), undefined);
    assert.equal(categoryOf('apache-2.0'), undefined);
    assert.equal(categoryOf('LicenseRef-x'), undefined);
    assert.equal(categoryOf('LicenseRef-Acme'), undefined);
    assert.equal(categoryOf(''), undefined);
    assert.equal(categoryOf('+'), undefined);
    assert.equal(categoryOf('MIT OR Apache-2.0'), undefined);
    assert.equal(categoryOf(undefined as unknown as string), undefined);
    assert.equal(categoryOf(42 as unknown as string), undefined);
  });

  it('describes each category in one line and recognises category names', () => {
    for (const c of LICENSE_CATEGORIES) {
      assert.match(describeCategory(c), new RegExp(`^${c}: `));
      assert.ok(!describeCategory(c).includes('\n'));
    }
    assert.equal(describeCategory('reciprocal'), 'reciprocal: changes to the licensed files must be shared');
    assert.ok(isLicenseCategory('notice'));
    assert.ok(!isLicenseCategory('copyleft'));
    assert.ok(!isLicenseCategory('Notice'));
  });
});
