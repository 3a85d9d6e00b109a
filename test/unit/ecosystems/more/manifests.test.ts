import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { composerSupport } from '../../../../server/src/ecosystems/composer';
import type { EcosystemSupport } from '../../../../server/src/ecosystems/ecosystem';
import { gemSupport } from '../../../../server/src/ecosystems/gem';
import { mavenSupport } from '../../../../server/src/ecosystems/maven';
import { nugetSupport } from '../../../../server/src/ecosystems/nuget';
import { scanXml } from '../../../../server/src/formats/xml-scanner';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import { spdxForLicenseName } from '../../../../server/src/licenses/license-names';
import { readDeclared } from '../../../support/license-reading';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems');

function declarations(support: EcosystemSupport, file: string) {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = support.parse(text, file);
  return { text, parsed, names: parsed.declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end), d.group, d.versionSpec ?? null]) };
}

function resolveAll(support: EcosystemSupport, file: string, env: Record<string, string> = {}) {
  const resolver = support.createResolver(file, { files: new CachingFileSource(), env, homeDir: '/nonexistent-home' });
  return support.parse(fs.readFileSync(file, 'utf8'), file).declarations.map((d) => resolver.resolve(d));
}

const license = (e: { kind: string; expression?: string; text?: string }) => (e.kind === 'declared' ? readDeclared(e.expression!) : e.kind === 'custom' ? `custom:${e.text}` : 'none');

describe('Composer', () => {
  const file = path.join(FIXTURES, 'composer/app/composer.json');
  it('reads require and require-dev, skipping the platform, with exact name spans', () => {
    const { names } = declarations(composerSupport, file);
    assert.deepEqual(names, [
      ['monolog/monolog', 'monolog/monolog', 'require', '^3.5'],
      ['symfony/console', 'symfony/console', 'require', '^7.0'],
      ['acme/legacy-helper', 'acme/legacy-helper', 'require', '^1.2'],
      ['gpl/reporting', 'gpl/reporting', 'require', '^2.0'],
      ['phpunit/phpunit', 'phpunit/phpunit', 'require-dev', '^10.5'],
    ]);
  });
  it('takes licenses from composer.lock (several mean OR), then vendor/, and follows require', () => {
    const [monolog, , legacy, gpl] = resolveAll(composerSupport, file);
    assert.equal(license(monolog.pkg.license), 'MIT');
    assert.deepEqual(monolog.transitive.map((t) => t.chain.join(' > ')), ['monolog/monolog > psr/log']);
    assert.equal(license(legacy.pkg.license), 'Apache-2.0');
    assert.equal(legacy.pkg.license.kind === 'declared' && legacy.pkg.license.source.kind, 'installed');
    assert.equal(license(gpl.pkg.license), 'LGPL-2.1-only OR GPL-3.0-or-later');
  });
});

describe('RubyGems', () => {
  const file = path.join(FIXTURES, 'gem/app/Gemfile');
  it('reads gem lines with groups from blocks and options, skipping path gems', () => {
    const { names } = declarations(gemSupport, file);
    assert.deepEqual(names, [
      ['rails', 'rails', 'default', '~> 7.1.3'],
      ['pg', 'pg', 'default', '~> 1.5'],
      ['sidekiq', 'sidekiq', 'default', null],
      ['rspec-rails', 'rspec-rails', 'development,test', '~> 6.1'],
      ['debug', 'debug', 'development,test', null],
      ['rubocop', 'rubocop', 'development', null],
    ]);
  });
  it('takes versions and the graph from Gemfile.lock and licenses from installed specifications', () => {
    const [rails, pg, sidekiq] = resolveAll(gemSupport, file);
    assert.equal(rails.pkg.version, '7.1.3');
    assert.deepEqual(rails.transitive.map((t) => t.chain.join(' > ')), ['rails > activesupport', 'rails > activesupport > concurrent-ruby', 'rails > activesupport > i18n']);
    assert.equal(license(pg.pkg.license), 'BSD-2-Clause OR Ruby');
    assert.equal(license(sidekiq.pkg.license), 'LGPL-3.0-only');
  });
});

