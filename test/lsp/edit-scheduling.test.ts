import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient, type TestDiagnostic } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';
import { goProject } from '../bench/large-manifests';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `${needle} not found`);
  return index;
}

const onLine = (diagnostics: TestDiagnostic[], line: number) => diagnostics.filter((d) => d.range.start.line === line);

/** The manifest with `description` set to a text of its own per edit, so each edit is a new version. */
function edited(base: string, i: number): string {
  return base.replace('"version": "1.0.0",', `"version": "1.0.0",\n  "description": "edit ${i}",`);
}

describe('checking while typing', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  const manifest = () => path.join(workspace.root, 'package.json');

  beforeEach(async () => {
    workspace = copyFixture('workspaces/foundation');
    client = new LspTestClient({ root: workspace.root });
    await client.start();
  });

  afterEach(async () => {
    await client.stop();
    workspace.dispose();
  });

  it('publishes a burst of edits for the final version, never an older version after a newer one', async () => {
    const base = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), base);
    const first = await client.diagnosticsFor(manifest());
    assert.ok(first.some((d) => d.message.startsWith('agpl-server:')), 'the fixture reports agpl-server');
    const uri = LspTestClient.uri(manifest());
    const before = client.published.length;

    // Every version but the last still declares agpl-server; the last one drops it.
    const edits = 30;
    for (let i = 1; i < edits; i++) client.change(manifest(), edited(base, i));
    client.change(manifest(), edited(base, edits).replace('    "agpl-server": "^1.0.0",\n', ''));
    const finalVersion = edits + 1;

    await client.diagnosticsFor(manifest(), (d) => d.length > 0 && !d.some((x) => x.message.startsWith('agpl-server:')));
    // Anything still on its way would arrive in this spell.
    await sleep(600);
    const burst = client.published.slice(before).filter((p) => p.uri === uri);
    assert.ok(burst.length > 0);
    assert.ok(burst.length < edits, `a burst of ${edits} edits is coalesced, got ${burst.length} publishes`);
    const versions = burst.map((p) => p.version);
    assert.ok(versions.every((v) => typeof v === 'number'), 'each publish names its document version');
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `version ${versions[i]} published after ${versions[i - 1]}`);
    assert.equal(versions.at(-1), finalVersion);
    const shown = await client.diagnosticsFor(manifest());
    assert.ok(!shown.some((d) => d.message.startsWith('agpl-server:')), 'the final version has no agpl-server finding');
  });

  it('answers a code action during a burst of edits, for the text as it is then', async () => {
    const base = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), base);
    await client.diagnosticsFor(manifest());
    const edits = 80;
    let sent = 0;
    const burst = (async () => {
      for (let i = 1; i <= edits; i++) {
        client.change(manifest(), edited(base, i));
        sent = i;
        await sleep(15);
      }
    })();
    while (sent < 5) await sleep(5);
    // Line numbers as of the edits: the description line moves every dependency one down.
    const line = lineOf(edited(base, 1), '"mpl-lib"');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(manifest()) },
      range: { start: { line, character: 6 }, end: { line, character: 6 } },
      context: { diagnostics: [], only: ['quickfix'] },
    })) as CodeAction[];
    const answeredAfter = sent;
    await burst;
    assert.ok(actions.some((a) => a.title.includes('mpl-lib')), `a quick fix for mpl-lib, got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(answeredAfter < edits, `answered while the burst went on (after edit ${answeredAfter} of ${edits})`);
    const final = await client.diagnosticsFor(manifest(), (d) => onLine(d, line).length > 0);
    assert.ok(onLine(final, line).some((d) => d.message.startsWith('mpl-lib:')));
  });

  it('reads a lock file again when the client says it changed on disk', async () => {
    const base = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), base);
    const line = lineOf(base, '"left-pad"');
    assert.equal(onLine(await client.diagnosticsFor(manifest()), line).length, 0, 'left-pad is MIT in the lock: allowed');
    // Typing fills the caches the edits reuse; the lock's change must still get through them.
    for (let i = 1; i <= 3; i++) {
      client.change(manifest(), base.replace('"left-pad": "^1.3.0"', `"left-pad": "^1.3.${i}"`));
      await client.nextDiagnostics(manifest());
    }
    const lockPath = path.join(workspace.root, 'package-lock.json');
    const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { packages: Record<string, { license?: string }> };
    lock.packages['node_modules/left-pad'].license = 'GPL-3.0-only';
    fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2));
    client.filesChanged([lockPath]);
    const after = await client.diagnosticsFor(manifest(), (d) => onLine(d, line).length > 0);
    const finding = onLine(after, line)[0];
    assert.equal(finding.code, 'license-denied');
    assert.match(finding.message, /^left-pad: GPL-3\.0-only is denied/);
  });

  it('drops the check of a big manifest when an edit supersedes it, and publishes only the edited version after', async function () {
    this.timeout(120000);
    // go.mod of 165 modules, each identified by its license text in the module cache: a long first check.
    const project = goProject(165);
    const big = new LspTestClient({ root: project.root, env: project.env });
    try {
      await big.start();
      const uri = LspTestClient.uri(project.manifest);
      big.open(project.manifest, project.text);
      await sleep(50);
      const removed = 'github.com/org0/module-0';
      big.change(project.manifest, project.text.replace(new RegExp(`\\t${removed} .*\\n`), ''));
      const last = await big.diagnosticsFor(project.manifest, (d) => d.length > 0 && !d.some((x) => x.message.startsWith(`${removed}:`)), 100000);
      assert.ok(last.length > 0);
      await sleep(600);
      const versions = big.published.filter((p) => p.uri === uri).map((p) => p.version!);
      for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);
      assert.equal(versions.at(-1), 2);
    } finally {
      await big.stop();
      project.dispose();
    }
  });
});
