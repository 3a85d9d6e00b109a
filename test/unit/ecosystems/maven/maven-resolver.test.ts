import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { mavenSupport } from '../../../../server/src/ecosystems/maven';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import { readEvidence } from '../../../support/license-reading';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/maven');
const HOME = path.join(FIXTURES, 'home');
const REPOSITORY = path.join(HOME, '.m2', 'repository');
const ORDERS = path.join(FIXTURES, 'multi-module', 'orders', 'pom.xml');

function context(env: Record<string, string | undefined> = {}, homeDir = HOME): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir };
}

function resolveAll(manifest: string, ctx: ResolveContext = context()) {
  const declarations = mavenSupport.parse(ctx.files.readText(manifest)!, manifest).declarations;
  const resolver = mavenSupport.createResolver(manifest, ctx);
  return new Map(declarations.map((d) => [d.name, resolver.resolve(d)]));
}

/** What the evidence reads as: POM license names are kept as written and mapped when read. */
function license(evidence: LicenseEvidence): string {
  return readEvidence(evidence);
}

function sourcePath(evidence: LicenseEvidence): string | undefined {
  return evidence.kind === 'none' ? undefined : 'path' in evidence.source ? evidence.source.path : undefined;
}

const pomIn = (...parts: string[]) => path.join(REPOSITORY, ...parts);

