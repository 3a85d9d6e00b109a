import * as assert from 'node:assert/strict';
import { normalizeLicenseText } from '../../../../server/src/licenses/detection/normalize-license-text';

const words = (text: string) => normalizeLicenseText(text).join(' ');

describe('license text normalisation', () => {
  it('ignores case, punctuation, quotes and line breaks', () => {
    assert.equal(words('THE SOFTWARE IS PROVIDED “AS IS”,\nWITHOUT   WARRANTY'), words('The software is provided "as is" without warranty'));
  });

  it('drops copyright lines and "All rights reserved"', () => {
    assert.equal(words('Copyright (c) 2020 Acme\n© 2021 Other\n\nAll rights reserved.\nPermission is granted.'), 'permission is granted');
  });

  it('treats SPDX equivalent words as one', () => {
    assert.equal(words('The licence and sub-license are authorised by the copyright owner'), words('The license and sublicense are authorized by the copyright holder'));
  });

  it('strips Markdown headings, emphasis, lists and links', () => {
    assert.equal(words('## 1. Grant\n\n* **You** may [copy](https://example.com) it.'), words('Grant\n\nYou may copy it.'));
  });

  it('drops a short leading title block but keeps a sentence that starts with "License"', () => {
    assert.equal(words('The MIT License (MIT)\n\nPermission is hereby granted.'), 'permission is hereby granted');
    assert.equal(words('License is hereby granted to use\nthis software.\n\nNo warranty.'), 'license is hereby granted to use this software no warranty');
  });

  it('keeps a text that is nothing but a title-like line', () => {
    assert.equal(words('Pick your favourite OSI approved license :)\n'), 'pick your favorite osi approved license');
  });
});
