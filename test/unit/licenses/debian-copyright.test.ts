import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { debianPackageLicense, dep5ExpressionToSpdx, dep5NameToSpdx, parseDebianCopyright } from '../../../server/src/licenses/debian-copyright';
import { getLicenseTextIndex } from '../../../server/src/licenses/detection/license-text-index';

const FIXTURES = path.join(__dirname, '../../fixtures/debian-copyright');
const copyright = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.copyright`), 'utf8');

describe('Debian machine-readable copyright files (DEP-5)', () => {
  before(function () {
    this.timeout(30000);
    getLicenseTextIndex();
  });

  it('parses paragraphs, fields and continuation lines, with " ." as a blank line', () => {
    const parsed = parseDebianCopyright(copyright('python3-paramiko'))!;
    const files = parsed.paragraphs.filter((p) => p.fields.has('Files')).map((p) => p.fields.get('Files'));
    assert.equal(files[0], '*');
    assert.ok(files.includes('debian/*'));
    const standalone = parsed.paragraphs.find((p) => !p.fields.has('Files') && p.fields.get('License')?.startsWith('LGPL-2.1\n'))!;
    assert.match(standalone.fields.get('License')!, /either version 2\.1 of the License, or \(at your option\)\nany later version\.\n\nParamiko is distributed/);
  });

  it('is not fooled by a free-form copyright file', () => {
    assert.equal(parseDebianCopyright('This package was debianized by someone.\n\nFiles: *\nLicense: GPL-2+\n'), undefined);
  });

  const packages: readonly [string, string, string, 'short-name' | 'license-text'][] = [
    ['appstream', 'GPL-2+ and LGPL-2.1+', 'GPL-2.0-or-later AND LGPL-2.1-or-later', 'short-name'],
    // `Files: debian/*` says GPL-2: Debian's packaging, not the library.
    ['at-spi2-core', 'LGPL-2+', 'LGPL-2.0-or-later', 'short-name'],
    ['python3-six', 'Expat', 'MIT', 'short-name'],
    ['ruby-json', 'Ruby or GPL-2', 'Ruby OR GPL-2.0-only', 'short-name'],
    // A name without a version: the license text Debian quotes under it decides.
    ['python3-requests', 'Apache', 'Apache-2.0', 'license-text'],
    ['bzip2', 'BSD-variant', 'bzip2-1.0.6', 'license-text'],
    // The name says 2.1; the notice quoted under it grants "2.1 or (at your option) any later version".
    ['python3-paramiko', 'LGPL-2.1', 'LGPL-2.1-or-later', 'license-text'],
  ];
  for (const [name, stated, expression, how] of packages) {
    it(`reads ${name}'s Files: * license "${stated}" as ${expression}`, () => {
      assert.deepEqual(debianPackageLicense(copyright(name)), { kind: 'spdx', expression, stated, how });
    });
  }

  it('leaves a license it cannot name as unmapped, with what Debian states', () => {
    assert.deepEqual(debianPackageLicense(copyright('python3-docutils')), { kind: 'unmapped', stated: 'public-domain' });
    assert.deepEqual(debianPackageLicense(copyright('dbus-daemon')), { kind: 'unmapped', stated: 'GPL-2+ or AFL-2.1, and Expat and Tcl-BSDish' });
  });

  it('maps the DEP-5 short names, with + as "or later"', () => {
    const names: readonly [string, string | undefined][] = [
      ['Expat', 'MIT'],
      ['GPL-2+', 'GPL-2.0-or-later'],
      ['GPL-2', 'GPL-2.0-only'],
      ['GPL-3.0+', 'GPL-3.0-or-later'],
      ['LGPL-2.1+', 'LGPL-2.1-or-later'],
      ['LGPL-3', 'LGPL-3.0-only'],
      ['AGPL-3+', 'AGPL-3.0-or-later'],
      ['GFDL-1.3+', 'GFDL-1.3-or-later'],
      ['GFDL-NIV-1.2', 'GFDL-1.2-no-invariants-only'],
      ['BSD-3-clause', 'BSD-3-Clause'],
      ['bsd-2-clause', 'BSD-2-Clause'],
      ['Apache-2.0', 'Apache-2.0'],
      ['Apache-2', 'Apache-2.0'],
      ['MPL-2', 'MPL-2.0'],
      ['PSF-2', 'PSF-2.0'],
      ['Python-2.0', 'Python-2.0'],
      ['CC-BY-SA-3.0', 'CC-BY-SA-3.0'],
      ['CC0-1.0', 'CC0-1.0'],
      ['Zope-2.1', 'ZPL-2.1'],
      ['Perl', 'Artistic-1.0-Perl OR GPL-1.0-or-later'],
      ['Apache', undefined],
      ['GPL', undefined],
      ['BSD', undefined],
      ['public-domain', undefined],
    ];
    for (const [name, id] of names) assert.equal(dep5NameToSpdx(name), id, name);
  });

  it('reads and / or and comma-closed groups, and refuses what SPDX cannot say', () => {
    assert.equal(dep5ExpressionToSpdx('GPL-2+ or AFL-2.1, and Expat'), '(GPL-2.0-or-later OR AFL-2.1) AND MIT');
    assert.equal(dep5ExpressionToSpdx('GPL-2+ or Artistic-2.0'), 'GPL-2.0-or-later OR Artistic-2.0');
    assert.equal(dep5ExpressionToSpdx('Expat and BSD-3-clause or Apache-2.0'), '(MIT AND BSD-3-Clause) OR Apache-2.0');
    assert.equal(dep5ExpressionToSpdx('GPL-2+ with OpenSSL exception'), undefined);
    assert.equal(dep5ExpressionToSpdx('Expat and Tcl-BSDish'), undefined);
  });
});
