import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { makeTempDir } from '../../support/temp-dirs';
import { npmSupport } from '../../../server/src/ecosystems/npm';
import { parsePackageJson } from '../../../server/src/ecosystems/npm/parse-package-json';
import { npmLicenseStatement } from '../../../server/src/ecosystems/npm/npm-license-field';
import { CachingFileSource } from '../../../server/src/io/file-source';

function tree(files: Record<string, unknown>): string {
  const root = makeTempDir('npm');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

function resolver(root: string) {
  return npmSupport.createResolver(path.join(root, 'package.json'), { files: new CachingFileSource(), env: {}, homeDir: os.homedir() });
}

describe('package.json parsing', () => {
  it('finds dependencies of every group with the span of the name', () => {
    const text = '{\n  "dependencies": { "a": "^1" },\n  "devDependencies": { "@s/b": "2" },\n  "optionalDependencies": { "c": "*" },\n  "peerDependencies": { "d": ">=1" }\n}';
    const { declarations, problems } = parsePackageJson(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(declarations.map((d) => [d.name, d.group, text.slice(d.nameSpan.start, d.nameSpan.end), d.purl]), [
      ['a', 'dependencies', 'a', 'pkg:npm/a'],
      ['@s/b', 'devDependencies', '@s/b', 'pkg:npm/%40s/b'],
      ['c', 'optionalDependencies', 'c', 'pkg:npm/c'],
      ['d', 'peerDependencies', 'd', 'pkg:npm/d'],
    ]);
  });

  it('keeps what parsed in a half-typed file', () => {
    const { declarations, problems } = parsePackageJson('{ "dependencies": { "a": "^1", "b": "^2", "c');
    assert.deepEqual(declarations.map((d) => d.name).slice(0, 2), ['a', 'b']);
    assert.ok(problems.length > 0);
  });

  it('follows npm aliases to the real package and skips local specs', () => {
    const { declarations } = parsePackageJson('{ "dependencies": { "old": "npm:new-name@^2.0.0", "local": "file:../x", "ws": "workspace:*" } }');
    assert.deepEqual(declarations.map((d) => [d.name, d.purl, d.versionSpec]), [['old', 'pkg:npm/new-name', '^2.0.0']]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parsePackageJson(s)));
    fc.assert(fc.property(fc.json(), (s) => void parsePackageJson(s)));
  });
});

describe('npm license fields', () => {
  it('reads strings, legacy objects and licenses arrays (as OR)', () => {
    assert.equal(npmLicenseStatement({ license: 'MIT' }), 'MIT');
    assert.equal(npmLicenseStatement({ license: { type: 'BSD-3-Clause', url: 'x' } }), 'BSD-3-Clause');
    assert.equal(npmLicenseStatement({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] }), 'MIT OR Apache-2.0');
    assert.equal(npmLicenseStatement({ licenses: [{ type: 'MIT AND ISC' }, { type: 'Apache-2.0' }] }), '(MIT AND ISC) OR Apache-2.0');
    assert.equal(npmLicenseStatement({}), undefined);
  });
});

describe('npm resolution', () => {
  const declaration = (name: string) => parsePackageJson(JSON.stringify({ dependencies: { [name]: '*' } })).declarations[0];

  it('prefers the lock file license and walks the lock graph with node resolution', () => {
    const root = tree({
      'package.json': { dependencies: { a: '^1' } },
      'package-lock.json': {
        lockfileVersion: 3,
        packages: {
          '': {},
          'node_modules/a': { version: '1.0.0', license: 'MIT', dependencies: { b: '^1' } },
          'node_modules/a/node_modules/b': { version: '1.5.0', license: 'ISC', dependencies: { c: '*' } },
          'node_modules/b': { version: '2.0.0', license: 'GPL-3.0-only' },
          'node_modules/c': { version: '3.0.0', license: 'Zlib' },
        },
      },
      'node_modules/a/package.json': { name: 'a', license: 'WRONG' },
    });
    const result = resolver(root).resolve(declaration('a'));
    assert.equal(result.pkg.license.kind === 'declared' && result.pkg.license.expression, 'MIT');
    assert.equal(result.pkg.license.kind === 'declared' && result.pkg.license.source.kind, 'lockfile');
    assert.deepEqual(result.transitive.map((t) => [t.chain.join(' > '), t.pkg.version]), [['a > b', '1.5.0'], ['a > b > c', '3.0.0']]);
  });

  it('falls back to installed package.json files, for v1 locks too', () => {
    const root = tree({
      'package.json': { dependencies: { a: '^1' } },
      'package-lock.json': { lockfileVersion: 1, dependencies: { a: { version: '1.0.0', requires: { b: '1' } }, b: { version: '1.0.0' } } },
      'node_modules/a/package.json': { name: 'a', version: '1.0.0', licenses: [{ type: 'MIT' }] },
      'node_modules/b/package.json': { name: 'b', version: '1.0.0', license: { type: 'ISC' } },
    });
    const result = resolver(root).resolve(declaration('a'));
    assert.equal(result.pkg.license.kind === 'declared' && result.pkg.license.expression, 'MIT');
    assert.equal(result.pkg.license.kind === 'declared' && result.pkg.license.source.kind, 'installed');
    assert.equal(result.transitive[0].pkg.license.kind === 'declared' && result.transitive[0].pkg.license.expression, 'ISC');
  });

  it('detects the license from shipped license files when the metadata names none, or points at a file', () => {
    const mit = require('spdx-license-list/full')['MIT'].licenseText.replace('<year>', '2021').replace('<copyright holders>', 'Jane Doe');
    const isc = require('spdx-license-list/full')['ISC'].licenseText;
    const root = tree({
      'package.json': { dependencies: { plain: '1', pointed: '1' } },
      'node_modules/plain/package.json': { name: 'plain', version: '1.0.0' },
      'node_modules/plain/LICENSE': mit,
      'node_modules/pointed/package.json': { name: 'pointed', version: '1.0.0', license: 'SEE LICENSE IN docs/TERMS.txt' },
      'node_modules/pointed/docs/TERMS.txt': isc,
    });
    const plain = resolver(root).resolve(declaration('plain')).pkg.license;
    assert.equal(plain.kind === 'declared' && plain.expression, 'MIT');
    assert.equal(plain.kind === 'declared' && plain.source.kind, 'license-text');
    const pointed = resolver(root).resolve(declaration('pointed')).pkg.license;
    assert.equal(pointed.kind === 'declared' && pointed.expression, 'ISC');
  });

  it('reports where it looked when nothing is known', () => {
    const root = tree({ 'package.json': { dependencies: { ghost: '1' } } });
    const result = resolver(root).resolve(declaration('ghost'));
    assert.equal(result.pkg.license.kind, 'none');
  });

  it('survives a corrupt lock file', () => {
    const root = tree({ 'package.json': {}, 'package-lock.json': '{ not json', 'node_modules/a/package.json': { license: 'MIT' } });
    const result = resolver(root).resolve(declaration('a'));
    assert.equal(result.pkg.license.kind === 'declared' && result.pkg.license.expression, 'MIT');
  });

  it('terminates on dependency cycles', () => {
    const root = tree({
      'package.json': {},
      'package-lock.json': { lockfileVersion: 3, packages: { 'node_modules/a': { license: 'MIT', dependencies: { b: '*' } }, 'node_modules/b': { license: 'MIT', dependencies: { a: '*' } } } },
    });
    assert.deepEqual(resolver(root).resolve(declaration('a')).transitive.map((t) => t.chain.join('>')), ['a>b']);
  });
});
