import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unknownLicenseReason } from '../../../server/src/dependencies/unknown-license-reason';
import type { DependencyDeclaration, EcosystemSupport } from '../../../server/src/ecosystems/ecosystem';
import { cargoSupport } from '../../../server/src/ecosystems/cargo';
import { composerSupport } from '../../../server/src/ecosystems/composer';
import { pypiSupport } from '../../../server/src/ecosystems/pypi';
import { CachingFileSource } from '../../../server/src/io/file-source';

describe('why a license is unknown', () => {
  const display = (p: string) => p.replace('/w/', '');

  it('tells not installed, installed without a license, an unknown statement and a weak text match apart', () => {
    assert.deepEqual(unknownLicenseReason({ kind: 'none', searched: ['/w/node_modules/x/package.json'] }, 0.9, display), { kind: 'not-installed', searched: ['/w/node_modules/x/package.json'] });
    assert.deepEqual(unknownLicenseReason({ kind: 'none', searched: [], installedAt: '/w/node_modules/x/package.json' }, 0.9, display), { kind: 'no-license-metadata', metadata: 'node_modules/x/package.json' });
    assert.deepEqual(unknownLicenseReason({ kind: 'custom', text: 'Acme License', source: { kind: 'installed', path: '/w/a/package.json' } }, 0.9, display), {
      kind: 'unrecognised',
      statement: 'Acme License',
      source: 'from installed a/package.json',
    });
    assert.deepEqual(unknownLicenseReason({ kind: 'declared', expression: 'MIT', source: { kind: 'license-text', path: '/w/x/LICENSE', confidence: 0.62 } }, 0.9, display), {
      kind: 'weak-text-match',
      file: 'x/LICENSE',
      closest: 'MIT',
      confidence: 0.62,
      minConfidence: 0.9,
    });
  });

  describe('resolvers say whether a package without a license is installed', () => {
    let root: string;
    beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-installed-'))));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    const evidence = (support: EcosystemSupport, manifest: string, name: string) => {
      const manifestPath = path.join(root, manifest);
      const parsed = support.parse(fs.readFileSync(manifestPath, 'utf8'), manifestPath);
      const declaration = parsed.declarations.find((d: DependencyDeclaration) => d.name === name)!;
      assert.ok(declaration, name);
      const resolver = support.createResolver(manifestPath, { files: new CachingFileSource(), env: {}, homeDir: path.join(root, 'home') });
      return resolver.resolve(declaration).pkg.license;
    };

    it('PyPI: a distribution whose METADATA names no license', () => {
      write('requirements.txt', 'bare==1.0\nghost==2.0\n');
      write('.venv/lib/python3.12/site-packages/bare-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: bare\nVersion: 1.0\n');
      const bare = evidence(pypiSupport, 'requirements.txt', 'bare');
      assert.equal(bare.kind === 'none' && bare.installedAt, path.join(root, '.venv/lib/python3.12/site-packages/bare-1.0.dist-info/METADATA'));
      const ghost = evidence(pypiSupport, 'requirements.txt', 'ghost');
      assert.equal(ghost.kind === 'none' && ghost.installedAt, undefined);
    });

    it('Cargo: a vendored crate whose Cargo.toml names no license', () => {
      write('Cargo.toml', '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nbare = "1"\nghost = "1"\n');
      write('vendor/bare/Cargo.toml', '[package]\nname = "bare"\nversion = "1.0.0"\n');
      const bare = evidence(cargoSupport, 'Cargo.toml', 'bare');
      assert.equal(bare.kind === 'none' && bare.installedAt, path.join(root, 'vendor/bare/Cargo.toml'));
      const ghost = evidence(cargoSupport, 'Cargo.toml', 'ghost');
      assert.equal(ghost.kind === 'none' && ghost.installedAt, undefined);
    });

    it('Composer: an installed package whose composer.json names no license', () => {
      write('composer.json', JSON.stringify({ require: { 'acme/bare': '^1.0', 'acme/ghost': '^1.0' } }));
      write('vendor/acme/bare/composer.json', JSON.stringify({ name: 'acme/bare' }));
      const bare = evidence(composerSupport, 'composer.json', 'acme/bare');
      assert.equal(bare.kind === 'none' && bare.installedAt, path.join(root, 'vendor/acme/bare/composer.json'));
      const ghost = evidence(composerSupport, 'composer.json', 'acme/ghost');
      assert.equal(ghost.kind === 'none' && ghost.installedAt, undefined);
    });
  });
});
