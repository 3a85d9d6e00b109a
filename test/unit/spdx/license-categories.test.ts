import * as assert from 'node:assert/strict';
import { categoryOf, describeCategory, isLicenseCategory, LICENSE_CATEGORIES } from '../../../server/src/spdx/license-categories';

const listed: Record<string, unknown> = require('spdx-license-list');
const ids: string[] = require('spdx-license-ids');
const deprecated: string[] = require('spdx-license-ids/deprecated.json');

describe('license categories', () => {
  it('classifies every license of the SPDX list, deprecated ids included', () => {
    const missing = [...Object.keys(listed), ...ids, ...deprecated].filter((id) => categoryOf(id) === undefined);
    assert.deepEqual(missing, []);
    const counts = Object.fromEntries(LICENSE_CATEGORIES.map((c) => [c, 0]));
    for (const id of Object.keys(listed)) counts[categoryOf(id)!]++;
    for (const c of LICENSE_CATEGORIES) assert.ok(counts[c] > 0, `no license is ${c}`);
  });

  it('follows licenseclassifier for well-known licenses', () => {
    const expected: Array<[string, string]> = [
      ['AGPL-3.0-only', 'forbidden'],
      ['CC-BY-NC-4.0', 'forbidden'],
      ['GPL-3.0-or-later', 'restricted'],
      ['GPL-2.0', 'restricted'],
      ['GPL-2.0+', 'restricted'],
      ['LGPL-2.1-only', 'restricted'],
      ['CC-BY-SA-4.0', 'restricted'],
      ['MPL-2.0', 'reciprocal'],
      ['EPL-2.0', 'reciprocal'],
      ['MIT', 'notice'],
      ['Apache-2.0', 'notice'],
      ['BSD-3-Clause', 'notice'],
      ['CC0-1.0', 'unencumbered'],
      ['Unlicense', 'unencumbered'],
      ['0BSD', 'unencumbered'],
      ['MIT-0', 'permissive'],
    ];
    for (const [id, category] of expected) assert.equal(categoryOf(id), category, id);
  });

  it('is case-sensitive and knows nothing of ids outside the list', () => {
    assert.equal(categoryOf('mit'), undefined);
    assert.equal(categoryOf('LicenseRef-Acme'), undefined);
  });

  it('describes each category and recognises category names', () => {
    for (const c of LICENSE_CATEGORIES) assert.match(describeCategory(c), new RegExp(`^${c}: `));
    assert.ok(isLicenseCategory('notice'));
    assert.ok(!isLicenseCategory('copyleft'));
  });
});
