import { strict as assert } from 'node:assert';
import { spdxForLicenseStatement } from '../../../../server/src/ecosystems/maven';

describe('license names and URLs from build files', () => {
  const cases: Array<[string | undefined, string | undefined, string | undefined]> = [
    ['The Apache Software License, Version 2.0', undefined, 'Apache-2.0'],
    ['Apache License, Version 2.0', undefined, 'Apache-2.0'],
    [undefined, 'http://www.apache.org/licenses/LICENSE-2.0.txt', 'Apache-2.0'],
    [undefined, 'https://www.apache.org/licenses/LICENSE-2.0', 'Apache-2.0'],
    ['Eclipse Public License - v 2.0', undefined, 'EPL-2.0'],
    ['EPL 2.0', undefined, 'EPL-2.0'],
    ['MIT License', undefined, 'MIT'],
    ['The MIT License (MIT)', undefined, 'MIT'],
    ['BSD 3-Clause', undefined, 'BSD-3-Clause'],
    [undefined, 'http://opensource.org/licenses/Apache-2.0', 'Apache-2.0'],
    [undefined, 'https://opensource.org/license/bsd-2-clause/', 'BSD-2-Clause'],
    [undefined, 'https://spdx.org/licenses/MPL-2.0.html', 'MPL-2.0'],
    [undefined, 'http://www.eclipse.org/org/documents/edl-v10.php', 'BSD-3-Clause'],
    ['Apache-2.0 OR MIT', undefined, 'Apache-2.0 OR MIT'],
    // Names that do not say which license they mean are not guessed.
    ['BSD', undefined, undefined],
    ['GNU Lesser General Public License', undefined, undefined],
    ['Acme Commercial License', 'https://acme.example/license', undefined],
    [undefined, 'https://opensource.org/licenses/not-a-license', undefined],
  ];
  for (const [name, url, expected] of cases) {
    it(`maps ${JSON.stringify(name ?? url)} to ${expected ?? 'nothing'}`, () => {
      assert.equal(spdxForLicenseStatement(name, url), expected);
    });
  }

  it('prefers the name when name and URL disagree', () => {
    assert.equal(spdxForLicenseStatement('MIT License', 'https://www.apache.org/licenses/LICENSE-2.0'), 'MIT');
  });
});
