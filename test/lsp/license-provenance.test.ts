import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

/**
 * A virtual environment holding the metadata of real packages as installed (requests, Babel, python-apt): the
 * free-text `License` fields are what the hover explains.
 */
describe('hover on dependencies with free-text license metadata', () => {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient | undefined;
  let requirements: string;

  beforeEach(async () => {
    workspace = copyFixture('workspaces/python-free-text-licenses');
    requirements = path.join(workspace.root, 'requirements.txt');
    client = new LspTestClient({ root: workspace.root });
    await client.start();
    client.open(requirements, fs.readFileSync(requirements, 'utf8'), 'pip-requirements');
  });

  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  async function hoverOn(name: string): Promise<string | undefined> {
    const line = fs.readFileSync(requirements, 'utf8').split('\n').findIndex((l) => l.startsWith(name));
    const hover = (await client!.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: LspTestClient.uri(requirements) },
      position: { line, character: 1 },
    })) as { contents: { value: string } } | null;
    return hover?.contents.value;
  }

  it('says what an allowed license was mapped from', async () => {
    const diagnostics = await client!.diagnosticsFor(requirements, (d) => d.length > 0);
    assert.ok(!diagnostics.some((d) => d.range.start.line === 0), 'requests has no finding: Apache-2.0 is allowed');
    const hover = await hoverOn('requests');
    assert.ok(hover, 'a dependency without findings still has a hover');
    assert.match(hover, /^`requests@2\.28\.1` · `pkg:pypi\/requests`/);
    assert.match(hover, /\*\*Allowed\*\*/);
    assert.match(hover, /\*\*License:\*\* Apache-2\.0 — from installed \.venv\/lib\/python3\.11\/site-packages\/requests-2\.28\.1\.dist-info\/METADATA, mapped from "Apache 2\.0"/);
    assert.match(hover, /\*\*Why:\*\* Apache-2\.0 is in licenses\.allow/);
  });

  it('says a family statement passes because every variant is allowed', async () => {
    await client!.diagnosticsFor(requirements, (d) => d.length > 0);
    const hover = await hoverOn('babel');
    assert.match(hover ?? '', /"BSD" names the BSD family, not the variant/);
    assert.match(hover ?? '', /variant not stated; every BSD variant is allowed here/);
  });

  it('judges "GNU GPL" as the GPL family, not as an unknown license', async () => {
    const diagnostics = await client!.diagnosticsFor(requirements, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['license-needs-approval', 2]]);
    assert.equal(diagnostics[0].message, 'python-apt: GNU GPL needs approval');
    const hover = (await hoverOn('python-apt')) ?? '';
    assert.match(hover, /`license-needs-approval`/);
    assert.match(hover, /"GNU GPL" names the GPL family, not the variant/);
    assert.match(hover, /variant not stated; every GPL variant needs approval here/);
  });
});
