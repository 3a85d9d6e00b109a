import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, type TestDiagnostic } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';
import { writeEditsToDisk } from './support/write-edits';


describe('local, reviewable ways out of a finding', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;

  beforeEach(async () => {
    workspace = copyFixture('workspaces/foundation');
    client = new LspTestClient({ root: workspace.root });
    await client.start();
  });
  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  async function actionsFor(file: string, diagnostic: TestDiagnostic): Promise<CodeAction[]> {
    return (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
  }

  it('adds a package exception with version and comment to the policy, and the finding goes', async () => {
    const manifest = path.join(workspace.root, 'package.json');
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    client.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const diagnostics = await client.diagnosticsFor(manifest, (d) => d.length > 0);
    const mpl = diagnostics.find((d) => d.code === 'license-needs-approval' && d.message.startsWith('mpl-lib'))!;
    const titles = (await actionsFor(manifest, mpl)).map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Request approval')), JSON.stringify(titles));
    assert.ok(titles.includes('Add a package exception to the policy (pkg:npm/mpl-lib@2.1.0)'), JSON.stringify(titles));
    assert.ok(titles.includes('Show rule documentation (license-needs-approval)'));

    const exception = (await actionsFor(manifest, mpl)).find((a) => a.title.startsWith('Add a package exception'))!;
    writeEditsToDisk(exception.edit!);
    const policy = fs.readFileSync(policyPath, 'utf8');
    assert.match(policy, /"allow": \["pkg:npm\/@acme\/\*", \/\* MPL-2\.0 \(license-needs-approval\): exception added \d{4}-\d{2}-\d{2}; why: \*\/ "pkg:npm\/mpl-lib@2\.1\.0"\]/);
    client.filesChanged([policyPath]);
    const after = await client.diagnosticsFor(manifest, (d) => !d.some((x) => x.message.startsWith('mpl-lib')));
    assert.ok(after.some((d) => d.code === 'license-denied'), 'the other findings stay');
  });

  it('offers to remove the packages.deny entry behind a package-denied finding', async () => {
    const manifest = path.join(workspace.root, 'package.json');
    client.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const diagnostics = await client.diagnosticsFor(manifest, (d) => d.length > 0);
    const denied = diagnostics.find((d) => d.code === 'package-denied' && d.message.startsWith('event-stream'))!;
    const actions = await actionsFor(manifest, denied);
    assert.deepEqual(actions.map((a) => a.title), ['Go to policy rule: packages.deny "pkg:npm/event-stream"', 'Remove "pkg:npm/event-stream" from packages.deny', 'Show rule documentation (package-denied)']);
    writeEditsToDisk(actions[1].edit!);
    assert.match(fs.readFileSync(path.join(workspace.root, '.ospo/policy.json'), 'utf8'), /"deny": \["pkg:npm\/colors@>=1\.4\.1"\]/);
  });

  it('excludes a file from header checks in the policy, keeping what is excluded already', async () => {
    const source = path.join(workspace.root, 'src/missing.ts');
    client.open(source, fs.readFileSync(source, 'utf8'));
    const [missing] = await client.diagnosticsFor(source, (d) => d.some((x) => x.code === 'header-missing'));
    const exclude = (await actionsFor(source, missing)).find((a) => a.title === 'Exclude this file from header checks (headers.exclude)')!;
    assert.ok(exclude);
    writeEditsToDisk(exclude.edit!);
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    assert.match(fs.readFileSync(policyPath, 'utf8'), /"exclude": \["\*\*\/generated\/\*\*", "src\/missing\.ts"\]/);
    client.filesChanged([policyPath]);
    assert.deepEqual(await client.diagnosticsFor(source, (d) => d.length === 0), []);
  });

  it('creates the policy from the starter when a workspace has none', async () => {
    fs.rmSync(path.join(workspace.root, '.ospo/policy.json'));
    client.filesChanged([path.join(workspace.root, '.ospo/policy.json')], 3);
    const source = path.join(workspace.root, 'src/missing.ts');
    client.open(source, fs.readFileSync(source, 'utf8'));
    const [missing] = await client.diagnosticsFor(source, (d) => d.some((x) => x.code === 'header-missing'));
    const exclude = (await actionsFor(source, missing)).find((a) => a.title.startsWith('Exclude this file'))!;
    const changes = exclude.edit!.documentChanges as Array<{ kind?: string; edits?: TextEdit[] }>;
    assert.equal(changes[0].kind, 'create');
    const created = changes[1].edits![0].newText;
    assert.match(created, /"\*\*\/node_modules\/\*\*",/);
    assert.match(created, /"src\/missing\.ts"\s*\]/);
  });

  it('shows the rule documentation at the rule, through a command the server executes', async () => {
    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'ospo.server.showRuleDocumentation',
      arguments: [{ code: 'package-denied' }],
    })) as { shown: boolean; uri?: string };
    assert.equal(result.shown, true);
    const [shown] = client.shownDocuments;
    assert.match(shown.uri, /README\.md$/);
    const readme = fs.readFileSync(decodeURIComponent(new URL(shown.uri).pathname), 'utf8').split('\n');
    assert.match(readme[shown.selection!.start.line], /^\| (<a id="rule-package-denied"><\/a>)?`package-denied` \|/);
    const unknown = (await client.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.showRuleDocumentation', arguments: [{ code: 'nope' }] })) as { error?: string };
    assert.match(unknown.error ?? '', /no such rule/);
  });
});
