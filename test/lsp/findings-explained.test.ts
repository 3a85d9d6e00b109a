import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, InlayHint, Range } from 'vscode-languageserver-protocol';
import { LspTestClient, type TestDiagnostic } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `${needle} not found`);
  return index;
}

/** The text a range covers. */
function slice(text: string, range: Range): string {
  const lines = text.split('\n');
  assert.equal(range.start.line, range.end.line, 'a policy entry is on one line');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** Hover Markdown outside its code spans: what a Markdown renderer would read as text. */
function outsideCode(markdown: string): string {
  return markdown.replace(/`[^`]*`/g, '');
}

describe('findings that explain themselves', () => {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  let text: string;
  const manifest = () => path.join(workspace.root, 'package.json');
  const shown: Array<{ uri: string; selection?: Range }> = [];

  async function start(settings: Record<string, unknown> = {}): Promise<TestDiagnostic[]> {
    client = new LspTestClient({ root: workspace.root, settings });
    client.connection.onRequest('window/showDocument', (params: { uri: string; selection?: Range }) => {
      shown.push(params);
      return { success: true };
    });
    await client.start();
    text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    return client.diagnosticsFor(manifest(), (d) => d.length > 0);
  }

  beforeEach(() => {
    workspace = copyFixture('workspaces/foundation');
    shown.length = 0;
  });

  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  it('links a dependency diagnostic to the policy entry that decided it and to its rule documentation', async () => {
    const diagnostics = await start();
    const agpl = diagnostics.find((d) => d.range.start.line === lineOf(text, 'agpl-server'))!;
    assert.equal(agpl.message, 'agpl-server: AGPL-3.0-only is denied by policy');
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    const [related] = agpl.relatedInformation ?? [];
    assert.ok(related, 'the deciding entry is linked');
    assert.equal(related.location.uri, LspTestClient.uri(policyPath));
    assert.equal(slice(fs.readFileSync(policyPath, 'utf8'), related.location.range), '"AGPL-3.0-only"');
    assert.match(related.message, /licenses\.deny "AGPL-3\.0-only" in \.ospo\/policy\.json:7/);

    const href = agpl.codeDescription?.href ?? '';
    assert.match(href, /^file:\/\/.*\/README\.md#rule-license-denied$/);
    const readme = fs.readFileSync(fileURLToPath(href.replace(/#.*$/, '')), 'utf8');
    assert.ok(readme.includes('id="rule-license-denied"'), 'the README has the anchor the link points at');
  });

  it('links an entry that a base policy reached through extends decided', async () => {
    const diagnostics = await start();
    const rejected = diagnostics.find((d) => d.range.start.line === lineOf(text, 'rejected-epl'))!;
    assert.equal(rejected.code, 'approval-rejected');
    const basePath = path.join(workspace.root, '.ospo/org-base.json');
    const related = (rejected.relatedInformation ?? []).find((r) => r.location.uri === LspTestClient.uri(basePath));
    assert.ok(related, `links org-base.json: ${JSON.stringify(rejected.relatedInformation)}`);
    assert.equal(slice(fs.readFileSync(basePath, 'utf8'), related.location.range), '"EPL-2.0"');
    const logPath = path.join(workspace.root, '.ospo/approvals.json');
    const entry = (rejected.relatedInformation ?? []).find((r) => r.location.uri === LspTestClient.uri(logPath));
    assert.ok(entry, 'the rejection in the approvals log is linked too');
    assert.match(entry.message, /^Approvals log: approval rejected/);
    const logLines = fs.readFileSync(logPath, 'utf8').split('\n').slice(entry.location.range.start.line, entry.location.range.end.line + 1).join('\n');
    assert.match(logLines, /"status": "rejected"/);
    assert.match(logLines, /rejected-epl/);
  });

  it('opens the deciding entry from a code action, through window/showDocument', async () => {
    const diagnostics = await start();
    const agpl = diagnostics.find((d) => d.range.start.line === lineOf(text, 'agpl-server'))!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(manifest()) },
      range: agpl.range,
      context: { diagnostics: [agpl] },
    })) as CodeAction[];
    const go = actions.find((a) => a.title.startsWith('Go to policy rule'));
    assert.ok(go?.command, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(go.title, 'Go to policy rule: licenses.deny "AGPL-3.0-only"');
    const result = (await client.connection.sendRequest('workspace/executeCommand', { command: go.command.command, arguments: go.command.arguments })) as { shown: boolean };
    assert.equal(result.shown, true);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].uri, LspTestClient.uri(path.join(workspace.root, '.ospo/policy.json')));
    assert.equal(shown[0].selection?.start.line, agpl.relatedInformation![0].location.range.start.line);

    // Any client may send anything: the command's declaration refuses what is not a location.
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: go.command.command, arguments: [{ uri: 42 }] }), /arguments\[0\]\.uri must be a string/);
  });

  it('hovers an allowed dependency with its license, where it came from and the verdict', async () => {
    await start();
    const hover = await client.hoverText(manifest(), { line: lineOf(text, 'left-pad'), character: 6 });
    assert.ok(hover, 'an allowed dependency has a hover');
    assert.match(hover, /^`left-pad@1\.3\.0` · `pkg:npm\/left-pad`/);
    assert.match(hover, /\*\*Allowed\*\*/);
    assert.match(hover, /\*\*License:\*\* MIT — from package-lock\.json/);
    assert.match(hover, /\*\*Policy:\*\* `licenses\.allow: MIT` in \.ospo\/policy\.json:5/);
  });

  it('hovers a denied dependency with the evidence and the policy trail the message leaves out', async () => {
    const diagnostics = await start();
    const agpl = diagnostics.find((d) => d.range.start.line === lineOf(text, 'agpl-server'))!;
    const hover = (await client.hoverText(manifest(), agpl.range.start)) ?? '';
    assert.match(hover, /\*\*Denied by policy\*\* \(`license-denied`\)/);
    assert.match(hover, /Declared in `dependencies` as `\^1\.0\.0`\./);
    assert.match(hover, /\*\*License:\*\* AGPL-3\.0-only — from package-lock\.json/);
    assert.match(hover, /\*\*Why:\*\* AGPL-3\.0-only is in licenses\.deny/);
    assert.match(hover, /\[About license-denied\]\(file:\/\/.*README\.md#rule-license-denied\)/);
  });

  it('escapes what the hover quotes: no mailto link from name@version, no %40 in a scope', async () => {
    await start();
    const agpl = (await client.hoverText(manifest(), { line: lineOf(text, 'agpl-server'), character: 6 })) ?? '';
    assert.match(agpl, /`agpl-server@1\.2\.0`/);
    assert.doesNotMatch(outsideCode(agpl), /[^\\]@/, 'every @ outside code is escaped');
    const scoped = (await client.hoverText(manifest(), { line: lineOf(text, '@acme/internal-tool'), character: 6 })) ?? '';
    assert.match(scoped, /`pkg:npm\/@acme\/internal-tool`/);
    assert.doesNotMatch(scoped, /%40/);
    assert.match(scoped, /allowed by packages\.allow "pkg:npm\/\\@acme\/\\\*"/);
  });

  it('shows inlay hints only when ospo.inlayHints.enabled is on', async () => {
    await start();
    const range = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
    const ask = async () => (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: LspTestClient.uri(manifest()) }, range })) as InlayHint[];
    assert.deepEqual(await ask(), [], 'off by default');
    client.updateSettings({ inlayHints: { enabled: true } });
    let hints: InlayHint[] = [];
    for (let i = 0; i < 50 && hints.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      hints = await ask();
    }
    const at = (needle: string) => hints.find((h) => h.position.line === lineOf(text, needle))?.label;
    assert.equal(at('left-pad'), 'MIT ✓');
    assert.equal(at('agpl-server'), 'AGPL-3.0-only ✗');
    assert.equal(at('"mpl-lib"'), 'MPL-2.0 ? needs approval');
    assert.equal(at('wrapper-lib'), 'via inner-gpl: GPL-3.0-only ✗');
    const leftPad = hints.find((h) => h.position.line === lineOf(text, 'left-pad'))!;
    assert.equal(leftPad.position.character, text.split('\n')[lineOf(text, 'left-pad')].length, 'at the end of the line');
  });

  it('marks a missing header on line 1, whatever comes first in the file', async () => {
    await start();
    const file = path.join(workspace.root, 'src/blank-start.ts');
    const source = '\n\nexport const answer = 42;\n';
    fs.writeFileSync(file, source);
    client.open(file, source, 'typescript');
    const [missing] = await client.diagnosticsFor(file, (d) => d.some((x) => x.code === 'header-missing'));
    assert.equal(missing.code, 'header-missing');
    assert.equal(missing.range.start.line, 0);
    assert.equal(missing.range.end.line, 0);
  });
});

describe('hover on a Gemfile dependency', () => {
  let root: string;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-gemfile-')));
    fs.writeFileSync(path.join(root, 'Gemfile'), "source 'https://rubygems.org'\ngem 'rack', '~> 3.0'\ngroup :development, :test do\n  gem 'pry'\nend\n");
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("says where a gem is declared without naming Bundler's implicit default group", async () => {
    client = new LspTestClient({ root });
    await client.start();
    const gemfile = path.join(root, 'Gemfile');
    client.open(gemfile, fs.readFileSync(gemfile, 'utf8'), 'ruby');
    await client.diagnosticsFor(gemfile, (d) => d.length === 2);
    const rack = (await client.hoverText(gemfile, { line: 1, character: 6 })) ?? '';
    assert.match(rack, /Declared as `~> 3\.0`\./);
    assert.doesNotMatch(rack, /Declared in .*default/);
    const pry = (await client.hoverText(gemfile, { line: 3, character: 8 })) ?? '';
    assert.match(pry, /Declared in the Gemfile groups `development`, `test`\./);
  });
});
