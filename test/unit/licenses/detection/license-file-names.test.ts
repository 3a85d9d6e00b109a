import * as assert from 'node:assert/strict';
import { isLicenseFileName, LICENSE_FILE_NAMES } from '../../../../server/src/licenses/detection/detect-license-text';

describe('license file names', () => {
  it('accepts the usual names in any case', () => {
    for (const name of ['LICENSE', 'license', 'LICENCE.md', 'Copying', 'COPYING.LESSER', 'NOTICE', 'UNLICENSE', 'LICENSE-MIT', 'license-apache', 'MIT-LICENSE.txt', 'COPYRIGHT']) {
      assert.ok(isLicenseFileName(name), name);
    }
  });

  it('accepts one-file-per-license names and full paths', () => {
    assert.ok(isLicenseFileName('LICENSE.BSD-3-Clause'));
    assert.ok(isLicenseFileName('vendor/github.com/x/y/LICENSE'));
    assert.ok(isLicenseFileName('C:\\src\\crate\\LICENSE-APACHE'));
  });

  it('rejects source files and unrelated names', () => {
    for (const name of ['license.ts', 'license.json', 'licenses', 'README.md', 'LICENSES', 'my-license', 'package.json']) {
      assert.ok(!isLicenseFileName(name), name);
    }
  });

  it('accepts every name in its own list', () => {
    for (const name of LICENSE_FILE_NAMES) assert.ok(isLicenseFileName(name), name);
  });
});