describe('Maven dependency resolution', () => {
  const resolved = resolveAll(ORDERS);
  const get = (name: string) => {
    const found = resolved.get(name);
    assert.ok(found, `${name} is resolved`);
    return found;
  };

  it('completes a version-less dependency from the dependencyManagement of the parent POM in the workspace', () => {
    const { pkg } = get('org.apache.commons:commons-text');
    assert.equal(pkg.version, '1.11.0');
    assert.equal(pkg.purl, 'pkg:maven/org.apache.commons/commons-text');
  });

  it("fills ${property} versions from the workspace parent's properties", () => {
    assert.equal(get('com.google.guava:guava').pkg.version, '33.0.0-jre');
  });

  it('takes a version from a BOM the parent imports', () => {
    assert.equal(get('io.netty:netty-buffer').pkg.version, '4.1.107.Final');
  });

  it('finds the license in the parent POM of the cached artifact and names that POM as the source', () => {
    const { license: evidence } = get('org.apache.commons:commons-text').pkg;
    assert.equal(license(evidence), 'Apache-2.0');
    assert.equal(evidence.kind === 'declared' && evidence.source.kind, 'installed');
    assert.equal(sourcePath(evidence), pomIn('org', 'apache', 'commons', 'commons-parent', '66', 'commons-parent-66.pom'));
  });

  it("uses the artifact's own POM when it states licenses", () => {
    const { license: evidence } = get('io.netty:netty-buffer').pkg;
    assert.equal(license(evidence), 'Apache-2.0');
    assert.equal(sourcePath(evidence), pomIn('io', 'netty', 'netty-buffer', '4.1.107.Final', 'netty-buffer-4.1.107.Final.pom'));
  });

  it('reads several <license> entries as a choice (OR), each mapped to SPDX', () => {
    assert.equal(license(get('jakarta.servlet:jakarta.servlet-api').pkg.license), 'EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0');
  });

  it('reports a license name and URL that map to no SPDX id as custom, with both shown', () => {
    assert.equal(license(get('org.bouncycastle:bcprov-jdk18on').pkg.license), 'custom: Bouncy Castle Licence (https://www.bouncycastle.org/licence.html)');
  });

  it('maps a license name without a version by its URL', () => {
    assert.equal(license(get('ch.qos.logback:logback-classic').pkg.license), 'EPL-1.0 OR LGPL-2.1-only');
  });

  it('reads a license named without its version and without a URL as its family', () => {
    const core = get('ch.qos.logback:logback-classic').transitive.find((t) => t.pkg.name === 'ch.qos.logback:logback-core')!;
    assert.equal(license(core.pkg.license), 'family LGPL');
    assert.ok(core.pkg.license.kind === 'declared' && core.pkg.license.expression.includes('GNU Lesser General Public License'), 'the names are kept as written');
  });

  it('follows compile and runtime dependencies of cached POMs, filling their ${property} versions', () => {
    const { transitive } = get('org.apache.commons:commons-text');
    assert.deepEqual(
      transitive.map((t) => [t.chain.join(' > '), t.pkg.version, license(t.pkg.license)]),
      [['org.apache.commons:commons-text > org.apache.commons:commons-lang3', '3.14.0', 'Apache-2.0']],
      'the test-scoped junit-jupiter is not passed on',
    );
  });

  it('leaves out optional dependencies and those the declaration excludes', () => {
    const { transitive } = get('com.google.guava:guava');
    assert.deepEqual(
      transitive.map((t) => [t.pkg.name, t.pkg.version, license(t.pkg.license)]),
      [['com.google.guava:failureaccess', '1.0.2', 'Apache-2.0']],
    );
  });

  it("lets the project's managed versions win over the versions cached POMs ask for", () => {
    const { transitive } = get('io.netty:netty-buffer');
    assert.deepEqual(transitive.map((t) => [t.pkg.name, t.pkg.version]), [['io.netty:netty-common', '4.1.107.Final']]);
  });

  it('walks a dependency cycle once, each artifact by its shortest chain', () => {
    const { transitive } = get('ch.qos.logback:logback-classic');
    assert.deepEqual(
      transitive.map((t) => [t.chain.join(' > '), t.pkg.version]),
      [
        ['ch.qos.logback:logback-classic > ch.qos.logback:logback-core', '1.4.14'],
        ['ch.qos.logback:logback-classic > org.slf4j:slf4j-api', '2.0.7'],
      ],
    );
  });

  it('reports no license, and where it looked, for an artifact missing from the repository', () => {
    const { pkg, transitive } = get('com.acme.shop:catalog-client');
    assert.equal(pkg.version, '4.2.0');
    assert.deepEqual(pkg.license, { kind: 'none', searched: [pomIn('com', 'acme', 'shop', 'catalog-client', '4.2.0', 'catalog-client-4.2.0.pom')] });
    assert.deepEqual(transitive, []);
  });

  it('does not guess a version for a range', () => {
    const { pkg } = get('org.postgresql:postgresql');
    assert.equal(pkg.version, undefined);
    assert.deepEqual(pkg.license, { kind: 'none', searched: [pomIn('org', 'postgresql', 'postgresql')] });
  });

  it('honours MAVEN_REPO_LOCAL over the home folder', () => {
    const withEnv = resolveAll(ORDERS, context({ MAVEN_REPO_LOCAL: REPOSITORY }, path.join(FIXTURES, 'no-such-home')));
    assert.equal(license(withEnv.get('org.apache.commons:commons-text')!.pkg.license), 'Apache-2.0');
    const elsewhere = resolveAll(ORDERS, context({ MAVEN_REPO_LOCAL: path.join(FIXTURES, 'no-such-repository') }));
    assert.equal(elsewhere.get('org.apache.commons:commons-text')!.pkg.license.kind, 'none');
  });

  it('resolves a manifest whose parent is neither in the workspace nor cached with what the POM itself says', () => {
    const ctx = context();
    const manifest = path.join(FIXTURES, 'multi-module', 'orders', 'pom.xml');
    const text = ctx.files.readText(manifest)!.replace('<artifactId>shop-parent</artifactId>', '<artifactId>another-parent</artifactId>');
    const declaration = mavenSupport.parse(text, manifest).declarations.find((d) => d.name === 'jakarta.servlet:jakarta.servlet-api')!;
    assert.equal(mavenSupport.createResolver(manifest, ctx).resolve(declaration).pkg.version, '6.0.0');
  });
});
