import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import type { DependencyDeclaration, LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { cargoSupport, type CargoDependencyDeclaration } from '../../../../server/src/ecosystems/cargo';
import { cargoRequirementToRange, findLockedReference, pickLockedVersion, readCargoLock } from '../../../../server/src/ecosystems/cargo/cargo-lock-reader';
import { cargoHomeDir } from '../../../../server/src/ecosystems/cargo/crate-licenses';
import { readDeclared } from '../../../support/license-reading';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/cargo');
const WORKSPACE = path.join(FIXTURES, 'workspace');
const CARGO_HOME = path.join(FIXTURES, 'cargo-home');
const REGISTRY = path.join(CARGO_HOME, 'registry', 'src', 'index.crates.io-6f17d22bba15001f');
const APP = path.join(WORKSPACE, 'crates', 'app', 'Cargo.toml');

function context(env: Record<string, string | undefined> = { CARGO_HOME }): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir: path.join(FIXTURES, 'no-home') };
}

function resolve(manifest: string, key: string, env?: Record<string, string | undefined>) {
  const ctx = context(env);
  const declarations = cargoSupport.parse(ctx.files.readText(manifest)!, manifest).declarations as CargoDependencyDeclaration[];
  const declaration = declarations.find((d) => d.key === key);
  assert.ok(declaration, `${key} is declared`);
  return cargoSupport.createResolver(manifest, ctx).resolve(declaration);
}

function declared(license: LicenseEvidence): { expression: string; sourceKind: string; path?: string } {
  if (license.kind !== 'declared') assert.fail(`expected a declared license, got ${JSON.stringify(license)}`);
  return { expression: license.expression, sourceKind: license.source.kind, path: 'path' in license.source ? license.source.path : undefined };
}

