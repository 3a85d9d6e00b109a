import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

/** Every file an edit the server asked for would touch. */
function editedPaths(edits: readonly WorkspaceEdit[]): string[] {
  const uris = edits.flatMap((edit) => [
    ...Object.keys(edit.changes ?? {}),
    ...((edit.documentChanges ?? []) as Array<{ uri?: string; textDocument?: { uri: string } }>).map((c) => c.textDocument?.uri ?? c.uri!),
  ]);
  return uris.map((uri) => decodeURIComponent(new URL(uri).pathname));
}

const isInside = (root: string, file: string) => !path.relative(root, file).startsWith('..') && !path.isAbsolute(path.relative(root, file));

describe('the approvals log is written only inside the workspace folder', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let outside: string;
  let client: LspTestClient | undefined;
  const policyPath = () => path.join(workspace.root, '.ospo/policy.json');

  beforeEach(() => {
    workspace = copyFixture('workspaces/foundation');
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-outside-')));
    fs.writeFileSync(path.join(outside, 'approvals.json'), '{ "approvals": [] }\n');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    workspace.dispose();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  function nameApprovalsFile(file: string): string {
    const text = fs.readFileSync(policyPath(), 'utf8').replace('"file": ".ospo/approvals.json"', `"file": ${JSON.stringify(file)}`);
    fs.writeFileSync(policyPath(), text);
    return text;
  }

  async function start(options: { trusted?: boolean; settings?: Record<string, unknown> } = {}): Promise<LspTestClient> {
    client = new LspTestClient({ root: workspace.root, ...options });
    await client.start();
    return client;
  }

  async function requestApproval(c: LspTestClient): Promise<{ applied: boolean; error?: string }> {
    const manifest = path.join(workspace.root, 'package.json');
    return (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'ospo.server.requestApproval',
      arguments: [{ subject: { purl: 'pkg:npm/mpl-lib', name: 'mpl-lib', ecosystem: 'npm', license: 'MPL-2.0', via: ['mpl-lib'] }, uri: LspTestClient.uri(manifest), justification: 'needed', requestedBy: 'T' }],
    })) as { applied: boolean; error?: string };
  }

  for (const [name, trusted, target] of [
    ['an absolute path, trusted', true, '/etc/passwd'],
    ['a path up and out, restricted', false, '../../../ospo-escape/approvals.json'],
    ['a path into a sibling folder, trusted', true, 'OUTSIDE'],
  ] as const) {
    // Restricted mode marks what it skipped as not loaded: a warning, where a trusted workspace has an error.
    const code = trusted ? 'policy-invalid' : 'policy-not-loaded';
    it(`reports ${name} as ${code} at approvals.file and writes to the default log instead`, async () => {
      const file = target === 'OUTSIDE' ? path.relative(workspace.root, path.join(outside, 'approvals.json')) : target;
      const text = nameApprovalsFile(file);
      const before = fs.readFileSync(path.join(outside, 'approvals.json'), 'utf8');
      const c = await start({ trusted });
      const problems = await c.diagnosticsFor(policyPath(), (d) => d.some((p) => p.code === code));
      const problem = problems.find((p) => /approvals\.file/.test(p.message))!;
      assert.equal(problem.severity, trusted ? 1 : 2);
      assert.match(problem.message, /must be inside the workspace folder/);
      const offset = text.indexOf(JSON.stringify(file));
      const line = text.slice(0, offset).split('\n').length - 1;
      assert.deepEqual(problem.range.start, { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1 });
      const result = await requestApproval(c);
      assert.equal(result.applied, true, result.error);
      const paths = editedPaths(c.appliedEdits);
      assert.deepEqual(paths, [path.join(workspace.root, '.ospo/approvals.json')]);
      assert.equal(fs.readFileSync(path.join(outside, 'approvals.json'), 'utf8'), before);
    });
  }

  it('refuses to write when the log has become a link out of the folder since it was read', async () => {
    const c = await start();
    const log = path.join(workspace.root, '.ospo/approvals.json');
    fs.rmSync(log);
    fs.symlinkSync(path.join(outside, 'approvals.json'), log);
    const result = await requestApproval(c);
    assert.equal(result.applied, false);
    assert.match(result.error ?? '', /the approvals log must be inside the workspace folder: .* \(through a symbolic link/);
    assert.deepEqual(c.appliedEdits, []);
  });

  it('lets the user setting allow a log outside in a trusted workspace, and not in a restricted one', async () => {
    const file = path.join(outside, 'approvals.json');
    nameApprovalsFile(file);
    const settings = { approvals: { allowOutsideWorkspace: true } };
    const trusted = await start({ settings });
    // Settings arrive after initialization: wait until the server reads the log named in the policy.
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
      const listed = (await trusted.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.approvals', arguments: [] })) as { folders: Array<{ log: string }> };
      if (listed.folders[0]?.log === file) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await requestApproval(trusted);
    assert.equal(result.applied, true, result.error);
    assert.deepEqual(editedPaths(trusted.appliedEdits), [file]);
    await trusted.stop();

    const restricted = await start({ trusted: false, settings });
    const problems = await restricted.diagnosticsFor(policyPath(), (d) => d.some((p) => /approvals\.file/.test(p.message)));
    assert.match(problems.find((p) => /approvals\.file/.test(p.message))!.message, /a restricted workspace cannot allow it/);
    await requestApproval(restricted);
    assert.ok(editedPaths(restricted.appliedEdits).every((p) => isInside(workspace.root, p)));
  });

  it('loads no extends target outside the folder in a restricted workspace', async () => {
    fs.writeFileSync(path.join(outside, 'org.json'), '{ "licenses": { "allow": ["MPL-2.0"] } }');
    fs.writeFileSync(policyPath(), fs.readFileSync(policyPath(), 'utf8').replace('"extends": "./org-base.json"', `"extends": ["./org-base.json", ${JSON.stringify(path.join(outside, 'org.json'))}]`));
    const c = await start({ trusted: false });
    const problems = await c.diagnosticsFor(policyPath(), (d) => d.length > 0);
    assert.match(problems[0].message, /outside the workspace and is not loaded in an untrusted workspace/);
    const manifest = path.join(workspace.root, 'package.json');
    c.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const diagnostics = await c.diagnosticsFor(manifest, (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.message.startsWith('mpl-lib: MPL-2.0 needs approval')), JSON.stringify(diagnostics.map((d) => d.message)));
  });
});
