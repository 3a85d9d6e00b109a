import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import spdxFull = require('spdx-license-list/full');
import { detectLicenseText } from '../../../../server/src/licenses/detection/detect-license-text';

const real = (name: string) => readFileSync(join(__dirname, '../../../fixtures/license-texts/real', name), 'utf8');

function expressionOf(text: string): string {
  const result = detectLicenseText(text);
  assert.equal(result.kind, 'match', `expected a match, got ${JSON.stringify(result)}`);
  return result.kind === 'match' ? result.expression : '';
}

const GNU_WARRANTY = `
This program is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program.  If not, see <https://www.gnu.org/licenses/>.
`;

describe('standard license notices', () => {
  // The grant sentences as the FSF's "How to use GNU licenses" and real projects word them.
  const gnu: readonly [string, string][] = [
    ['the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.', 'GPL-2.0-or-later'],
    ['the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.', 'GPL-3.0-or-later'],
    ['the GNU General Public License version 2 as published by the Free Software Foundation.', 'GPL-2.0-only'],
    ['the GNU General Public License as published by the Free Software Foundation; version 3 of the License.', 'GPL-3.0-only'],
    ['version 2 of the GNU General Public License as published by the Free Software Foundation.', 'GPL-2.0-only'],
    ['the GNU General Public License, version 2 or later.', 'GPL-2.0-or-later'],
    ['the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version.', 'LGPL-2.1-or-later'],
    ['the GNU Lesser General Public License as published by the Free Software Foundation, version 2.1 of the License.', 'LGPL-2.1-only'],
    ['the GNU Library General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.', 'LGPL-2.0-or-later'],
    ['the GNU Lesser General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.', 'LGPL-3.0-or-later'],
    ['the GNU Lesser General Public License version 3 only.', 'LGPL-3.0-only'],
    ['the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.', 'AGPL-3.0-or-later'],
    ['the GNU GPLv3 or later.', 'GPL-3.0-or-later'],
  ];
  for (const [grant, id] of gnu) {
    it(`reads "${grant.slice(0, 70)}…" as ${id}`, () => {
      const notice = `Copyright (C) 2024 Alex Example\n\nThis program is free software; you can redistribute it and/or modify\nit under the terms of ${grant}\n${GNU_WARRANTY}`;
      assert.equal(expressionOf(notice), id);
    });
  }

  it('reads the notice in comment headers of every common style', () => {
    const grant = 'This library is free software; you can redistribute it and/or modify it under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version.';
    const lines = grant.match(/.{1,60}(\s|$)/g) ?? [];
    for (const [open, prefix, close] of [['', '# ', ''], ['', '// ', ''], ['/*\n', ' * ', ' */'], ['', '-- ', ''], ['', ';; ', ''], ['<!--\n', '  ', '-->']]) {
      const header = `${open}${lines.map((line) => prefix + line.trim()).join('\n')}\n${close}\n`;
      assert.equal(expressionOf(header), 'LGPL-2.1-or-later', header);
    }
  });

  it('does not take "see the GNU General Public License for more details" or an unversioned GPL for a notice', () => {
    assert.equal(detectLicenseText(GNU_WARRANTY).kind, 'none');
    assert.equal(detectLicenseText('This program is free software; you can redistribute it under the terms of the GNU General Public License as published by the Free Software Foundation.').kind, 'none');
  });

  it('lets a notice say which option applies to the GPL text it ships with', () => {
    const copying = `${spdxFull['GPL-2.0-only'].licenseText}\n\nThis program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.\n`;
    assert.equal(expressionOf(copying), 'GPL-2.0-or-later');
    // The GPL's own "How to Apply These Terms" sample notice grants nothing.
    assert.equal(expressionOf(spdxFull['GPL-2.0-only'].licenseText), 'GPL-2.0-only');
  });

  it("reads Apache's short notice, in a LICENSE file and in a source header", () => {
    assert.equal(expressionOf(real('openssl-0.10.45-LICENSE')), 'Apache-2.0');
    assert.equal(expressionOf(real('distro-header.py')), 'Apache-2.0');
  });

  it('reads the Rust "Apache License, Version 2.0 … or the MIT license …, at your option" notice as a choice', () => {
    assert.equal(expressionOf(real('vec_map-0.8.1-lib-header.rs')), 'Apache-2.0 OR MIT');
    assert.equal(expressionOf(real('rand-0.8.5-COPYRIGHT')), 'Apache-2.0 OR MIT');
    // A second statement naming the same two licenses ("derived from … licensed under the MIT/Apache 2.0
    // license") adds nothing.
    assert.equal(expressionOf(real('clap_derive-3.2.18-attrs-header.rs')), 'Apache-2.0 OR MIT');
  });

  it("reads MPL-2.0's notice, MPL-1.1's tri-license header and the no-copyleft-exception form", () => {
    assert.equal(expressionOf(real('pip-MPL-2.0-notice.txt')), 'MPL-2.0');
    assert.equal(expressionOf(real('domain_name-MPL-1.1-tri-license.txt')), 'MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later');
    const exhibitB = 'This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.\n\nThis Source Code Form is "Incompatible With Secondary Licenses", as defined by the Mozilla Public License, v. 2.0.\n';
    assert.equal(expressionOf(exhibitB), 'MPL-2.0-no-copyleft-exception');
  });

  it('reads the GNU notices of real packages word for word, "only" and "or later" alike', () => {
    assert.equal(expressionOf(real('paramiko-LGPL-2.1-notice.txt')), 'LGPL-2.1-or-later');
    assert.equal(expressionOf(real('httplib2-LGPL-2.1-only-notice.txt')), 'LGPL-2.1-only');
    assert.equal(expressionOf(real('pyudev-monitor-header.py')), 'LGPL-2.1-or-later');
  });

  it('reads short licensing statements: dual, triple, and with a bundled part', () => {
    assert.equal(expressionOf(real('aho-corasick-0.7.19-COPYING')), 'Unlicense OR MIT');
    assert.equal(expressionOf(real('io-lifetimes-0.7.2-COPYRIGHT')), 'Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT');
    assert.equal(expressionOf(real('encoding_rs-0.8.31-COPYRIGHT')), '(Apache-2.0 OR MIT) AND BSD-3-Clause');
  });

  it('reads a license file that holds only an SPDX expression', () => {
    assert.equal(expressionOf(real('zstd-safe-6.0.2-LICENSE')), 'MIT OR Apache-2.0');
    assert.equal(detectLicenseText('MIT OR Apache-2.0 OR NotALicense').kind, 'none');
  });
});