describe('Cargo dependency resolution', () => {
  it('takes the locked version and the registry license of a dependency', () => {
    const { pkg } = resolve(APP, 'json');
    assert.equal(pkg.name, 'serde_json');
    assert.equal(pkg.version, '1.0.114');
    assert.deepEqual(declared(pkg.license), { expression: 'MIT OR Apache-2.0', sourceKind: 'installed', path: path.join(REGISTRY, 'serde_json-1.0.114', 'Cargo.toml') });
  });

  it('reports each transitive crate once, by its shortest chain', () => {
    const { transitive } = resolve(APP, 'json');
    assert.deepEqual(
      transitive.map((t) => t.chain.join(' > ')),
      [
        'serde_json > itoa',
        'serde_json > ryu',
        'serde_json > serde',
        'serde_json > serde > serde_derive',
        'serde_json > serde > serde_derive > proc-macro2',
        'serde_json > serde > serde_derive > quote',
        'serde_json > serde > serde_derive > syn',
        'serde_json > serde > serde_derive > proc-macro2 > unicode-ident',
      ],
    );
    const syn = transitive.find((t) => t.pkg.name === 'syn')!;
    // `syn 2.0.52` in the lock: the reference names one of two locked versions.
    assert.equal(syn.pkg.version, '2.0.52');
    const ident = transitive.find((t) => t.pkg.name === 'unicode-ident')!;
    assert.equal(declared(ident.pkg.license).expression, '(MIT OR Apache-2.0) AND Unicode-DFS-2016');
  });

  it('picks the version the member crate locked when several versions exist', () => {
    const { pkg } = resolve(APP, 'syn1');
    assert.equal(pkg.name, 'syn');
    assert.equal(pkg.version, '1.0.109');
    assert.equal(pkg.license.kind, 'none');
  });

  it('inherits a workspace dependency from the root found by walking up', () => {
    const { pkg, transitive } = resolve(APP, 'serde');
    assert.equal(pkg.version, '1.0.197');
    assert.equal(declared(pkg.license).expression, 'MIT OR Apache-2.0');
    assert.ok(transitive.some((t) => t.pkg.name === 'serde_derive'));
  });

  it('resolves an inherited path dependency as a workspace crate with its inherited license', () => {
    const { pkg, transitive } = resolve(APP, 'acme-core');
    assert.equal(pkg.name, 'acme-core');
    assert.deepEqual(declared(pkg.license), { expression: 'Apache-2.0', sourceKind: 'installed', path: path.join(WORKSPACE, 'Cargo.toml') });
    assert.deepEqual(transitive.map((t) => t.pkg.name).slice(0, 1), ['serde']);
  });

  it('keeps the legacy slash form as written, read as OR', () => {
    const { expression } = declared(resolve(APP, 'cfg-if').pkg.license);
    assert.equal(expression, 'MIT/Apache-2.0');
    assert.equal(readDeclared(expression), 'MIT OR Apache-2.0');
  });

  it('prefers a vendored copy over the registry cache', () => {
    const { pkg } = resolve(APP, 'libc');
    assert.equal(declared(pkg.license).path, path.join(WORKSPACE, 'vendor', 'libc', 'Cargo.toml'));
  });

  it('detects the license of a crate that only names a license file', () => {
    const { pkg } = resolve(APP, 'fuchsia-cprng');
    const license = declared(pkg.license);
    assert.equal(license.expression, 'BSD-3-Clause');
    assert.equal(license.sourceKind, 'license-text');
    assert.equal(license.path, path.join(REGISTRY, 'fuchsia-cprng-0.1.1', 'LICENSE'));
  });

  it('keeps a non-SPDX license statement as custom', () => {
    const manifest = path.join(WORKSPACE, 'crates', 'app', 'Cargo.toml');
    const resolver = cargoSupport.createResolver(manifest, context());
    const declaration: DependencyDeclaration = { ecosystem: 'cargo', name: 'acme-telemetry', purl: 'pkg:cargo/acme-telemetry', versionSpec: '=0.9.0', group: 'dependencies', nameSpan: { start: 0, end: 0 } };
    const { pkg } = resolver.resolve(declaration);
    assert.equal(pkg.version, '0.9.0');
    assert.equal(pkg.license.kind, 'custom');
    if (pkg.license.kind === 'custom') assert.equal(pkg.license.text, 'Acme Proprietary');
  });

  it('says where it looked when the registry cache is missing', () => {
    const { pkg } = resolve(APP, 'anyhow', { CARGO_HOME: path.join(FIXTURES, 'missing-home') });
    assert.equal(pkg.version, '1.0.81');
    assert.equal(pkg.license.kind, 'none');
    if (pkg.license.kind === 'none') assert.ok(pkg.license.searched.includes(path.join(WORKSPACE, 'vendor', 'anyhow')));
  });

  it('defaults CARGO_HOME to ~/.cargo', () => {
    assert.equal(cargoHomeDir({ files: new CachingFileSource(), env: {}, homeDir: '/home/dev' }), path.join('/home/dev', '.cargo'));
  });
});

describe('Cargo.lock reading', () => {
  const lock = readCargoLock(`version = 3

[[package]]
name = "syn"
version = "1.0.109"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "2.0.52"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "2.0.52"
source = "git+https://github.com/dtolnay/syn#abc"
`)!;

  it('disambiguates references by version and source', () => {
    assert.equal(findLockedReference(lock, 'syn 1.0.109')!.version, '1.0.109');
    assert.equal(findLockedReference(lock, 'syn 2.0.52 (git+https://github.com/dtolnay/syn#abc)')!.source, 'git+https://github.com/dtolnay/syn#abc');
    assert.equal(findLockedReference(lock, 'syn 3.0.0'), undefined);
  });

  it('picks the newest locked version a requirement accepts', () => {
    assert.equal(pickLockedVersion(lock.packages, '1')!.version, '1.0.109');
    assert.equal(pickLockedVersion(lock.packages, '>=2, <3')!.version, '2.0.52');
    assert.equal(pickLockedVersion(lock.packages, undefined)!.version, '2.0.52');
  });

  it('turns Cargo requirements into semver ranges', () => {
    assert.equal(cargoRequirementToRange('1.2'), '>=1.2.0 <2.0.0-0');
    assert.equal(cargoRequirementToRange('=0.4.1'), '0.4.1');
    assert.equal(cargoRequirementToRange('not a version'), undefined);
  });

  it('refuses text that is not a lock file', () => {
    assert.equal(readCargoLock('[package]\nname = "x"\n'), undefined);
    assert.equal(readCargoLock('version = \n'), undefined);
  });
});
