import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import type { LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { composerLicenseExpression, composerSupport, parseComposerJson, readComposerLock } from '../../../../server/src/ecosystems/composer';
import { CachingFileSource } from '../../../../server/src/io/file-source';

const SHOP = path.resolve(__dirname, '../../../fixtures/ecosystems/composer/shop');
const MANIFEST = path.join(SHOP, 'composer.json');

function context(): ResolveContext {
  return { files: new CachingFileSource(), env: {}, homeDir: path.join(SHOP, 'no-home') };
}

function license(evidence: LicenseEvidence): string {
  if (evidence.kind === 'declared') return `${evidence.expression} (${evidence.source.kind} ${'path' in evidence.source ? path.relative(SHOP, evidence.source.path) : ''})`;
  if (evidence.kind === 'custom') return `custom: ${evidence.text}`;
  return 'none';
}

describe('composer.json declarations', () => {
  it('reads require and require-dev on the names inside their quotes, skipping platform requirements', () => {
    const text = context().files.readText(MANIFEST)!;
    const parsed = parseComposerJson(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end), d.group, d.versionSpec, d.purl]),
      [
        ['monolog/monolog', 'monolog/monolog', 'require', '^3.5', 'pkg:composer/monolog/monolog'],
        ['Symfony/HTTP-Client', 'Symfony/HTTP-Client', 'require', '^7.0', 'pkg:composer/symfony/http-client'],
        ['guzzlehttp/guzzle', 'guzzlehttp/guzzle', 'require', '^7.8', 'pkg:composer/guzzlehttp/guzzle'],
        ['acme/billing', 'acme/billing', 'require', '^2.0', 'pkg:composer/acme/billing'],
        ['acme/pdf', 'acme/pdf', 'require', '^1.4', 'pkg:composer/acme/pdf'],
        ['wikimedia/less.php', 'wikimedia/less.php', 'require', '^4.2', 'pkg:composer/wikimedia/less.php'],
        ['phpunit/phpunit', 'phpunit/phpunit', 'require-dev', '^10.5', 'pkg:composer/phpunit/phpunit'],
      ],
    );
  });

  it('keeps the finished entries of half-typed JSON and skips the key still being typed', () => {
    for (const text of ['{ "require": { "psr/log": "^3.0", "monolog/mon', '{ "require": { "psr/log": "^3.0", "monolog/monolog" } }', '{ "require": { "psr/log": "^3.0", "monolog/monolog": ', '{ "require": { "psr/log": "^3.0", "monolog" : "^3" } }']) {
      const parsed = parseComposerJson(text);
      assert.deepEqual(parsed.declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end)]), [['psr/log', 'psr/log']], text);
    }
    assert.ok(parseComposerJson('{ "require": { "psr/log": "^3.0", "monolog/mon').problems.length > 0);
  });

  it('reports a require section that is not an object', () => {
    assert.deepEqual(parseComposerJson('{ "require": ["psr/log"] }').problems.map((p) => p.message), ['"require" must be an object']);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void composerSupport.parse(text, '/x/composer.json')), { numRuns: 300 });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify({ require: value, 'require-dev': value });
        for (const d of composerSupport.parse(text, '/x/composer.json').declarations) assert.ok(d.nameSpan.end <= text.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('composer.lock', () => {
  it('reads several license entries as a choice and maps proprietary to no license granted', () => {
    assert.equal(composerLicenseExpression(['LGPL-2.1-only', 'GPL-3.0-or-later']), 'LGPL-2.1-only OR GPL-3.0-or-later');
    assert.equal(composerLicenseExpression(['MIT', 'Apache-2.0 WITH LLVM-exception']), 'MIT OR (Apache-2.0 WITH LLVM-exception)');
    assert.equal(composerLicenseExpression('proprietary'), 'UNLICENSED');
    assert.equal(composerLicenseExpression([]), undefined);
    assert.equal(composerLicenseExpression([3, '']), undefined);
  });

  it('drops the v of tags and reports a lock it cannot read', () => {
    const lock = readComposerLock(context().files.readText(path.join(SHOP, 'composer.lock')));
    assert.equal(lock.packages.get('symfony/http-client')?.version, '7.0.3');
    assert.equal(lock.packages.get('phpunit/phpunit')?.dev, true);
    assert.match(readComposerLock('{"packages": [').problem ?? '', /could not be read/);
    assert.equal(readComposerLock('[1, 2]').problem, 'composer.lock is not a JSON object');
  });
});

describe('Composer dependency resolution', () => {
  const ctx = context();
  const resolver = composerSupport.createResolver(MANIFEST, ctx);
  const resolved = new Map(composerSupport.parse(ctx.files.readText(MANIFEST)!, MANIFEST).declarations.map((d) => [d.name, resolver.resolve(d)]));
  const get = (name: string) => resolved.get(name)!;

  it('takes the license from composer.lock first', () => {
    assert.equal(license(get('monolog/monolog').pkg.license), 'MIT (lockfile composer.lock)');
    assert.equal(license(get('wikimedia/less.php').pkg.license), 'Apache-2.0 OR MIT (lockfile composer.lock)');
    assert.equal(get('monolog/monolog').pkg.version, '3.5.0');
  });

  it('falls back to the installed composer.json, then to license files in vendor/', () => {
    assert.equal(license(get('acme/billing').pkg.license), 'UNLICENSED (installed vendor/acme/billing/composer.json)');
    assert.equal(license(get('acme/pdf').pkg.license), 'MIT (license-text vendor/acme/pdf/LICENSE)');
  });

  it('matches names case-insensitively and reports the name the lock spells', () => {
    const client = get('Symfony/HTTP-Client');
    assert.equal(client.pkg.name, 'symfony/http-client');
    assert.equal(client.pkg.version, '7.0.3');
  });

  it('follows require through the lock, leading a replaced package to its replacement', () => {
    assert.deepEqual(get('Symfony/HTTP-Client').transitive.map((t) => t.chain.join(' > ')), [
      'symfony/http-client > psr/log',
      'symfony/http-client > symfony/http-client-contracts',
      'symfony/http-client > symfony/polyfill',
    ]);
  });

  it('leaves out requirements nothing in the lock satisfies', () => {
    assert.deepEqual(get('guzzlehttp/guzzle').transitive.map((t) => `${t.chain.join(' > ')}@${t.pkg.version}`), [
      'guzzlehttp/guzzle > guzzlehttp/psr7@2.6.2',
      'guzzlehttp/guzzle > guzzlehttp/psr7 > psr/http-message@2.0',
    ]);
  });

  it('resolves dev requirements from packages-dev', () => {
    const phpunit = get('phpunit/phpunit');
    assert.equal(license(phpunit.pkg.license), 'BSD-3-Clause (lockfile composer.lock)');
    assert.deepEqual(phpunit.transitive.map((t) => t.pkg.name), ['sebastian/diff']);
  });

  it('says where it looked when a package is neither locked nor installed', () => {
    const declaration = parseComposerJson('{"require": {"acme/gone": "^1"}}').declarations[0];
    assert.deepEqual(resolver.resolve(declaration).pkg.license, {
      kind: 'none',
      searched: [path.join(SHOP, 'composer.lock'), path.join(SHOP, 'vendor/acme/gone/composer.json'), path.join(SHOP, 'vendor/acme/gone')],
    });
  });
});