describe('license files that hold several texts, exceptions and commentary', () => {
  it('names both licenses of a file holding the MIT and Apache-2.0 texts one after the other, as AND', () => {
    const result = detectLicenseText(real('serde-1.0.152-MIT-then-APACHE.txt'));
    assert.ok(result.kind === 'match' && result.confidence >= 0.95, JSON.stringify(result));
    assert.equal(result.kind === 'match' && result.expression, 'MIT AND Apache-2.0');
  });

  it('makes the texts alternatives when the file says so above them', () => {
    assert.equal(expressionOf(real('chrono-0.4.23-LICENSE.txt')), 'MIT OR Apache-2.0');
  });

  it('identifies the LGPL-3.0 text shipped without the GPL-3.0 text it builds on', () => {
    assert.equal(expressionOf(real('nettle-7.1.0-LICENSE-LGPL3')), 'LGPL-3.0-only');
    assert.equal(expressionOf(`${real('nettle-7.1.0-LICENSE-LGPL3')}\n\n${spdxFull['GPL-3.0-only'].licenseText}`), 'LGPL-3.0-only');
  });

  it('reads the LGPL-3.0 static-linking exception as a WITH expression, above the text or with a notice', () => {
    assert.equal(expressionOf(real('lgpl-3.0-with-linking-exception-LICENSE.txt')), 'LGPL-3.0-only WITH LGPL-3.0-linking-exception');
    assert.equal(expressionOf(real('juju-errors-LGPL-3.0-with-exception.txt')), 'LGPL-3.0-only WITH LGPL-3.0-linking-exception');
  });

  it("reads Apache-2.0 with LLVM's exceptions, whose wording names the GPL without granting it", () => {
    assert.equal(expressionOf(real('target-lexicon-0.12.3-LICENSE')), 'Apache-2.0 WITH LLVM-exception');
  });

  it("identifies ring's license-file (ISC-style, OpenSSL, MIT with commentary between them) above 0.9", () => {
    const result = detectLicenseText(real('ring-0.16.20-LICENSE'));
    assert.equal(result.kind === 'match' && result.expression, 'ISC AND OpenSSL AND MIT');
    assert.ok(result.kind === 'match' && result.confidence >= 0.9, JSON.stringify(result));
  });

  it('keeps an added restriction from passing as commentary', () => {
    const restricted = readFileSync(join(__dirname, '../../../fixtures/license-texts/mit-with-commons-clause.txt'), 'utf8');
    assert.equal(detectLicenseText(restricted).kind, 'none');
  });
});
