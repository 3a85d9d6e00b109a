import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import Ajv from 'ajv';
import { CLI } from './support/run-cli';

const NPM_PROJECT = path.resolve(__dirname, '../fixtures/workspaces/notices');
const ECOSYSTEMS = path.resolve(__dirname, '../fixtures/ecosystems');
const SPDX_SCHEMA = path.resolve(__dirname, '../fixtures/schemas/spdx-2.3.schema.json');
/** The package caches of every ecosystem point into the fixtures, as a developer's machine would have them. */
const CACHES = {
  GOMODCACHE: path.join(ECOSYSTEMS, 'golang/gomodcache'),
  CARGO_HOME: path.join(ECOSYSTEMS, 'cargo/cargo-home'),
  MAVEN_REPO_LOCAL: path.join(ECOSYSTEMS, 'maven/m2'),
  NUGET_PACKAGES: path.join(ECOSYSTEMS, 'nuget/nuget-packages'),
};

interface CdxComponent {
  'bom-ref': string;
  name: string;
  version?: string;
  purl: string;
  scope: 'required' | 'optional';
  licenses?: Array<{ expression?: string; license?: { name?: string; id?: string } }>;
  properties: Array<{ name: string; value: string }>;
}
interface CdxBom {
  specVersion: string;
  serialNumber: string;
  metadata: { timestamp: string; component: { 'bom-ref': string } };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}
interface SpdxDoc {
  spdxVersion: string;
  creationInfo: { created: string };
  packages: Array<{ SPDXID: string; name: string; versionInfo?: string; licenseDeclared: string; licenseComments: string; externalRefs: Array<{ referenceType: string; referenceLocator: string }> }>;
  relationships: Array<{ spdxElementId: string; relationshipType: string; relatedSpdxElement: string }>;
  hasExtractedLicensingInfos?: Array<{ licenseId: string; name: string }>;
}

function audit(dir: string, format: 'cyclonedx' | 'spdx', env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, [CLI, 'audit', dir, '--format', format, '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, ...CACHES, ...env } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

async function assertValidCycloneDx(text: string): Promise<void> {
  const error = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text);
  assert.equal(error, null, JSON.stringify(error, null, 2)?.slice(0, 2000));
}

function assertValidSpdx(text: string): void {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(SPDX_SCHEMA, 'utf8')) as object);
  assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 2)?.slice(0, 2000));
}

/** Reads a CycloneDX document back as a consumer would: every edge names a component, every component is reachable from the root. */
function cycloneDxGraph(bom: CdxBom): Map<string, string[]> {
  const refs = new Set(bom.components.map((c) => c['bom-ref']));
  const root = bom.metadata.component['bom-ref'];
  const graph = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
  for (const [ref, children] of graph) {
    assert.ok(ref === root || refs.has(ref), `dependency entry ${ref} is a component`);
    for (const child of children) assert.ok(refs.has(child), `${ref} depends on the known component ${child}`);
  }
  const reached = new Set<string>();
  const queue = [root];
  while (queue.length) {
    for (const child of graph.get(queue.shift()!) ?? []) {
      if (reached.has(child)) continue;
      reached.add(child);
      queue.push(child);
    }
  }
  assert.deepEqual([...refs].filter((r) => !reached.has(r)), [], 'every component is reachable from the project');
  return graph;
}

