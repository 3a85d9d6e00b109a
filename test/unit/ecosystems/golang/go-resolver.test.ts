import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import type { LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { golangSupport } from '../../../../server/src/ecosystems/golang';
import { goModCacheDir } from '../../../../server/src/ecosystems/golang/go-module-licenses';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/golang');
const MOD_CACHE = path.join(FIXTURES, 'gomodcache');

function context(env: Record<string, string | undefined> = { GOMODCACHE: MOD_CACHE }): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir: path.join(FIXTURES, 'no-home') };
}

function resolveIn(project: string, name: string, env?: Record<string, string | undefined>) {
  const manifest = path.join(FIXTURES, project, 'go.mod');
  const ctx = context(env);
  const parsed = golangSupport.parse(ctx.files.readText(manifest)!, manifest);
  const declaration = parsed.declarations.find((d) => d.name === name);
  assert.ok(declaration, `${name} is declared in ${project}/go.mod`);
  return golangSupport.createResolver(manifest, ctx).resolve(declaration);
}

function detected(license: LicenseEvidence): { expression: string; path: string } {
  assert.equal(license.kind, 'declared');
  if (license.kind !== 'declared') throw new Error('unreachable');
  assert.equal(license.source.kind, 'license-text');
  return { expression: license.expression, path: 'path' in license.source ? license.source.path : '' };
}

describe('Go dependency resolution', () => {
  it('finds a license in the module cache under the case-escaped path', () => {
    const { pkg } = resolveIn('service', 'github.com/BurntSushi/toml');
    assert.equal(pkg.version, 'v1.3.2');
    assert.equal(pkg.purl, 'pkg:golang/github.com/BurntSushi/toml');
    const license = detected(pkg.license);
    assert.equal(license.expression, 'MIT');
    assert.equal(license.path, path.join(MOD_CACHE, 'github.com', '!burnt!sushi', 'toml@v1.3.2', 'COPYING'));
  });

  it('walks the graph from cached go.mod files at the versions the main go.mod selected', () => {
    const { transitive } = resolveIn('service', 'github.com/fatih/color');
    const byName = new Map(transitive.map((t) => [t.pkg.name, t]));
    assert.deepEqual([...byName.keys()].sort(), ['github.com/mattn/go-colorable', 'github.com/mattn/go-isatty', 'golang.org/x/sys']);
    // fatih/color asks for x/sys v0.14.0 and go-colorable for go-isatty v0.0.16; minimal version selection chose higher ones.
    assert.equal(byName.get('golang.org/x/sys')!.pkg.version, 'v0.15.0');
    assert.equal(byName.get('github.com/mattn/go-isatty')!.pkg.version, 'v0.0.20');
    assert.deepEqual(byName.get('github.com/mattn/go-isatty')!.chain, ['github.com/fatih/color', 'github.com/mattn/go-isatty']);
    assert.deepEqual(byName.get('golang.org/x/sys')!.chain, ['github.com/fatih/color', 'golang.org/x/sys']);
    assert.equal(detected(byName.get('golang.org/x/sys')!.pkg.license).expression, 'BSD-3-Clause');
  });

  it('follows a module replacement to the fork and its license', () => {
    const { pkg } = resolveIn('service', 'github.com/google/uuid');
    assert.equal(pkg.name, 'github.com/acme-labs/uuid');
    assert.equal(pkg.version, 'v1.6.1-acme.1');
    assert.equal(detected(pkg.license).expression, 'BSD-3-Clause');
  });

  it('treats a directory replacement as workspace code and reads the folder license', () => {
    const { pkg, transitive } = resolveIn('service', 'example.com/acme/shared');
    assert.equal(pkg.name, 'example.com/acme/shared');
    assert.equal(pkg.version, undefined);
    assert.equal(detected(pkg.license).path, path.join(FIXTURES, 'shared', 'LICENSE'));
    assert.deepEqual(transitive, []);
  });

  it('uses the repository root license for a nested module without its own', () => {
    const { pkg } = resolveIn('service', 'github.com/acme-labs/kit/metrics');
    const license = detected(pkg.license);
    assert.equal(license.expression, 'ISC');
    assert.equal(license.path, path.join(MOD_CACHE, 'github.com', 'acme-labs', 'kit@v1.4.0', 'LICENSE'));
  });

  it('prefers vendored copies and looks in parent folders of a vendored package', () => {
    const metrics = resolveIn('vendored', 'github.com/acme-labs/kit/metrics', { GOMODCACHE: path.join(FIXTURES, 'missing-cache') });
    assert.equal(detected(metrics.pkg.license).path, path.join(FIXTURES, 'vendored', 'vendor', 'github.com', 'acme-labs', 'kit', 'LICENSE'));
    const yaml = resolveIn('vendored', 'gopkg.in/yaml.v3', { GOMODCACHE: path.join(FIXTURES, 'missing-cache') });
    assert.equal(detected(yaml.pkg.license).expression, 'MIT');
  });

  it('says where it looked when no license text is found', () => {
    const { pkg } = resolveIn('service', 'github.com/BurntSushi/toml', { GOMODCACHE: path.join(FIXTURES, 'missing-cache') });
    assert.equal(pkg.license.kind, 'none');
    if (pkg.license.kind === 'none') assert.ok(pkg.license.searched.includes(path.join(FIXTURES, 'missing-cache', 'github.com', '!burnt!sushi', 'toml@v1.3.2')));
  });

  it('locates the module cache from GOMODCACHE, then GOPATH, then the home folder', () => {
    const files = new CachingFileSource();
    assert.equal(goModCacheDir({ files, env: { GOMODCACHE: '/c/mod' }, homeDir: '/h' }), '/c/mod');
    assert.equal(goModCacheDir({ files, env: { GOPATH: `/g1${path.delimiter}/g2` }, homeDir: '/h' }), path.join('/g1', 'pkg', 'mod'));
    assert.equal(goModCacheDir({ files, env: {}, homeDir: '/h' }), path.join('/h', 'go', 'pkg', 'mod'));
  });
});
