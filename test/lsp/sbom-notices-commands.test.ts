import * as assert from 'node:assert/strict';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

describe('SBOM and notices commands of the language server', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  const execute = <T>(command: string, args?: object) => client.connection.sendRequest('workspace/executeCommand', { command, arguments: args ? [args] : [] }) as Promise<T>;

  beforeEach(async () => {
    workspace = copyFixture('workspaces/notices');
    client = new LspTestClient({ root: workspace.root });
    await client.start();
  });
  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  it('exports the last audit as CycloneDX and SPDX, so the client saves the server\'s document as is', async () => {
    assert.deepEqual(await execute('ospo.server.exportReport', { format: 'cyclonedx' }), { error: 'run an audit first' });
    await execute('ospo.server.audit');
    const cdx = await execute<{ format: string; content: string }>('ospo.server.exportReport', { format: 'cyclonedx' });
    assert.equal(cdx.format, 'cyclonedx');
    const bom = JSON.parse(cdx.content) as { specVersion: string; components: Array<{ purl: string; scope: string }> };
    assert.equal(bom.specVersion, '1.6');
    assert.deepEqual(
      bom.components.map((c) => `${c.purl} ${c.scope}`),
      ['pkg:npm/apache-with-notice@2.1.0 required', 'pkg:npm/dev-only@5.0.0 optional', 'pkg:npm/mit-with-license@1.0.0 required', 'pkg:npm/no-license-file@0.3.0 required', 'pkg:npm/unknown-lic@1.0.0 required'],
    );
    const spdx = await execute<{ format: string; content: string }>('ospo.server.exportReport', { format: 'spdx' });
    assert.equal((JSON.parse(spdx.content) as { spdxVersion: string }).spdxVersion, 'SPDX-2.3');
  });

  it('generates the notices of the shipped packages', async () => {
    const result = await execute<{ content: string; packages: number; attention: string[] }>('ospo.server.notices', { format: 'text' });
    assert.equal(result.packages, 3);
    assert.deepEqual(result.attention, ['unknown-lic']);
    assert.match(result.content, /^THIRD-PARTY SOFTWARE NOTICES$/m);
    assert.match(result.content, /--- NOTICE \(NOTICE, reproduced verbatim\) ---\n\nApache Widget\n/);
    // The command's declaration checks its params where they enter the server.
    await assert.rejects(execute('ospo.server.notices', { format: 'html' }), /arguments\[0\]\.format must be one of "text", "markdown"/);
  });
});
