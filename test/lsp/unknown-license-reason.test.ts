import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient } from './support/lsp-test-client';
import { unknownLicenseProject } from './support/unknown-license-project';

describe('license-unknown says why', function () {
  let root: string;
  let client: LspTestClient | undefined;
  beforeEach(() => (root = unknownLicenseProject()));
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('tells a dependency that is not installed from one installed without license metadata, in the diagnostic and the hover', async () => {
    client = new LspTestClient({ root });
    await client.start();
    const manifest = path.join(root, 'package.json');
    const text = fs.readFileSync(manifest, 'utf8');
    client.open(manifest, text);
    const diagnostics = await client.diagnosticsFor(manifest, (d) => d.length === 3);
    const byName = new Map(diagnostics.map((d) => [d.message.slice(0, d.message.indexOf(':')), d]));
    assert.deepEqual([...byName.values()].map((d) => d.code), ['license-unknown', 'license-unknown', 'license-unknown']);
    assert.equal(byName.get('ghost-pkg')!.message, 'ghost-pkg: license unknown: not installed');
    assert.equal(byName.get('bare-pkg')!.message, 'bare-pkg: license unknown: its metadata names no license');
    assert.match(byName.get('odd-pkg')!.message, /^odd-pkg: license "Acme Community License" is not one we know/);

    const hover = async (name: string) => {
      const line = text.split('\n').findIndex((l) => l.includes(`"${name}"`));
      const result = (await client!.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: LspTestClient.uri(manifest) },
        position: { line, character: text.split('\n')[line].indexOf(name) + 1 },
      })) as { contents: { value: string } } | null;
      return result?.contents.value ?? '';
    };
    assert.match(await hover('ghost-pkg'), /Not installed, so nothing on this machine states its license: install the dependencies, or enable ospo\.onlineLookup/);
    assert.match(await hover('bare-pkg'), /Installed \(node\\_modules\/bare-pkg\/package\.json\), but its metadata names no license/);
    assert.match(await hover('odd-pkg'), /Its metadata says "Acme Community License" \(from installed node\\_modules\/odd-pkg\/package\.json\), which names no license we know/);
  });
});
