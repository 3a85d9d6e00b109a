import * as assert from 'node:assert/strict';
import spdxFull = require('spdx-license-list/full');
import { buildLicenseTextIndex } from '../../../../server/src/licenses/detection/license-text-index';
import { decodeLicenseTextIndex, encodeLicenseTextIndex } from '../../../../server/src/licenses/detection/license-text-index-file';
import { findBestLicenseText } from '../../../../server/src/licenses/detection/find-license-texts';
import { normalizeLicenseText } from '../../../../server/src/licenses/detection/normalize-license-text';

describe('the prebuilt license-text index file', () => {
  const built = buildLicenseTextIndex(spdxFull);

  it('reads back exactly the index that was written', () => {
    const read = decodeLicenseTextIndex(encodeLicenseTextIndex(built));
    assert.deepEqual([...read.vocabulary], [...built.vocabulary]);
    assert.deepEqual(read.groups, built.groups);
    assert.equal(read.texts.length, built.texts.length);
    read.texts.forEach((text, i) => {
      assert.equal(text.group, built.texts[i].group);
      assert.equal(text.wordCount, built.texts[i].wordCount);
      assert.deepEqual(text.shingles, built.texts[i].shingles);
    });
    assert.deepEqual(read.keys, built.keys);
    assert.deepEqual(read.offsets, built.offsets);
    assert.deepEqual(read.postings, built.postings);
  });

  it('finds the same license with the read index, also from an unaligned buffer', () => {
    const bytes = encodeLicenseTextIndex(built);
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    const read = decodeLicenseTextIndex(shifted.subarray(1));
    const words = normalizeLicenseText(spdxFull['Apache-2.0'].licenseText);
    const ids = (index: typeof built) => Int32Array.from(words, (w) => index.vocabulary.get(w) ?? -1);
    const fromRead = findBestLicenseText(ids(read), read)!;
    assert.equal(read.groups[fromRead.group].id, 'Apache-2.0');
    assert.deepEqual(fromRead, findBestLicenseText(ids(built), built));
  });

  it('refuses a file that is not an index', () => {
    assert.throws(() => decodeLicenseTextIndex(Buffer.from('not an index at all')), /not a license-text index/);
  });
});
