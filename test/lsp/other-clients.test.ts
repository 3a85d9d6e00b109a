import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';
import { writeEditsToDisk } from './support/write-edits';

/**
 * What Neovim 0.7's built-in client says it can do: no configuration pull, no file watching, no showDocument.
 * The server must work with it all the same.
 */
const NEOVIM_0_7 = {
  workspace: { workspaceFolders: true, applyEdit: true, workspaceEdit: { resourceOperations: ['rename', 'create', 'delete'] } },
  textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
  window: { workDoneProgress: true, showDocument: { support: false } },
};

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length - 1;
}

describe('clients other than VS Code', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient | undefined;
  const file = (rel: string) => path.join(workspace.root, rel);

  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    workspace.dispose();
  });

  async function start(options: Partial<ConstructorParameters<typeof LspTestClient>[0]> = {}): Promise<LspTestClient> {
    client = new LspTestClient({ root: workspace.root, capabilities: NEOVIM_0_7, ...options });
    await client.start();
    return client;
  }

  async function requestAction(c: LspTestClient, name: string): Promise<{ command: string; arguments: unknown[]; line: number }> {
    const manifest = file('package.json');
    const text = fs.readFileSync(manifest, 'utf8');
    c.open(manifest, text);
    const line = lineOf(text, `"${name}"`);
    const diagnostics = await c.diagnosticsFor(manifest, (d) => d.some((x) => x.range.start.line === line));
    const diagnostic = diagnostics.find((d) => d.range.start.line === line)!;
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(manifest) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const action = actions.find((a) => a.title === `Request approval for ${name}`)!;
    return { command: action.command!.command, arguments: action.command!.arguments ?? [], line };
  }

  it('runs restricted when the client says nothing of trust, and says so in its log', async () => {
    const c = await start({ trusted: 'unstated' });
    const status = (await c.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.status', arguments: [] })) as { trusted: boolean };
    assert.equal(status.trusted, false);
    const deadline = Date.now() + 5000;
    while (!c.logs.some((line) => line.includes('no initializationOptions.trusted')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(c.logs.some((line) => line.startsWith('restricted: the client sent no initializationOptions.trusted')), JSON.stringify(c.logs));
  });

  it('answers an unknown command with an LSP error, not a result', async () => {
    const c = await start();
    await assert.rejects(c.connection.sendRequest('workspace/executeCommand', { command: 'ospo.requestApproval', arguments: [] }), (error: { code: number; message: string }) => {
      assert.equal(error.code, -32602);
      assert.match(error.message, /unknown command ospo\.requestApproval/);
      return true;
    });
  });

  it('runs the request-approval quick fix without a justification: a requested entry to complete, shown as approval-pending once saved', async () => {
    const c = await start({ onApplyEdit: writeEditsToDisk });
    const logPath = file('.ospo/approvals.json');
    const before = JSON.parse(fs.readFileSync(logPath, 'utf8')) as { approvals: unknown[] };
    const action = await requestAction(c, 'mpl-lib');
    const initialize = (await c.connection.sendRequest('workspace/executeCommand', { command: 'ospo.server.status', arguments: [] })) as { folders: unknown[] };
    assert.equal(initialize.folders.length, 1);
    // The command is one the server executes and lists, so any client can run it as it is.
    const result = (await c.connection.sendRequest('workspace/executeCommand', { command: action.command, arguments: action.arguments })) as {
      applied: boolean;
      uri: string;
      selection: { start: { line: number; character: number } };
      shown: boolean;
    };
    assert.equal(result.applied, true);
    assert.equal(result.shown, false, 'this client cannot show a document');
    const log = JSON.parse(fs.readFileSync(logPath, 'utf8')) as { approvals: Array<Record<string, string>> };
    assert.deepEqual(log.approvals.slice(0, -1), before.approvals, 'the other entries are kept');
    const entry = log.approvals.at(-1)!;
    assert.deepEqual([entry.package, entry.status, entry.license, entry.justification], ['pkg:npm/mpl-lib', 'requested', 'MPL-2.0', '']);
    const line = fs.readFileSync(logPath, 'utf8').split('\n')[result.selection.start.line];
    assert.match(line, /"justification": ""/);
    assert.equal(line.slice(result.selection.start.character - 1, result.selection.start.character + 1), '""', 'the cursor goes between the quotes');
    assert.ok(
      c.messages.some((m) => m.message.includes(`${logPath}:${result.selection.start.line + 1}`)),
      `a message names the line: ${JSON.stringify(c.messages)}`,
    );
    // The log was saved on disk; the client tells nothing, the server sees it by itself.
    const manifest = file('package.json');
    const pending = await c.diagnosticsFor(manifest, (d) => d.some((x) => x.range.start.line === action.line && x.code === 'approval-pending'));
    assert.equal(pending.filter((x) => x.range.start.line === action.line).length, 1);
  });

  it('shows the new entry where the client can, and writes the log itself for a client that applies no edits', async () => {
    const c = await start({ capabilities: { ...NEOVIM_0_7, workspace: { workspaceFolders: true }, window: { showDocument: { support: true } } } });
    const action = await requestAction(c, 'mpl-lib');
    const result = (await c.connection.sendRequest('workspace/executeCommand', { command: action.command, arguments: action.arguments })) as { applied: boolean; shown: boolean };
    assert.equal(result.applied, true);
    assert.equal(result.shown, true);
    assert.equal(c.appliedEdits.length, 0);
    const logPath = file('.ospo/approvals.json');
    const text = fs.readFileSync(logPath, 'utf8');
    assert.equal((JSON.parse(text) as { approvals: unknown[] }).approvals.length, 5);
    const [shown] = c.shownDocuments;
    assert.equal(shown.uri, LspTestClient.uri(logPath));
    assert.match(text.split('\n')[shown.selection!.start.line], /"justification": ""/);
    assert.equal(fs.readdirSync(path.dirname(logPath)).filter((n) => n.endsWith('.tmp')).length, 0, 'no temporary file is left');
  });

  it('honours settings pushed with didChangeConfiguration by a client that cannot be asked', async () => {
    const c = await start();
    const source = file('src/missing.ts');
    c.open(source, fs.readFileSync(source, 'utf8'), 'typescript');
    await c.diagnosticsFor(source, (d) => d.some((x) => x.code === 'header-missing'));
    c.pushSettings({ ospo: { headers: { enable: false } } });
    await c.diagnosticsFor(source, (d) => d.length === 0);
    c.pushSettings({ ospo: { headers: { enable: true } } });
    await c.diagnosticsFor(source, (d) => d.some((x) => x.code === 'header-missing'));
    // Settings for other servers in the same notification leave these as they are.
    c.pushSettings({ lua: { runtime: 'LuaJIT' } });
    c.change(source, fs.readFileSync(source, 'utf8') + '\n');
    assert.ok((await c.nextDiagnostics(source)).some((x) => x.code === 'header-missing'));
  });

  it('asks a client that answers workspace/configuration first, and pushed sections fill in only where it has none', async () => {
    const c = await start({ capabilities: undefined, settings: { headers: { enable: true } } });
    const source = file('src/missing.ts');
    c.open(source, fs.readFileSync(source, 'utf8'), 'typescript');
    await c.diagnosticsFor(source, (d) => d.some((x) => x.code === 'header-missing'));
    c.pushSettings({ ospo: { headers: { enable: false } } });
    await c.nextDiagnostics(source);
    c.change(source, fs.readFileSync(source, 'utf8') + '\n');
    assert.ok((await c.nextDiagnostics(source)).some((x) => x.code === 'header-missing'), 'the per-folder answer wins');
  });

  it('notices a lock file and a policy edited on disk when the client does not watch files', async () => {
    const c = await start();
    const manifest = file('package.json');
    const text = fs.readFileSync(manifest, 'utf8');
    c.open(manifest, text);
    const leftPad = lineOf(text, '"left-pad"');
    await c.diagnosticsFor(manifest, (d) => d.length > 0 && !d.some((x) => x.range.start.line === leftPad));
    const lockPath = file('package-lock.json');
    const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { packages: Record<string, { license?: string }> };
    lock.packages['node_modules/left-pad'].license = 'GPL-3.0-only';
    // Written as a package manager does: a new file renamed over the old one.
    fs.writeFileSync(`${lockPath}.new`, JSON.stringify(lock, null, 2));
    fs.renameSync(`${lockPath}.new`, lockPath);
    const denied = await c.diagnosticsFor(manifest, (d) => d.some((x) => x.range.start.line === leftPad));
    assert.equal(denied.find((x) => x.range.start.line === leftPad)!.code, 'license-denied');
    const policyPath = file('.ospo/policy.json');
    fs.writeFileSync(policyPath, fs.readFileSync(policyPath, 'utf8').replace('"deny": ["AGPL-3.0-only", "GPL-3.0-only", "@forbidden"]', '"deny": ["AGPL-3.0-only", "@forbidden"]'));
    const reviewed = await c.diagnosticsFor(manifest, (d) => d.some((x) => x.range.start.line === leftPad && x.code !== 'license-denied'));
    assert.notEqual(reviewed.find((x) => x.range.start.line === leftPad)!.code, 'license-denied');
  });

  it('picks up a policy folder created after the start when the client does not watch files', async () => {
    const saved = fs.mkdtempSync(path.join(path.dirname(workspace.root), 'ospo-policy-aside-'));
    try {
      fs.renameSync(file('.ospo'), path.join(saved, '.ospo'));
      const c = await start();
      const manifest = file('package.json');
      const text = fs.readFileSync(manifest, 'utf8');
      c.open(manifest, text);
      const eventStream = lineOf(text, '"event-stream"');
      await c.diagnosticsFor(manifest, (d) => d.length > 0 && !d.some((x) => x.range.start.line === eventStream && x.code === 'package-denied'));
      // As a `git pull` or a copy brings it: the folder appears with the policy already in it.
      fs.cpSync(path.join(saved, '.ospo'), path.join(saved, 'incoming'), { recursive: true });
      fs.renameSync(path.join(saved, 'incoming'), file('.ospo'));
      await c.diagnosticsFor(manifest, (d) => d.some((x) => x.range.start.line === eventStream && x.code === 'package-denied'));
    } finally {
      fs.rmSync(saved, { recursive: true, force: true });
    }
  });
});
