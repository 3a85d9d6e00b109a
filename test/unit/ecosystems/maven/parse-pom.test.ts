import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { mavenSupport, parsePom, type MavenDependencyDeclaration } from '../../../../server/src/ecosystems/maven';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/maven');

function rows(text: string) {
  return parsePom(text).declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end), d.group, d.versionSpec ?? null]);
}

describe('pom.xml declarations', () => {
  it('puts each dependency on its <artifactId> text, with the scope as its group and plugins skipped', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'multi-module/orders/pom.xml'), 'utf8');
    assert.deepEqual(rows(text), [
      ['org.apache.commons:commons-text', 'commons-text', 'compile', null],
      ['com.google.guava:guava', 'guava', 'compile', '${guava.version}'],
      ['io.netty:netty-buffer', 'netty-buffer', 'compile', null],
      ['com.acme.shop:catalog-client', 'catalog-client', 'compile', '4.2.0'],
      ['jakarta.servlet:jakarta.servlet-api', 'jakarta.servlet-api', 'provided', '6.0.0'],
      ['ch.qos.logback:logback-classic', 'logback-classic', 'runtime', '1.4.14'],
      ['org.bouncycastle:bcprov-jdk18on', 'bcprov-jdk18on', 'compile', '1.77'],
      ['org.postgresql:postgresql', 'postgresql', 'compile', '[42.7,43.0)'],
      ['org.junit.jupiter:junit-jupiter', 'junit-jupiter', 'test', '5.10.1'],
    ]);
  });

  it('declares a BOM imported in <dependencyManagement> under the import scope, but not other managed entries', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'multi-module/pom.xml'), 'utf8');
    assert.deepEqual(rows(text), [['com.acme.bom:acme-bom', 'acme-bom', 'import', '3.0.0']]);
  });

  it('fills versions from <properties>, ${project.version} and its own <dependencyManagement>', () => {
    const text = `<project><groupId>g</groupId><artifactId>a</artifactId><version>7.1</version>
      <properties><lib.version>2.5</lib.version><nested>\${lib.version}-b</nested></properties>
      <dependencyManagement><dependencies><dependency><groupId>x</groupId><artifactId>managed</artifactId><version>\${nested}</version></dependency></dependencies></dependencyManagement>
      <dependencies>
        <dependency><groupId>x</groupId><artifactId>prop</artifactId><version>\${lib.version}</version></dependency>
        <dependency><groupId>g</groupId><artifactId>sibling</artifactId><version>\${project.version}</version></dependency>
        <dependency><groupId>x</groupId><artifactId>managed</artifactId></dependency>
        <dependency><groupId>\${project.groupId}</groupId><artifactId>own-group</artifactId><version>1</version></dependency>
      </dependencies></project>`;
    assert.deepEqual(rows(text), [
      ['x:prop', 'prop', 'compile', '2.5'],
      ['g:sibling', 'sibling', 'compile', '7.1'],
      ['x:managed', 'managed', 'compile', '2.5-b'],
      ['g:own-group', 'own-group', 'compile', '1'],
    ]);
  });

  it('keeps the exclusions of a declaration for the resolver', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'multi-module/orders/pom.xml'), 'utf8');
    const guava = parsePom(text).declarations.find((d) => d.name === 'com.google.guava:guava') as MavenDependencyDeclaration;
    assert.deepEqual(guava.exclusions, ['org.checkerframework:checker-qual']);
  });

  it('leaves a property reference that cannot be resolved as written, and stops on a reference cycle', () => {
    const text = '<project><properties><a>${b}</a><b>${a}</b></properties><dependencies><dependency><groupId>g</groupId><artifactId>x</artifactId><version>${a}</version></dependency><dependency><groupId>g</groupId><artifactId>y</artifactId><version>${revision}</version></dependency></dependencies></project>';
    assert.deepEqual(rows(text), [
      ['g:x', 'x', 'compile', '${a}'],
      ['g:y', 'y', 'compile', '${revision}'],
    ]);
  });

  it('still declares the finished dependencies of a half-typed POM and reports where it broke', () => {
    const text = '<project>\n <dependencies>\n  <dependency><groupId>org.a</groupId><artifactId>done</artifactId><version>1.0</version></dependency>\n  <dependency><groupId>org.b</groupId><artifactId>typ';
    const parsed = parsePom(text);
    assert.deepEqual(parsed.declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end)]), [['org.a:done', 'done']]);
    assert.ok(parsed.problems.length > 0);
    assert.ok(parsed.problems.every((p) => p.message.startsWith('pom.xml: ') && p.span.start >= 0 && p.span.end <= text.length));
  });

  it('skips an artifactId still being typed inside an otherwise closed dependency', () => {
    const text = '<project><dependencies><dependency><groupId>org.b</groupId><artifactId>jack</dependency><dependency><groupId>org.c</groupId><artifactId>kept</artifactId></dependency></dependencies></project>';
    assert.deepEqual(rows(text), [['org.c:kept', 'kept', 'compile', null]]);
  });

  it('skips a dependency whose artifactId is still empty', () => {
    assert.deepEqual(rows('<project><dependencies><dependency><groupId>org.a</groupId><artifactId></artifactId></dependency></dependencies></project>'), []);
  });

  it('reports a document whose root is not <project>', () => {
    const parsed = parsePom('<settings><dependencies/></settings>');
    assert.deepEqual(parsed.declarations, []);
    assert.deepEqual(parsed.problems.map((p) => p.message), ['pom.xml: the root element of a POM must be <project>']);
  });

  it('is the manifest for pom.xml only', () => {
    assert.equal(mavenSupport.isManifest('pom.xml'), true);
    assert.equal(mavenSupport.isManifest('acme-bom-3.0.0.pom'), false);
  });

  it('never throws and keeps every name span inside the text, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void parsePom(text)), { numRuns: 300 });
    const pieces = fc.constantFrom('<project>', '</project>', '<dependencies>', '</dependencies>', '<dependency>', '</dependency>', '<groupId>g</groupId>', '<artifactId>', '</artifactId>', 'x', '${', '}', '&#x110000;', '&amp;', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<a b="', "'", '/>', '\n');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        for (const d of parsePom(text).declarations) assert.ok(d.nameSpan.start >= 0 && d.nameSpan.end <= text.length && d.nameSpan.start < d.nameSpan.end);
      }),
      { numRuns: 300 },
    );
  });
});
