import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient } from '../lsp/support/lsp-test-client';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURES = path.resolve(__dirname, '../fixtures/ecosystems');
/** The package caches of every ecosystem point into the fixtures, as a developer's machine would have them. */
const CACHES = {
  GOMODCACHE: path.join(FIXTURES, 'golang/gomodcache'),
  CARGO_HOME: path.join(FIXTURES, 'cargo/cargo-home'),
  MAVEN_REPO_LOCAL: path.join(FIXTURES, 'maven/m2'),
  NUGET_PACKAGES: path.join(FIXTURES, 'nuget/nuget-packages'),
};

function lineOf(file: string, needle: string): number {
  return fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('one audit over every ecosystem', function () {
  it('finds the manifests of all eight ecosystems and points SARIF at the dependency lines', () => {
    const result = spawnSync(process.execPath, [CLI, 'audit', FIXTURES, '--format', 'sarif', '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, ...CACHES } });
    assert.equal(result.status, 0, result.stderr);
    const results = JSON.parse(result.stdout).runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    const at = (uri: string, line: number) => results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === uri && r.locations[0].physicalLocation.region.startLine === line).map((r) => r.ruleId);
    assert.deepEqual(at('composer/app/composer.json', lineOf('composer/app/composer.json', '"gpl/reporting"')), ['license-needs-approval']);
    assert.deepEqual(at('gem/app/Gemfile', lineOf('gem/app/Gemfile', 'gem \'sidekiq\'')), ['license-needs-approval']);
    assert.deepEqual(at('maven/app/pom.xml', lineOf('maven/app/pom.xml', '<artifactId>hibernate-core')), ['license-needs-approval']);
    assert.deepEqual(at('nuget/src/Acme.Orders/Acme.Orders.csproj', lineOf('nuget/src/Acme.Orders/Acme.Orders.csproj', '"iTextSharp"')), ['license-denied']);
    const uris = new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri.split('/')[0]));
    for (const ecosystem of ['composer', 'gem', 'maven', 'nuget', 'pypi', 'cargo']) assert.ok(uris.has(ecosystem), `${ecosystem} has findings: ${[...uris]}`);
  });

  it('reports on the dependency name as you type in pom.xml and go.mod', async () => {
    const client = new LspTestClient({ root: FIXTURES });
    await client.start();
    try {
      const pom = path.join(FIXTURES, 'maven/app/pom.xml');
      const text = fs.readFileSync(pom, 'utf8');
      client.open(pom, text, 'xml');
      // The server inherits no cache settings here: the internal artifact and the uncached ones are unknown.
      const diagnostics = await client.diagnosticsFor(pom, (d) => d.length > 0);
      const internal = diagnostics.find((d) => d.message.startsWith('com.acme.internal:pricing-rules'))!;
      assert.equal(text.split('\n')[internal.range.start.line].slice(internal.range.start.character, internal.range.end.character), 'pricing-rules');
      const gomod = path.join(FIXTURES, 'golang/service/go.mod');
      const goText = fs.readFileSync(gomod, 'utf8');
      client.open(gomod, goText, 'go.mod');
      const goDiagnostics = await client.diagnosticsFor(gomod, (d) => d.length > 0);
      for (const d of goDiagnostics) {
        // On the module path as required; a replaced module's finding names the replacement it resolves to.
        const name = goText.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
        assert.match(name, /^[\w.-]+\.[a-z]+\/[\w./-]+$/);
        assert.ok(d.message.startsWith(name) || new RegExp(`${name.replace(/[.]/g, '\\.')}\\s+=>\\s+${d.message.split(':')[0].replace(/[.]/g, '\\.')}`).test(goText), `${d.message} sits on ${name}`);
      }
    } finally {
      await client.stop();
    }
  });
});
