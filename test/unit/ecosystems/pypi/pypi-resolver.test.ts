import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import type { LicenseEvidence, ResolveContext, ResolvedDependency } from '../../../../server/src/ecosystems/ecosystem';
import { pypiSupport } from '../../../../server/src/ecosystems/pypi';
import { pypiDeclaration } from '../../../../server/src/ecosystems/pypi/pypi-declaration';
import { readDeclared, readEvidence } from '../../../support/license-reading';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/pypi');
const POETRY_SITE = path.join(FIXTURES, 'poetry-app', '.venv', 'lib', 'python3.12', 'site-packages');
const PIPENV_SITE = path.join(FIXTURES, 'pipenv-app', 'venv', 'Lib', 'site-packages');

function context(env: Record<string, string | undefined> = {}): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir: path.join(FIXTURES, 'no-home') };
}

function resolve(manifest: string, name: string, env?: Record<string, string | undefined>): ResolvedDependency {
  const ctx = context(env);
  const declaration = pypiSupport.parse(ctx.files.readText(manifest)!, manifest).declarations.find((d) => d.name === name);
  assert.ok(declaration, `${name} is declared in ${manifest}`);
  return pypiSupport.createResolver(manifest, ctx).resolve(declaration);
}

function expectDeclared(license: LicenseEvidence, expression: string, sourceKind: 'installed' | 'license-text', sourcePath: string): void {
  assert.deepEqual(
    license.kind === 'declared' ? { expression: license.expression, kind: license.source.kind, path: 'path' in license.source ? license.source.path : undefined } : license,
    { expression, kind: sourceKind, path: sourcePath },
  );
}

const find = (dependency: ResolvedDependency, name: string) => dependency.transitive.find((t) => t.pkg.name === name);

describe('Python dependency resolution with poetry.lock', () => {
  const manifest = path.join(FIXTURES, 'poetry-app', 'pyproject.toml');

  it('takes the version from the lock and follows requested extras in its graph', () => {
    const requests = resolve(manifest, 'requests');
    assert.equal(requests.pkg.version, '2.31.0');
    assert.deepEqual(requests.transitive.map((t) => t.chain.join(' > ')), [
      'requests > certifi',
      'requests > charset-normalizer',
      'requests > idna',
      'requests > urllib3',
      'requests > pysocks',
    ]);
    assert.equal(find(requests, 'pysocks')!.pkg.version, '1.7.1');
  });

  it('takes the version from the License field when the classifier names only the family', () => {
    const { pkg } = resolve(manifest, 'requests');
    expectDeclared(pkg.license, 'Apache 2.0', 'installed', path.join(POETRY_SITE, 'requests-2.31.0.dist-info', 'METADATA'));
    assert.equal(pkg.license.kind === 'declared' && readDeclared(pkg.license.expression), 'Apache-2.0');
  });

  it('maps trove classifiers to SPDX ids before reading license files', () => {
    const requests = resolve(manifest, 'requests');
    expectDeclared(find(requests, 'urllib3')!.pkg.license, 'MIT', 'installed', path.join(POETRY_SITE, 'urllib3-2.2.1.dist-info', 'METADATA'));
    expectDeclared(find(requests, 'certifi')!.pkg.license, 'MPL-2.0', 'installed', path.join(POETRY_SITE, 'certifi-2024.2.2.dist-info', 'METADATA'));
  });

  it('detects the License-File text when the metadata states nothing definite', () => {
    const idna = find(resolve(manifest, 'requests'), 'idna')!;
    expectDeclared(idna.pkg.license, 'BSD-3-Clause', 'license-text', path.join(POETRY_SITE, 'idna-3.6.dist-info', 'LICENSE.md'));
  });

  it('uses an SPDX License field when the classifier is ambiguous', () => {
    expectDeclared(resolve(manifest, 'click').pkg.license, 'BSD-3-Clause', 'installed', path.join(POETRY_SITE, 'click-8.1.7.dist-info', 'METADATA'));
  });

  it('prefers License-Expression to everything else', () => {
    const pytest = resolve(manifest, 'pytest');
    expectDeclared(find(pytest, 'packaging')!.pkg.license, 'Apache-2.0 OR BSD-2-Clause', 'installed', path.join(POETRY_SITE, 'packaging-24.0.dist-info', 'METADATA'));
    assert.deepEqual(pytest.transitive.map((t) => t.pkg.name), ['colorama', 'iniconfig', 'packaging', 'pluggy']);
  });

  it('matches installed folders by normalised name', () => {
    const cors = resolve(manifest, 'Flask-Cors');
    assert.equal(cors.pkg.purl, 'pkg:pypi/flask-cors');
    expectDeclared(cors.pkg.license, 'MIT', 'installed', path.join(POETRY_SITE, 'flask_cors-4.0.0.dist-info', 'METADATA'));
  });

  it('does not take the license of a different installed version than the locked one', () => {
    const { pkg } = resolve(manifest, 'black');
    assert.equal(pkg.version, '24.2.0');
    assert.equal(pkg.license.kind, 'none');
  });
});

