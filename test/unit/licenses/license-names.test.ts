import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { licenseNameOrUrl, spdxForLicenseName } from '../../../server/src/licenses/license-names';
import { readLicenseStatement } from '../../../server/src/licenses/read-license-statement';
import { licenseFamily } from '../../../server/src/spdx/license-families';
import { formatSpdxExpression } from '../../../server/src/spdx/spdx-expression';

/** What a statement reads as, in one line: `Apache-2.0 (mapped)`, `family BSD`, `custom`. */
function reading(text: string): string {
  const statement = readLicenseStatement(text);
  switch (statement.kind) {
    case 'spdx': {
      const how = statement.mappedFrom !== undefined ? ' (mapped)' : statement.correction !== undefined ? ' (corrected)' : '';
      return `${formatSpdxExpression(statement.expression)}${how}${statement.unrecognised ? ` unrecognised: ${statement.unrecognised.join(', ')}` : ''}`;
    }
    case 'family':
      return `family ${statement.families.map((f) => f.name).join(' and ')}${statement.unrecognised ? ` unrecognised: ${statement.unrecognised.join(', ')}` : ''}`;
    default:
      return statement.kind;
  }
}

describe('free-text license names', () => {
  const cases: Array<[string, string]> = [
    // Apache
    ['Apache 2.0', 'Apache-2.0 (mapped)'],
    ['Apache-2', 'Apache-2.0 (mapped)'],
    ['Apache License, Version 2.0', 'Apache-2.0 (mapped)'],
    ['The Apache Software License, Version 2.0', 'Apache-2.0 (mapped)'],
    ['Apache License Version 2.0, January 2004', 'Apache-2.0 (mapped)'],
    ['ASL 2.0', 'Apache-2.0 (mapped)'],
    ['Apache License 1.1', 'Apache-1.1 (mapped)'],
    // MIT and friends
    ['MIT License', 'MIT (mapped)'],
    ['The MIT License (MIT)', 'MIT (mapped)'],
    ['Expat', 'MIT (mapped)'],
    ['ISC License (ISCL)', 'ISC (mapped)'],
    ['zlib/libpng', 'Zlib (mapped)'],
    ['Boost Software License 1.0', 'BSL-1.0 (mapped)'],
    // BSD by clause count and nickname
    ['BSD 3-Clause', 'BSD-3-Clause (mapped)'],
    ['BSD 2-Clause', 'BSD-2-Clause (mapped)'],
    ['2-clause BSDL', 'BSD-2-Clause (mapped)'],
    ['3-clause BSD License', 'BSD-3-Clause (mapped)'],
    ['New BSD', 'BSD-3-Clause (mapped)'],
    ['Modified BSD License', 'BSD-3-Clause (mapped)'],
    ['Simplified BSD', 'BSD-2-Clause (mapped)'],
    ['BSD-4', 'BSD-4-Clause (mapped)'],
    ['BSD 3-Clause "New" or "Revised" License', 'BSD-3-Clause (mapped)'],
    // GNU licenses: version and "or later" from the text
    ['GPLv2', 'GPL-2.0-only (mapped)'],
    ['GPL-2', 'GPL-2.0-only (mapped)'],
    ['GPLv2+', 'GPL-2.0-or-later (mapped)'],
    ['GPL-2+', 'GPL-2.0-or-later (mapped)'],
    ['GPL v3 or later', 'GPL-3.0-or-later (mapped)'],
    ['GNU GPL v3', 'GPL-3.0-only (mapped)'],
    ['GNU General Public License v2 or later (GPLv2+)', 'GPL-2.0-or-later (mapped)'],
    ['LGPLv3', 'LGPL-3.0-only (mapped)'],
    ['LGPLv2+', 'LGPL-2.0-or-later (mapped)'],
    ['LGPL-3+', 'LGPL-3.0-or-later (mapped)'],
    ['GNU Lesser General Public License v2.1 or later', 'LGPL-2.1-or-later (mapped)'],
    ['AGPLv3', 'AGPL-3.0-only (mapped)'],
    // Other versioned families
    ['MPLv2', 'MPL-2.0 (mapped)'],
    ['Mozilla Public License 2.0 (MPL 2.0)', 'MPL-2.0 (mapped)'],
    ['Eclipse Public License - v 2.0', 'EPL-2.0 (mapped)'],
    ['EPL 1.0', 'EPL-1.0 (mapped)'],
    ['CDDL 1.1', 'CDDL-1.1 (mapped)'],
    ['Artistic 2.0', 'Artistic-2.0 (mapped)'],
    ['EUPL v1.2', 'EUPL-1.2 (mapped)'],
    // Ruby and Python
    ['Ruby', 'Ruby'],
    ["Ruby's", 'Ruby (mapped)'],
    ['PSF', 'PSF-2.0 (mapped)'],
    ['Python Software Foundation License', 'PSF-2.0 (mapped)'],
    // URLs of license pages
    ['https://opensource.org/licenses/MIT', 'MIT (mapped)'],
    ['https://opensource.org/license/bsd-2-clause/', 'BSD-2-Clause (mapped)'],
    ['http://www.opensource.org/licenses/mit-license.php', 'MIT (mapped)'],
    ['http://www.apache.org/licenses/LICENSE-2.0.txt', 'Apache-2.0 (mapped)'],
    ['https://www.gnu.org/licenses/old-licenses/gpl-2.0.html', 'GPL-2.0-only (mapped)'],
    ['https://www.gnu.org/licenses/lgpl-3.0.en.html', 'LGPL-3.0-only (mapped)'],
    ['https://spdx.org/licenses/MPL-2.0.html', 'MPL-2.0 (mapped)'],
    ['https://choosealicense.com/licenses/mit/', 'MIT (mapped)'],
    ['https://www.mozilla.org/en-US/MPL/2.0/', 'MPL-2.0 (mapped)'],
    ['http://www.eclipse.org/org/documents/edl-v10.php', 'BSD-3-Clause (mapped)'],
    ['https://licenses.nuget.org/MIT%20OR%20Apache-2.0', 'MIT OR Apache-2.0 (mapped)'],
    // Expressions of names and legacy separators
    ['Ruby or LGPLv3+', 'Ruby OR LGPL-3.0-or-later (mapped)'],
    ['MIT or Apache License 2.0', 'MIT OR Apache-2.0 (mapped)'],
    ['Apache-2.0 / MIT', 'Apache-2.0 OR MIT (corrected)'],
    ['MIT/Apache-2.0', 'MIT OR Apache-2.0 (corrected)'],
    ['(Apache License, Version 2.0) OR (MIT License)', 'Apache-2.0 OR MIT (mapped)'],
    ['Nonstandard OR GPL-2.0 OR GPL-3.0', 'GPL-2.0-only OR GPL-3.0-only (corrected) unrecognised: Nonstandard'],
    // SPDX as is
    ['Apache-2.0', 'Apache-2.0'],
    ['LGPL-2.1-or-later', 'LGPL-2.1-or-later'],
    // Families: named without the variant
    ['BSD', 'family BSD'],
    ['BSD License', 'family BSD'],
    ['BSD-style', 'family BSD'],
    ['GNU GPL', 'family GPL'],
    ['GPL', 'family GPL'],
    ['GNU General Public License (GPL)', 'family GPL'],
    ['LGPL', 'family LGPL'],
    ['GNU Library or Lesser General Public License (LGPL)', 'family LGPL'],
    ['GNU Lesser General Public License', 'family LGPL'],
    ['Apache Software License', 'family Apache'],
    ['MPL', 'family MPL'],
    ['EPL', 'family EPL'],
    ['Mozilla Public License', 'family MPL'],
    ['Ruby or GPL', 'family GPL'],
    // Nothing to map
    ['Acme Commercial License', 'custom'],
    ['Dual MIT and GPL', 'custom'],
    ['https://acme.example/license', 'custom'],
    ['https://opensource.org/licenses/not-a-license', 'custom'],
    ['SEE LICENSE IN LICENSE.txt', 'custom'],
    ['UNLICENSED', 'proprietary'],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} as ${expected}`, () => assert.equal(reading(text), expected));
  }

  it('keeps the original text as the provenance of a mapping', () => {
    const statement = readLicenseStatement('Apache 2.0');
    assert.ok(statement.kind === 'spdx');
    assert.equal(statement.mappedFrom, 'Apache 2.0');
  });

  it('does not read "or later" as a choice', () => {
    assert.equal(reading('GNU General Public License v2 or later'), 'GPL-2.0-or-later (mapped)');
    assert.equal(reading('LGPL v2.1 or any later version'), 'LGPL-2.1-or-later (mapped)');
  });

  it('expands a family to one candidate per member, combined with the rest of the statement', () => {
    const gpl = readLicenseStatement('Ruby or GPL');
    assert.ok(gpl.kind === 'family');
    assert.deepEqual(gpl.candidates.map((c) => formatSpdxExpression(c)), licenseFamily('GPL')!.members.map((id) => `Ruby OR ${id}`));
  });

  it('reads a family named twice as one unknown variant', () => {
    const bsd = readLicenseStatement('BSD or BSD-style');
    assert.ok(bsd.kind === 'family');
    assert.equal(bsd.candidates.length, licenseFamily('BSD')!.members.length);
  });

  it('knows nothing of names that are properties of every object', () => {
    for (const text of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'https://opensource.org/licenses/constructor']) assert.equal(reading(text), 'custom', text);
    assert.equal(licenseFamily('constructor'), undefined);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void readLicenseStatement(s)));
    fc.assert(fc.property(fc.array(fc.constantFrom('MIT', 'BSD', 'GPL', 'or', 'and', '/', '(', ')', 'Apache 2.0', ' ')), (parts) => void readLicenseStatement(parts.join(' '))));
  });
});

describe('license names and URLs from build files', () => {
  it('keeps the name when it names a license or a family, else a URL that does', () => {
    assert.equal(licenseNameOrUrl('The Apache Software License, Version 2.0', 'https://www.apache.org/licenses/LICENSE-2.0'), 'The Apache Software License, Version 2.0');
    assert.equal(licenseNameOrUrl('Apache 2', undefined), 'Apache 2');
    assert.equal(licenseNameOrUrl('BSD', undefined), 'BSD');
    assert.equal(licenseNameOrUrl('Acme License', 'https://opensource.org/licenses/MIT'), 'https://opensource.org/licenses/MIT');
    assert.equal(licenseNameOrUrl('Acme Commercial License', 'https://acme.example/license'), undefined);
    assert.equal(licenseNameOrUrl('Apache-2.0 OR MIT', undefined), 'Apache-2.0 OR MIT');
  });

  it('gives an SPDX expression only for one definite license', () => {
    assert.equal(spdxForLicenseName('The Apache Software License, Version 2.0', undefined), 'Apache-2.0');
    assert.equal(spdxForLicenseName(undefined, 'https://licenses.nuget.org/MIT'), 'MIT');
    assert.equal(spdxForLicenseName('MIT License', 'https://www.apache.org/licenses/LICENSE-2.0'), 'MIT', 'the name wins over the URL');
    assert.equal(spdxForLicenseName('BSD', undefined), undefined, 'a family is not one license');
    assert.equal(spdxForLicenseName('Some Company License', 'https://example.org/license'), undefined);
  });
});
