import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import spdxFull = require('spdx-license-list/full');
import { detectLicenseText, type LicenseTextMatch } from '../../../../server/src/licenses/detection/detect-license-text';

// Current (non-deprecated) SPDX ids; the package ships no type declarations.
const licenseIds = require('spdx-license-ids') as string[];

const fixtures = join(__dirname, '../../../fixtures/license-texts');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

/**
 * Ids whose SPDX reference texts are word-for-word the same once normalised, so no text can tell them apart;
 * detection reports the first id of each list.
 */
const INDISTINGUISHABLE: readonly (readonly [string[], string])[] = [
  [['GPL-2.0-only', 'GPL-2.0-or-later'], 'the "or later" option lives in a notice, not in the license text'],
  [['GPL-3.0-only', 'GPL-3.0-or-later'], 'same'],
  [['GPL-1.0-only', 'GPL-1.0-or-later'], 'same'],
  [['LGPL-2.0-only', 'LGPL-2.0-or-later'], 'same'],
  [['LGPL-2.1-only', 'LGPL-2.1-or-later'], 'same'],
  [['LGPL-3.0-only', 'LGPL-3.0-or-later'], 'same'],
  [['AGPL-1.0-only', 'AGPL-1.0-or-later'], 'same'],
  [['AGPL-3.0-only', 'AGPL-3.0-or-later'], 'same'],
  [['GFDL-1.1-only', 'GFDL-1.1-or-later', 'GFDL-1.1-invariants-only', 'GFDL-1.1-invariants-or-later', 'GFDL-1.1-no-invariants-only', 'GFDL-1.1-no-invariants-or-later'], 'invariant sections are declared in the document, not in the license text'],
  [['GFDL-1.2-only', 'GFDL-1.2-or-later', 'GFDL-1.2-invariants-only', 'GFDL-1.2-invariants-or-later', 'GFDL-1.2-no-invariants-only', 'GFDL-1.2-no-invariants-or-later'], 'same'],
  [['GFDL-1.3-only', 'GFDL-1.3-or-later', 'GFDL-1.3-invariants-only', 'GFDL-1.3-invariants-or-later', 'GFDL-1.3-no-invariants-only', 'GFDL-1.3-no-invariants-or-later'], 'same'],
  [['MPL-2.0', 'MPL-2.0-no-copyleft-exception'], 'Exhibit B is added by the project, the reference text is the same'],
  [['OFL-1.0', 'OFL-1.0-RFN', 'OFL-1.0-no-RFN'], 'the reserved font name is declared in the copyright notice'],
  [['OFL-1.1', 'OFL-1.1-RFN', 'OFL-1.1-no-RFN'], 'same'],
  [['CAL-1.0', 'CAL-1.0-Combined-Work-Exception'], 'the exception is declared by the project, the reference text is the same'],
  [['OLDAP-2.3', 'OLDAP-2.2.2'], 'the two reference texts differ only in their copyright lines'],
];

function acceptableIds(id: string): readonly string[] {
  return INDISTINGUISHABLE.find(([ids]) => ids.includes(id))?.[0] ?? [id];
}

function single(result: LicenseTextMatch): string {
  assert.equal(result.kind, 'match', `expected a match, got ${JSON.stringify(result)}`);
  return result.kind === 'match' ? result.expression : '';
}