describe('Python dependency resolution with uv.lock', () => {
  const manifest = path.join(FIXTURES, 'uv-app', 'pyproject.toml');

  it('follows extras in the uv graph and leaves unrequested ones out', () => {
    const httpx = resolve(manifest, 'httpx');
    assert.equal(httpx.pkg.version, '0.27.0');
    const names = httpx.transitive.map((t) => t.pkg.name);
    assert.ok(names.includes('h2') && names.includes('hpack') && names.includes('hyperframe'));
    assert.equal(names.includes('socksio'), false);
    assert.deepEqual(find(httpx, 'hpack')!.chain, ['httpx', 'h2', 'hpack']);
    assert.deepEqual(find(httpx, 'h11')!.chain, ['httpx', 'httpcore', 'h11']);
  });

  it('says where it looked when nothing is installed', () => {
    const { pkg } = resolve(manifest, 'pydantic');
    assert.equal(pkg.version, '2.6.4');
    assert.deepEqual(pkg.license, { kind: 'none', searched: [path.join(FIXTURES, 'uv-app', '.venv')] });
  });
});

describe('Python dependency resolution with Pipfile.lock and installed metadata', () => {
  const manifest = path.join(FIXTURES, 'pipenv-app', 'Pipfile');

  it('takes versions from Pipfile.lock and the graph from Requires-Dist in a Windows-layout venv', () => {
    const flask = resolve(manifest, 'flask');
    assert.equal(flask.pkg.version, '3.0.2');
    expectDeclared(flask.pkg.license, 'BSD-3-Clause', 'license-text', path.join(PIPENV_SITE, 'Flask-3.0.2.dist-info', 'LICENSE.rst'));
    assert.deepEqual(find(flask, 'markupsafe')!.chain, ['flask', 'werkzeug', 'markupsafe']);
    assert.equal(find(flask, 'markupsafe')!.pkg.version, '2.1.5');
    const names = flask.transitive.map((t) => t.pkg.name);
    // `extra == 'async'` and `extra == 'dotenv'` were not asked for.
    assert.equal(names.includes('asyncio') || names.includes('python-dotenv') || names.includes('watchdog'), false);
    assert.ok(names.includes('blinker') && names.includes('itsdangerous') && names.includes('click'));
  });

  it('includes the dependencies of a requested extra and detects a license text pasted into the License field', () => {
    const yaml = resolve(manifest, 'ruamel.yaml');
    assert.equal(yaml.pkg.version, '0.18.6');
    expectDeclared(yaml.pkg.license, 'MIT', 'license-text', path.join(PIPENV_SITE, 'ruamel.yaml-0.18.6.dist-info', 'METADATA'));
    assert.deepEqual(yaml.transitive.map((t) => t.pkg.name).sort(), ['ruamel-yaml-clib', 'ruamel-yaml-jinja2']);
  });

  it('reads an active $VIRTUAL_ENV', () => {
    const ctx = context({ VIRTUAL_ENV: path.join(FIXTURES, 'pipenv-app', 'venv') });
    const resolver = pypiSupport.createResolver(path.join(FIXTURES, 'elsewhere', 'requirements.txt'), ctx);
    const { pkg } = resolver.resolve(pypiDeclaration('Jinja2', { start: 0, end: 6 }, 'requirements', '>=3', []));
    assert.equal(pkg.version, '3.1.3');
    expectDeclared(pkg.license, 'BSD-3-Clause', 'installed', path.join(PIPENV_SITE, 'Jinja2-3.1.3.dist-info', 'METADATA'));
  });
});

describe('Python dependency resolution for requirements files', () => {
  const manifest = path.join(FIXTURES, 'requirements-app', 'requirements.txt');

  it('takes an exact pin from a constraints file and the graph from installed metadata', () => {
    const django = resolve(manifest, 'Django');
    assert.equal(django.pkg.version, '4.2.11');
    assert.deepEqual(django.transitive.map((t) => t.pkg.name), ['asgiref', 'sqlparse', 'tzdata', 'typing-extensions']);
    assert.equal(find(django, 'tzdata')!.pkg.license.kind, 'none');
  });

  it('follows only the extras a requirement asks for', () => {
    const celery = resolve(manifest, 'celery');
    assert.deepEqual(celery.transitive.map((t) => t.pkg.name), ['billiard', 'redis', 'msgpack']);
  });

  it('reads the project venv for files in a requirements/ folder', () => {
    const { pkg } = resolve(path.join(FIXTURES, 'requirements-app', 'requirements', 'base.txt'), 'sqlparse');
    assert.equal(pkg.version, '0.4.4');
    // Only `License :: OSI Approved :: BSD License` and no license file: the family, not a guessed variant.
    assert.equal(readEvidence(pkg.license), 'family BSD');
  });
});