describe('Maven', () => {
  const file = path.join(FIXTURES, 'maven/app/pom.xml');
  it('reads dependencies with the artifactId span, versions from properties and dependencyManagement', () => {
    const { names } = declarations(mavenSupport, file);
    assert.deepEqual(names, [
      ['com.fasterxml.jackson.core:jackson-databind', 'jackson-databind', 'compile', '2.16.1'],
      ['org.slf4j:slf4j-api', 'slf4j-api', 'compile', '2.0.11'],
      ['org.hibernate.orm:hibernate-core', 'hibernate-core', 'compile', '6.4.2.Final'],
      ['com.acme.internal:pricing-rules', 'pricing-rules', 'compile', '1.0.0'],
      ['org.junit.jupiter:junit-jupiter', 'junit-jupiter', 'test', '5.10.1'],
    ]);
  });
  it('maps POM license names and URLs to SPDX, follows parent POMs and compile dependencies', () => {
    const [jackson, slf4j, hibernate, internal] = resolveAll(mavenSupport, file, { MAVEN_REPO_LOCAL: path.join(FIXTURES, 'maven/m2') });
    assert.equal(license(jackson.pkg.license), 'Apache-2.0');
    assert.ok(jackson.pkg.license.kind === 'declared' && jackson.pkg.license.source.kind === 'installed' && jackson.pkg.license.source.path.includes('jackson-base'));
    assert.deepEqual(jackson.transitive.map((t) => `${t.chain.join(' > ')}@${t.pkg.version}`), ['com.fasterxml.jackson.core:jackson-databind > com.fasterxml.jackson.core:jackson-core@2.16.1']);
    assert.equal(license(slf4j.pkg.license), 'MIT');
    assert.equal(license(hibernate.pkg.license), 'LGPL-2.1-or-later');
    assert.deepEqual(hibernate.transitive.map((t) => license(t.pkg.license)), ['EPL-2.0 OR BSD-3-Clause'], 'optional dependencies are not pulled in');
    assert.equal(internal.pkg.license.kind, 'none');
  });
  it('maps common license names without guessing', () => {
    assert.equal(spdxForLicenseName('The Apache Software License, Version 2.0', undefined), 'Apache-2.0');
    assert.equal(spdxForLicenseName(undefined, 'https://licenses.nuget.org/MIT'), 'MIT');
    assert.equal(spdxForLicenseName('BSD', undefined), undefined);
    assert.equal(spdxForLicenseName('Some Company License', 'https://example.org/license'), undefined);
  });
});

describe('NuGet', () => {
  it('reads PackageReference attributes and child Version elements, with central versions', () => {
    const file = path.join(FIXTURES, 'nuget/src/Acme.Orders/Acme.Orders.csproj');
    const { names } = declarations(nugetSupport, file);
    assert.deepEqual(names, [
      ['Newtonsoft.Json', 'Newtonsoft.Json', 'reference', '13.0.3'],
      ['Serilog', 'Serilog', 'reference', null],
      ['iTextSharp', 'iTextSharp', 'reference', null],
      ['Acme.Legacy', 'Acme.Legacy', 'reference', '2.0.0'],
    ]);
    const [json, serilog, itext, legacy] = resolveAll(nugetSupport, file, { NUGET_PACKAGES: path.join(FIXTURES, 'nuget/nuget-packages') });
    assert.equal(license(json.pkg.license), 'MIT');
    assert.equal(serilog.pkg.version, '3.1.1', 'from Directory.Packages.props');
    assert.deepEqual(serilog.transitive.map((t) => [t.pkg.name, license(t.pkg.license)]), [['Serilog.Formatting.Compact', 'Apache-2.0']]);
    assert.equal(license(itext.pkg.license), 'AGPL-3.0-only');
    assert.equal(license(legacy.pkg.license), 'BSD-3-Clause');
    assert.equal(legacy.pkg.license.kind === 'declared' && legacy.pkg.license.source.kind, 'license-text');
  });
});

describe('tolerant parsing', () => {
  it('reads what it can of broken XML and reports where it broke', () => {
    const doc = scanXml('<project><dependencies><dependency><artifactId>x</artifactId>');
    assert.equal(doc.root?.name, 'project');
    assert.ok(doc.problems.length > 0);
    assert.equal(scanXml('<a b="1 &amp; 2">x &lt; y<![CDATA[<z>]]></a>').root?.text, 'x < y<z>');
  });
  it('never throws on arbitrary text', () => {
    for (const support of [composerSupport, gemSupport, mavenSupport, nugetSupport]) {
      fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => void support.parse(text, '/x/file')), { numRuns: 200 });
    }
    const pieces = fc.constantFrom('<project>', '</project>', '<dependency>', '<artifactId>', '</artifactId>', 'a', '<!--', '-->', '<![CDATA[', ']]>', '"', '<?xml ?>', '<x y="', '/>', '\n');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      for (const d of mavenSupport.parse(text, '/x/pom.xml').declarations) assert.ok(d.nameSpan.start >= 0 && d.nameSpan.end <= text.length);
    }));
  });
});