describe('SBOM export', function () {
  this.timeout(60_000);

  it('writes a CycloneDX 1.6 SBOM with scopes, licenses, their sources and the graph, valid against the schema', async () => {
    const text = audit(NPM_PROJECT, 'cyclonedx');
    await assertValidCycloneDx(text);
    const bom = JSON.parse(text) as CdxBom;
    assert.equal(bom.specVersion, '1.6');
    const byName = new Map(bom.components.map((c) => [c.name, c]));
    assert.deepEqual([...byName.keys()].sort(), ['apache-with-notice', 'dev-only', 'mit-with-license', 'no-license-file', 'unknown-lic']);
    const apache = byName.get('apache-with-notice')!;
    assert.equal(apache.purl, 'pkg:npm/apache-with-notice@2.1.0');
    assert.equal(apache.version, '2.1.0');
    // Brought in by a runtime dependency, so it ships.
    assert.equal(apache.scope, 'required');
    assert.deepEqual(apache.licenses, [{ expression: 'Apache-2.0' }]);
    assert.deepEqual(apache.properties.find((p) => p.name === 'ospo-guide:license:source'), { name: 'ospo-guide:license:source', value: 'from package-lock.json' });
    assert.equal(byName.get('dev-only')!.scope, 'optional');
    assert.equal(byName.get('unknown-lic')!.licenses, undefined);

    const graph = cycloneDxGraph(bom);
    assert.deepEqual(graph.get(bom.metadata.component['bom-ref']), ['pkg:npm/dev-only@5.0.0', 'pkg:npm/mit-with-license@1.0.0', 'pkg:npm/no-license-file@0.3.0', 'pkg:npm/unknown-lic@1.0.0']);
    assert.deepEqual(graph.get('pkg:npm/mit-with-license@1.0.0'), ['pkg:npm/apache-with-notice@2.1.0']);
  });

  it('writes an SPDX 2.3 SBOM valid against the official schema, with dev dependencies as DEV_DEPENDENCY_OF', () => {
    const text = audit(NPM_PROJECT, 'spdx');
    assertValidSpdx(text);
    const doc = JSON.parse(text) as SpdxDoc;
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    const id = (name: string) => doc.packages.find((p) => p.name === name)!.SPDXID;
    const has = (from: string, type: string, to: string) => doc.relationships.some((r) => r.spdxElementId === from && r.relationshipType === type && r.relatedSpdxElement === to);
    assert.ok(has('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-Root'));
    assert.ok(has('SPDXRef-Root', 'DEPENDS_ON', id('mit-with-license')));
    assert.ok(has(id('mit-with-license'), 'DEPENDS_ON', id('apache-with-notice')));
    assert.ok(has(id('dev-only'), 'DEV_DEPENDENCY_OF', 'SPDXRef-Root'));
    const apache = doc.packages.find((p) => p.name === 'apache-with-notice')!;
    assert.equal(apache.versionInfo, '2.1.0');
    assert.equal(apache.licenseDeclared, 'Apache-2.0');
    assert.equal(apache.licenseComments, 'License source: from package-lock.json');
    assert.deepEqual(apache.externalRefs.map((r) => [r.referenceType, r.referenceLocator]), [['purl', 'pkg:npm/apache-with-notice@2.1.0']]);
    assert.equal(doc.packages.find((p) => p.name === 'unknown-lic')!.licenseDeclared, 'NOASSERTION');
    // Read back: every relationship names a package of the document.
    const ids = new Set(['SPDXRef-DOCUMENT', ...doc.packages.map((p) => p.SPDXID)]);
    for (const r of doc.relationships) assert.ok(ids.has(r.spdxElementId) && ids.has(r.relatedSpdxElement), JSON.stringify(r));
  });

  it('lists the packages of every ecosystem, naming licenses that are not SPDX expressions', async () => {
    const cdxText = audit(ECOSYSTEMS, 'cyclonedx');
    await assertValidCycloneDx(cdxText);
    const bom = JSON.parse(cdxText) as CdxBom;
    const types = new Set(bom.components.map((c) => /^pkg:([a-z]+)\//.exec(c.purl)![1]));
    assert.deepEqual([...types].sort(), ['cargo', 'composer', 'gem', 'golang', 'maven', 'nuget', 'pypi']);
    cycloneDxGraph(bom);
    const named = bom.components.filter((c) => c.licenses?.[0]?.license?.name !== undefined);
    assert.ok(named.length > 0, 'some fixture package states a license that is not SPDX');

    const spdxText = audit(ECOSYSTEMS, 'spdx');
    assertValidSpdx(spdxText);
    const doc = JSON.parse(spdxText) as SpdxDoc;
    assert.equal(doc.packages.length, bom.components.length + 1);
    const refs = new Set((doc.hasExtractedLicensingInfos ?? []).map((l) => l.licenseId));
    for (const c of named) {
      const pkg = doc.packages.find((p) => p.externalRefs[0]?.referenceLocator === c.purl)!;
      assert.ok(refs.has(pkg.licenseDeclared), `${c.name}: ${pkg.licenseDeclared} is declared in hasExtractedLicensingInfos`);
    }
  });

  it('gives byte-identical documents under SOURCE_DATE_EPOCH and writes them with --output', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    for (const format of ['cyclonedx', 'spdx'] as const) {
      const first = audit(NPM_PROJECT, format, env);
      assert.equal(audit(NPM_PROJECT, format, env), first, `${format} is reproducible`);
      assert.match(first, /2023-11-14T22:13:20/);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-sbom-'));
    try {
      const target = path.join(dir, 'bom.cdx.json');
      const result = spawnSync(process.execPath, [CLI, 'audit', NPM_PROJECT, '--format', 'cyclonedx', '--output', target, '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, ...env } });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(fs.readFileSync(target, 'utf8'), audit(NPM_PROJECT, 'cyclonedx', env));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
