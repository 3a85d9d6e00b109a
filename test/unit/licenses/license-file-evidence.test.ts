import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import spdxFull = require('spdx-license-list/full');
import { getLicenseTextIndex } from '../../../server/src/licenses/detection/license-text-index';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { evidenceFromLicenseFiles, findLicenseFiles, isDocumentationLicenseFile } from '../../../server/src/licenses/license-file-evidence';

const REAL = path.join(__dirname, '../../fixtures/license-texts/real');

describe('evidence from a package folder of license files', () => {
  let dir: string;
  before(function () {
    // Building the reference index takes a few seconds once per process.
    this.timeout(30000);
    getLicenseTextIndex();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-license-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const evidence = () => {
    const files = new CachingFileSource();
    return evidenceFromLicenseFiles(files, findLicenseFiles(files, dir));
  };

  it('knows documentation license files by name', () => {
    for (const name of ['LICENSE.docs', 'LICENSE-docs', 'LICENCE-DOCS.md', 'license.documentation', 'COPYING.doc']) assert.ok(isDocumentationLicenseFile(name), name);
    for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE-MIT', 'LICENSE.code', 'docs/LICENSE']) assert.ok(!isDocumentationLicenseFile(name), name);
  });

  it("adds a LICENSE.docs license to the code's license, and reports the code's file", () => {
    write('LICENSE', spdxFull.MIT.licenseText);
    write('LICENSE.docs', spdxFull['CC-BY-4.0'].licenseText);
    const found = evidence();
    assert.equal(found?.kind === 'declared' && found.expression, 'MIT AND CC-BY-4.0');
    assert.equal(found?.kind === 'declared' && 'path' in found.source && path.basename(found.source.path), 'LICENSE');
  });

  it('does not take a documentation license for the package license when the code has none found', () => {
    write('LICENSE-docs', spdxFull['CC-BY-4.0'].licenseText);
    write('README.md', '# A package\n');
    assert.equal(evidence(), undefined);
  });

  it('reads COPYING (GPL-3.0) beside COPYING.LESSER (LGPL-3.0) as the LGPL-3.0', () => {
    write('COPYING', spdxFull['GPL-3.0-only'].licenseText);
    write('COPYING.LESSER', fs.readFileSync(path.join(REAL, 'nettle-7.1.0-LICENSE-LGPL3'), 'utf8'));
    const found = evidence();
    assert.equal(found?.kind === 'declared' && found.expression, 'LGPL-3.0-only');
  });

  it('keeps the GPL-3.0 beside an LGPL of another version, and joins compound results with parentheses', () => {
    write('COPYING', spdxFull['GPL-3.0-only'].licenseText);
    write('LICENSE-LGPL', spdxFull['LGPL-2.1-only'].licenseText);
    write('LICENSE-RUST', fs.readFileSync(path.join(REAL, 'rand-0.8.5-COPYRIGHT'), 'utf8'));
    const found = evidence();
    assert.equal(found?.kind === 'declared' && found.expression, 'GPL-3.0-only AND LGPL-2.1-only AND (Apache-2.0 OR MIT)');
  });
});
