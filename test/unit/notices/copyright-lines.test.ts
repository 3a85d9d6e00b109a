import * as assert from 'node:assert/strict';
import { copyrightLines } from '../../../server/src/notices/copyright-lines';

describe('copyright lines in shipped files', () => {
  it('reads statements out of comments and banners', () => {
    const text = [
      '/*!',
      ' * Copyright (c) 2014-present, Facebook, Inc.',
      ' */',
      '# Copyright 2019 The Widget Authors',
      '/*! lodash v4 | (c) OpenJS Foundation | MIT */',
      '/*! jquery v3 | (c) 2015 JS Foundation | jquery.org/license */',
      '// © 2020 Jane Doe',
      '<!-- Copyright (C) 2001 Free Software Foundation -->',
    ].join('\n');
    assert.deepEqual(copyrightLines(text), [
      'Copyright (c) 2014-present, Facebook, Inc.',
      'Copyright 2019 The Widget Authors',
      '(c) 2015 JS Foundation',
      '© 2020 Jane Doe',
      'Copyright (C) 2001 Free Software Foundation',
    ]);
  });

  it('leaves out license prose, templates and list items lettered (c)', () => {
    const text = [
      'The above copyright notice and this permission notice shall be included',
      'Copyright notice: keep it.',
      'Copyright License. Subject to the terms and conditions of this License,',
      'Copyright [yyyy] [name of copyright owner]',
      'Copyright (C) <year>  <name of author>',
      '(c) You must retain, in the Source form of any Derivative Works',
      'copyright holders and contributors "as is"',
      'Copyright',
      'copyright--then that use is not regulated by the license.',
      'copyright and similar rights',
      '(c) (c) AAEE (c)',
    ].join('\n');
    assert.deepEqual(copyrightLines(text), []);
  });

  it('handles CRLF and CR line endings', () => {
    assert.deepEqual(copyrightLines('x\r\nCopyright 2001 A\r\ny\rCopyright 2002 B\r'), ['Copyright 2001 A', 'Copyright 2002 B']);
  });
});
