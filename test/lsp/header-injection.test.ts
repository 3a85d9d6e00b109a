import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

describe('a hostile copyright holder in the policy', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient | undefined;
  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    workspace.dispose();
  });

  it('is policy-invalid at the entry, and no quick fix writes it', async () => {
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    const value = '"Acme\\u2028process.exit(1)"';
    const policy = fs.readFileSync(policyPath, 'utf8').replace('"Acme Inc."', value);
    fs.writeFileSync(policyPath, policy);
    client = new LspTestClient({ root: workspace.root });
    await client.start();

    const problems = await client.diagnosticsFor(policyPath, (d) => d.some((p) => p.code === 'policy-invalid'));
    const problem = problems.find((p) => /copyrightHolder/.test(p.message))!;
    assert.match(problem.message, /^headers\.copyrightHolder contains a line separator \(U\+2028\)/);
    const offset = policy.indexOf(value);
    const lines = policy.slice(0, offset).split('\n');
    assert.deepEqual(problem.range, {
      start: { line: lines.length - 1, character: lines[lines.length - 1].length },
      end: { line: lines.length - 1, character: lines[lines.length - 1].length + value.length },
    });

    const file = path.join(workspace.root, 'src/missing.ts');
    client.open(file, fs.readFileSync(file, 'utf8'));
    const [missing] = await client.diagnosticsFor(file, (d) => d.some((x) => x.code === 'header-missing'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(file) },
      range: missing.range,
      context: { diagnostics: [missing] },
    })) as CodeAction[];
    const insert = actions.find((a) => a.title.startsWith('Insert license header'));
    assert.ok(insert, actions.map((a) => a.title).join(', '));
    const written = JSON.stringify(insert.edit);
    assert.ok(!written.includes('process.exit') && !written.includes('\\u2028') && !written.includes('\u2028'), written);
  });
});
