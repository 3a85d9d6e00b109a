import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCoreMetadata } from '../../../../server/src/ecosystems/pypi/core-metadata';
import { classifierLicense } from '../../../../server/src/ecosystems/pypi/trove-license-classifiers';
import { readPipfileLock, readPoetryLock, readUvLock } from '../../../../server/src/ecosystems/pypi/python-lock-readers';

describe('Python core metadata', () => {
  it('reads repeated and folded fields up to the body', () => {
    const metadata = parseCoreMetadata(
      'Metadata-Version: 2.4\r\nName: Demo_Pkg\r\nVersion: 1.0\r\nLicense: First line\r\n        second line\r\nClassifier: A\r\nClassifier: B\r\nLicense-File: LICENSE\r\nRequires-Dist: x\r\n\r\nRequires-Dist: not-a-header\r\n',
    );
    assert.equal(metadata.name, 'Demo_Pkg');
    assert.equal(metadata.license, 'First line\nsecond line');
    assert.deepEqual(metadata.classifiers, ['A', 'B']);
    assert.deepEqual(metadata.licenseFiles, ['LICENSE']);
    assert.deepEqual(metadata.requiresDist, ['x']);
  });

  it('treats UNKNOWN as no license statement', () => {
    assert.equal(parseCoreMetadata('Name: x\nLicense: UNKNOWN\n').license, undefined);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => void parseCoreMetadata(text)));
  });
});

describe('trove license classifiers', () => {
  it('maps versioned classifiers to SPDX ids', () => {
    assert.deepEqual(classifierLicense('License :: OSI Approved :: MIT License'), { kind: 'spdx', id: 'MIT' });
    assert.deepEqual(classifierLicense('License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)'), { kind: 'spdx', id: 'GPL-3.0-or-later' });
    assert.deepEqual(classifierLicense('License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication'), { kind: 'spdx', id: 'CC0-1.0' });
  });

  it('does not guess a version or variant the classifier does not state', () => {
    assert.deepEqual(classifierLicense('License :: OSI Approved :: BSD License'), { kind: 'ambiguous', text: 'BSD License' });
    assert.deepEqual(classifierLicense('License :: OSI Approved :: Apache Software License'), { kind: 'ambiguous', text: 'Apache Software License' });
    assert.deepEqual(classifierLicense('License :: OSI Approved :: GNU General Public License (GPL)'), { kind: 'ambiguous', text: 'GNU General Public License (GPL)' });
  });

  it('knows no classifier named like a property of every object', () => {
    assert.deepEqual(classifierLicense('License :: constructor'), { kind: 'ambiguous', text: 'constructor' });
  });

  it('ignores classifiers that are not license statements', () => {
    assert.deepEqual(classifierLicense('License :: OSI Approved'), { kind: 'none' });
    assert.deepEqual(classifierLicense('Programming Language :: Python :: 3'), { kind: 'none' });
  });
});

describe('Python lock readers', () => {
  it('refuses files that are not locks instead of throwing', () => {
    assert.equal(readPoetryLock('[[package]\n', '/p/poetry.lock'), undefined);
    assert.equal(readUvLock('version = 1\n', '/p/uv.lock'), undefined);
    assert.equal(readPipfileLock('{"default": ', '/p/Pipfile.lock'), undefined);
  });

  it('keeps every locked version of a name that uv forked by marker', () => {
    const lock = readUvLock('version = 1\n\n[[package]]\nname = "NumPy"\nversion = "1.24.4"\n\n[[package]]\nname = "numpy"\nversion = "1.26.4"\n', '/p/uv.lock')!;
    assert.deepEqual(lock.packages.get('numpy')!.map((p) => p.version), ['1.24.4', '1.26.4']);
  });
});
