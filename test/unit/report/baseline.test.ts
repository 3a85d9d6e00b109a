import * as assert from 'node:assert/strict';
import { readBaseline, splitByBaseline, type BaselineEntry } from '../../../server/src/report/baseline';
import { fingerprintOf } from '../../../server/src/report/finding-fingerprint';

const entry = (fingerprint: string, message: string): BaselineEntry => ({ fingerprint, message });

describe('audit baselines', () => {
  it('counts findings that share a fingerprint, and reports the one whose message is new', () => {
    const baseline = [entry('p', 'unknown key "colour"'), entry('p', 'bad SPDX id "mit"')];
    const now = [entry('p', 'bad SPDX id "mit"'), entry('p', 'unknown key "size"'), entry('p', 'unknown key "colour"')];
    const split = splitByBaseline(now, (e) => e, baseline);
    assert.deepEqual(split.fresh, [entry('p', 'unknown key "size"')]);
    assert.equal(split.known, 2);
    assert.equal(split.gone, 0);
  });

  it('matches a reworded finding by its fingerprint alone, and counts what went away', () => {
    const split = splitByBaseline([entry('a', 'new wording')], (e) => e, [entry('a', 'old wording'), entry('b', 'fixed')]);
    assert.deepEqual(split.fresh, []);
    assert.equal(split.gone, 1);
  });

  it('reads SARIF without our fingerprints by rule, decoded file and package', () => {
    const sarif = {
      runs: [
        {
          results: [
            {
              ruleId: 'license-denied',
              message: { text: 'x' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'apps/web%20site/package.json', uriBaseId: 'SRCROOT' } } }],
              properties: { purl: 'pkg:npm/gpl-lib' },
            },
          ],
        },
      ],
    };
    const read = readBaseline(JSON.stringify(sarif));
    assert.ok(read.ok);
    assert.deepEqual(read.entries, [{ fingerprint: fingerprintOf({ code: 'license-denied', file: 'apps/web site/package.json', purl: 'pkg:npm/gpl-lib' }), message: 'x' }]);
  });

  it('says what is wrong with a file that is no report', () => {
    for (const text of ['nope', '[]', '{"findings": [{}]}', '{"runs": [{"results": {}}]}']) {
      const read = readBaseline(text);
      assert.equal(read.ok, false, text);
    }
  });
});
