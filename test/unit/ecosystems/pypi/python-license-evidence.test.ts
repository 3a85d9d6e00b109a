import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InstalledDistributions } from '../../../../server/src/ecosystems/pypi/installed-distributions';
import { pythonLicenseEvidence } from '../../../../server/src/ecosystems/pypi/python-license-evidence';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import { detectInText } from '../../../../server/src/licenses/license-file-evidence';
import { readEvidence } from '../../../support/license-reading';

const TEXTS = path.resolve(__dirname, '../../../fixtures/license-texts');

describe('Python license evidence combined from metadata and shipped files', () => {
  let site: string;

  beforeEach(() => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-pylicense-'));
  });
  afterEach(() => fs.rmSync(site, { recursive: true, force: true }));

  /** Installs a distribution folder with the given metadata headers and files; returns its evidence. */
  function evidence(folder: string, headers: string[], files: Record<string, string> = {}) {
    const dir = path.join(site, folder);
    fs.mkdirSync(dir, { recursive: true });
    const metadataFile = folder.endsWith('.egg-info') ? 'PKG-INFO' : 'METADATA';
    fs.writeFileSync(path.join(dir, metadataFile), ['Metadata-Version: 2.1', ...headers, '', 'Body.'].join('\n'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const files_ = new CachingFileSource();
    const name = folder.split('-')[0];
    const distribution = new InstalledDistributions(files_, [site]).find(name)!;
    return pythonLicenseEvidence(files_, distribution);
  }
  const text = (name: string) => fs.readFileSync(path.join(TEXTS, name), 'utf8');

  it('takes the version from the License field when the classifier names the family (requests)', () => {
    const found = evidence('requests-2.28.1.dist-info', ['Name: requests', 'Version: 2.28.1', 'License: Apache 2.0', 'Classifier: License :: OSI Approved :: Apache Software License']);
    assert.equal(found.kind === 'declared' && found.expression, 'Apache 2.0');
    assert.equal(readEvidence(found), 'Apache-2.0');
  });

  it('lets License-Expression win over everything else', () => {
    const found = evidence('pkg-1.0.dist-info', ['Name: pkg', 'Version: 1.0', 'License-Expression: MIT', 'License: GPL', 'Classifier: License :: OSI Approved :: BSD License']);
    assert.equal(readEvidence(found), 'MIT');
  });

  it('lets a classifier naming one license win over a vague field', () => {
    const found = evidence('chardet-5.1.0.dist-info', ['Name: chardet', 'Version: 5.1.0', 'License: LGPL', 'Classifier: License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)']);
    assert.equal(readEvidence(found), 'LGPL-2.0-or-later');
  });

  it('reads a classifier missing from the table as a license name (pyxdg: LGPLv2)', () => {
    const found = evidence('pyxdg-0.28.dist-info', ['Name: pyxdg', 'Version: 0.28', 'Classifier: License :: OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)']);
    assert.equal(readEvidence(found), 'LGPL-2.0-only');
  });

  it('maps a License field naming the version under a family classifier (lazr.uri: LGPL v3)', () => {
    const found = evidence('lazr.uri-1.0.6.egg-info', ['Name: lazr.uri', 'Version: 1.0.6', 'License: LGPL v3', 'Classifier: License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)']);
    assert.equal(readEvidence(found), 'LGPL-3.0-only');
  });

  it('identifies a License field that holds the whole license text', () => {
    // As setuptools folds it: continuation lines indented, blank lines kept with a '|'.
    const bsd = text('bsd-2-clause.txt').split('\n').join('\n       |');
    const found = evidence('pkg-1.0.dist-info', ['Name: pkg', 'Version: 1.0', `License: ${bsd}`, 'Classifier: License :: OSI Approved :: BSD License']);
    assert.equal(readEvidence(found), 'BSD-2-Clause');
    assert.equal(found.kind === 'declared' && found.source.kind, 'license-text');
  });

  it('reads the shipped license files when the metadata names only a family, and lets them win', () => {
    const distInfo = evidence('babel-2.12.1.dist-info', ['Name: Babel', 'Version: 2.12.1', 'License: BSD', 'Classifier: License :: OSI Approved :: BSD License', 'License-File: LICENSE'], {
      'licenses/LICENSE': text('bsd-3-clause-project.txt'),
    });
    assert.equal(readEvidence(distInfo), 'BSD-3-Clause');
    assert.equal(distInfo.kind === 'declared' && distInfo.source.kind, 'license-text');
  });

  it('keeps the family statement when the shipped text is recognised only loosely', () => {
    // The BSD text cut short until detection recognises it only loosely.
    const lines = text('bsd-3-clause-project.txt').split('\n');
    const loose = lines.map((_, i) => lines.slice(0, lines.length - i).join('\n')).find((t) => (detectInText(t)?.confidence ?? 1) < 0.9);
    assert.ok(loose && detectInText(loose), 'a loosely recognised cut of the text');
    const found = evidence('webencodings-0.5.1.dist-info', ['Name: webencodings', 'Version: 0.5.1', 'License: BSD', 'Classifier: License :: OSI Approved :: BSD License'], { LICENSE: loose });
    assert.equal(readEvidence(found), 'family BSD');
  });

  it('reads license files in an .egg-info folder too', () => {
    const eggInfo = evidence('pyserial-3.5.egg-info', ['Name: pyserial', 'Version: 3.5', 'License: BSD', 'Classifier: License :: OSI Approved :: BSD License'], { 'LICENSE.txt': text('bsd-3-clause-project.txt') });
    assert.equal(readEvidence(eggInfo), 'BSD-3-Clause');
  });

  it('keeps the family when nothing names the variant', () => {
    assert.equal(readEvidence(evidence('babel-2.10.3.egg-info', ['Name: Babel', 'Version: 2.10.3', 'License: BSD', 'Classifier: License :: OSI Approved :: BSD License'])), 'family BSD');
    assert.equal(readEvidence(evidence('paramiko-2.12.0.egg-info', ['Name: paramiko', 'Version: 2.12.0', 'License: LGPL', 'Classifier: License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)'])), 'family LGPL');
  });

  it('reads several family classifiers together (python-dateutil: "Dual License")', () => {
    const found = evidence('python_dateutil-2.8.2.egg-info', [
      'Name: python-dateutil',
      'Version: 2.8.2',
      'License: Dual License',
      'Classifier: License :: OSI Approved :: BSD License',
      'Classifier: License :: OSI Approved :: Apache Software License',
    ]);
    assert.equal(readEvidence(found), 'family BSD and Apache');
  });

  it('keeps a statement that names nothing recognisable as custom', () => {
    const found = evidence('pkg-1.0.dist-info', ['Name: pkg', 'Version: 1.0', 'License: Acme Commercial Terms', 'Classifier: License :: Other/Proprietary License']);
    assert.equal(readEvidence(found), 'custom: Acme Commercial Terms');
  });
});