describe('license text detection', () => {
  it('identifies at least 98% of the SPDX reference texts as themselves', function () {
    this.timeout(20000);
    const misses: string[] = [];
    let total = 0;
    for (const id of licenseIds) {
      const entry = spdxFull[id];
      if (!entry) continue;
      total++;
      const result = detectLicenseText(entry.licenseText);
      const ok = result.kind === 'match' && result.matches.length === 1 && acceptableIds(id).includes(result.matches[0].id);
      if (!ok) misses.push(`${id} → ${JSON.stringify(result)}`);
    }
    const accuracy = (total - misses.length) / total;
    console.log(`      SPDX reference texts identified: ${total - misses.length}/${total} (${(accuracy * 100).toFixed(2)}%)`);
    assert.ok(total > 600, 'the SPDX list should hold several hundred texts');
    assert.ok(accuracy >= 0.98, `accuracy ${accuracy}; misses:\n${misses.join('\n')}`);
  });

  it('reports the first id of each indistinguishable group', () => {
    for (const [ids] of INDISTINGUISHABLE) {
      const result = detectLicenseText(spdxFull[ids[0]].licenseText);
      assert.equal(single(result), ids[0]);
    }
  });

  const expected: readonly [string, string][] = [
    ['mit-reflowed.txt', 'MIT'],
    ['mit-other-copyright.md', 'MIT'],
    ['mit-0.txt', 'MIT-0'],
    ['x11-LICENSE.txt', 'X11'],
    ['isc.txt', 'ISC'],
    ['bsd-2-clause.txt', 'BSD-2-Clause'],
    ['bsd-3-clause-project.txt', 'BSD-3-Clause'],
    ['bsd-4-clause-LICENSE.txt', 'BSD-4-Clause'],
    ['apache-2.0.md', 'Apache-2.0'],
    ['apache-2.0-appendix-filled.txt', 'Apache-2.0'],
    ['gpl-2.0-COPYING.txt', 'GPL-2.0-only'],
    ['gpl-3.0-COPYING.txt', 'GPL-3.0-only'],
    ['lgpl-2.1-COPYING.LESSER.txt', 'LGPL-2.1-only'],
    ['agpl-3.0-LICENSE.txt', 'AGPL-3.0-only'],
    ['mpl-2.0-LICENSE.txt', 'MPL-2.0'],
    ['dual-mit-apache.txt', 'MIT OR Apache-2.0'],
    ['mit-and-apache-bundled.txt', 'MIT AND Apache-2.0'],
  ];
  for (const [file, expression] of expected) {
    it(`identifies ${file} as ${expression}`, () => {
      const result = detectLicenseText(fixture(file));
      assert.equal(single(result), expression);
      assert.ok(result.kind === 'match' && result.confidence >= 0.9 && result.confidence <= 1);
    });
  }

  it('lists each license of a two-license file with its own confidence', () => {
    const result = detectLicenseText(fixture('dual-mit-apache.txt'));
    assert.ok(result.kind === 'match');
    assert.deepEqual(result.matches.map((m) => m.id), ['MIT', 'Apache-2.0']);
    for (const m of result.matches) assert.ok(m.confidence >= 0.95, `${m.id} ${m.confidence}`);
  });

  it('reads a GPL notice as the version and option it states, not as the GPL text', () => {
    const result = detectLicenseText(fixture('gpl-3.0-notice.txt'));
    assert.equal(single(result), 'GPL-3.0-or-later');
    assert.deepEqual(result.kind === 'match' && result.matches.map((m) => m.via), ['notice']);
  });

  it('finds no license in a README', () => {
    assert.equal(detectLicenseText(fixture('not-a-license.md')).kind, 'none');
  });

  it('does not call MIT with an added restriction MIT, but names MIT as the closest', () => {
    const result = detectLicenseText(fixture('mit-with-commons-clause.txt'));
    assert.equal(result.kind, 'none');
    assert.equal(result.kind === 'none' ? result.best?.id : undefined, 'MIT');
    assert.ok(result.kind === 'none' && (result.best?.confidence ?? 1) < 0.9);
  });

  it('tells close relatives apart even with a new copyright line', () => {
    const families = [
      ['MIT', 'MIT-0', 'X11', 'ISC', '0BSD'],
      ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause', 'BSD-3-Clause-Clear'],
      ['GPL-2.0-only', 'GPL-3.0-only', 'LGPL-2.1-only', 'LGPL-3.0-only', 'AGPL-3.0-only'],
      ['Apache-2.0', 'Apache-1.1', 'MPL-1.1', 'MPL-2.0'],
    ];
    for (const family of families) {
      for (const id of family) {
        const text = `Copyright (c) 2031 Somebody Else <else@example.com>\n\n${spdxFull[id].licenseText}`;
        assert.equal(single(detectLicenseText(text)), id);
      }
    }
  });

  it('answers none with the best candidate below minConfidence', () => {
    const text = fixture('isc.txt');
    const strict = detectLicenseText(text, { minConfidence: 0.99 });
    assert.equal(strict.kind, 'none');
    assert.equal(strict.kind === 'none' ? strict.best?.id : undefined, 'ISC');
    assert.equal(single(detectLicenseText(text, { minConfidence: 0.8 })), 'ISC');
  });

  it('reports binary and empty input as a problem instead of throwing', () => {
    const binary = detectLicenseText('PK\u0003\u0004\u0000\u0000garbage');
    assert.ok(binary.kind === 'none' && binary.problem);
    const empty = detectLicenseText('   \n\n');
    assert.ok(empty.kind === 'none' && empty.problem);
  });

  it('handles a huge file without throwing and names the license drowned in it as closest', () => {
    const text = fixture('mit-reflowed.txt') + '\n' + 'lorem ipsum '.repeat(200_000);
    const result = detectLicenseText(text);
    assert.equal(result.kind, 'none');
    assert.equal(result.kind === 'none' ? result.best?.id : undefined, 'MIT');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('', fixture('mit-reflowed.txt')), (noise, base) => {
        const result = detectLicenseText(base + noise);
        assert.ok(result.kind === 'match' || result.kind === 'none');
      }),
      { numRuns: 200 },
    );
  });

  it('identifies a typical LICENSE file in under 5 ms after warm-up', () => {
    const text = fixture('mit-reflowed.txt');
    detectLicenseText(text);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      detectLicenseText(text);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[25] < 5, `median ${times[25]} ms`);
  });
});
