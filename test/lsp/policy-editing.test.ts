import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';

/** The text a single-document WorkspaceEdit makes of `text`. */
function applied(text: string, edit: WorkspaceEdit | undefined): string {
  const change = (edit?.documentChanges ?? [])[0] as { edits: TextEdit[] };
  const lines = text.split(/(?<=\n)/);
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).join('').length + p.character;
  let out = text;
  for (const e of [...change.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/** Line and character of the first `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in text`);
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('writing the policy in the editor', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  let policyPath: string;

  beforeEach(async () => {
    workspace = copyFixture('workspaces/foundation');
    policyPath = path.join(workspace.root, '.ospo/policy.json');
    client = new LspTestClient({ root: workspace.root });
    await client.start();
  });
  afterEach(async () => {
    await client?.stop();
    workspace.dispose();
  });

  async function complete(file: string, text: string, needle: string, shift: number): Promise<CompletionItem[]> {
    return (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: LspTestClient.uri(file) },
      position: positionOf(text, needle, shift),
    })) as CompletionItem[];
  }

  async function hover(text: string, needle: string, shift = 1): Promise<string> {
    const result = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: LspTestClient.uri(policyPath) },
      position: positionOf(text, needle, shift),
    })) as Hover | null;
    return result ? (result.contents as { value: string }).value : '';
  }

  async function actionsAt(file: string, line: number): Promise<CodeAction[]> {
    return (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(file) },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
  }

  it('completes SPDX ids with their names, categories with their sizes, and exceptions after WITH', async () => {
    const text = '{\n  "licenses": {\n    "allow": ["Apache-", ""],\n    "deny": ["GPL-2.0-only WITH Class"]\n  }\n}\n';
    client.open(policyPath, text, 'jsonc');
    const ids = await complete(policyPath, text, '"Apache-"', 8);
    const apache = ids.find((i) => i.label === 'Apache-2.0')!;
    assert.equal(apache.labelDetails?.description, 'Apache License 2.0');
    assert.equal(`${apache.label} — ${apache.labelDetails?.description}`, 'Apache-2.0 — Apache License 2.0');
    const edit = apache.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: 2, character: 15 }, end: { line: 2, character: 22 } });
    assert.equal(edit.newText, 'Apache-2.0');

    const empty = await complete(policyPath, text, '""', 1);
    const permissive = empty.find((i) => i.label === '@permissive')!;
    assert.match(permissive.labelDetails!.description!, /^\d{3} licenses$/);
    assert.ok(empty.some((i) => i.label === '@blueoak-gold'));

    const exceptions = await complete(policyPath, text, 'Class"', 5);
    assert.ok(exceptions.some((i) => i.label === 'Classpath-exception-2.0'));
    assert.ok(!exceptions.some((i) => i.label === 'MIT'));
    assert.equal((exceptions.find((i) => i.label === 'Classpath-exception-2.0')!.textEdit as TextEdit).range.start.character, 32);
  });

  it('completes purl types and the packages this workspace uses, in the policy and in approvals', async () => {
    const text = '{ "packages": { "deny": ["pkg:"] } }';
    client.open(policyPath, text, 'jsonc');
    const items = await complete(policyPath, text, '"pkg:"', 5);
    assert.ok(items.some((i) => i.label === 'pkg:npm/'));
    assert.ok(items.some((i) => i.label === 'pkg:pypi/'));
    assert.ok(items.some((i) => i.label === 'pkg:npm/left-pad' && i.labelDetails?.description?.includes('WTFPL') === false));
    assert.ok(items.some((i) => i.label === 'pkg:npm/agpl-server'));

    const approvalsPath = path.join(workspace.root, '.ospo/approvals.json');
    const log = '{ "approvals": [ { "package": "pkg:npm/mp", "status": "requested" } ] }';
    client.open(approvalsPath, log, 'jsonc');
    const approvals = await complete(approvalsPath, log, 'pkg:npm/mp', 10);
    assert.ok(approvals.some((i) => i.label === 'pkg:npm/mpl-lib'));
  });

  it('reports a wrongly cased id once, with a fix that spells it right', async () => {
    const text = fs.readFileSync(policyPath, 'utf8').replace('"Apache-2.0", "BSD-3-Clause"', '"apache-2.0", "BSD-3-Clause"');
    client.open(policyPath, text, 'jsonc');
    client.change(policyPath, text);
    const diagnostics = await client.diagnosticsFor(policyPath, (d) => d.length > 0);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.match(diagnostics[0].message, /SPDX ids are case-sensitive; did you mean "Apache-2.0"\?/);
    const actions = await actionsAt(policyPath, diagnostics[0].range.start.line);
    const fix = actions.find((a) => a.title === 'Change to "Apache-2.0"')!;
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(applied(text, fix.edit), fs.readFileSync(policyPath, 'utf8'));
  });

  it('warns on a deprecated id, an unknown purl type and a license named twice, each with its fixes', async () => {
    const text = [
      '{',
      '  "licenses": {',
      '    "allow": ["MIT", "@permissive"],',
      '    "deny": ["GPL-3.0", "MIT"]',
      '  },',
      '  "packages": { "deny": ["pkg:npmjs/colors"] }',
      '}',
      '',
    ].join('\n');
    client.open(policyPath, text, 'jsonc');
    client.change(policyPath, text);
    const diagnostics = await client.diagnosticsFor(policyPath, (d) => d.length >= 3);
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.severity, d.message]), [
      [3, 2, '"GPL-3.0" in licenses.deny is a deprecated SPDX id (read as GPL-3.0-only); write "GPL-3.0-only" or "GPL-3.0-or-later"'],
      [3, 2, '"MIT" is in both licenses.allow and licenses.deny; the stricter list wins'],
      [5, 2, '"pkg:npmjs/colors" in packages.deny: "npmjs" is not a Package URL type, so it matches no package; did you mean "npm"?'],
    ]);
    const onDeny = (await actionsAt(policyPath, 3)).map((a) => a.title);
    assert.deepEqual(onDeny, ['Change to "GPL-3.0-only"', 'Change to "GPL-3.0-or-later"', 'Remove this "MIT"']);
    const purlFix = (await actionsAt(policyPath, 5)).find((a) => a.title === 'Change to "pkg:npm/colors"')!;
    assert.match(applied(text, purlFix.edit), /"deny": \["pkg:npm\/colors"\]/);
    // A warning leaves the policy in force: the manifest is still checked against it.
    const manifest = path.join(workspace.root, 'package.json');
    client.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const findings = await client.diagnosticsFor(manifest, (d) => d.length > 0);
    assert.ok(findings.some((d) => d.code === 'license-denied'));
  });

  it('hovers on a license id, a category and a list with what the policy decides and which packages it affects', async () => {
    const text = fs.readFileSync(policyPath, 'utf8');
    client.open(policyPath, text, 'jsonc');
    const mit = await hover(text, '"MIT"');
    assert.match(mit, /\*\*MIT\*\* — MIT License/);
    assert.match(mit, /OSI approved · FSF free \(libre\)/);
    assert.match(mit, /`@permissive`, `@notice`, `@blueoak-silver`/);
    assert.match(mit, /This policy: \*\*allowed\*\* \(licenses\.allow: `MIT`\)/);
    assert.match(mit, /In this workspace: \d+ packages? carr(y|ies) it: .*`left-pad@1\.3\.0`/);

    const agpl = await hover(text, '"AGPL-3.0-only"');
    assert.match(agpl, /\*\*denied\*\*/);
    assert.match(agpl, /`agpl-server@/);

    const category = await hover(text, '"@unencumbered"', 2);
    assert.match(category, /\*\*@unencumbered\*\* — public domain/);
    assert.match(category, /Source: google\/licenseclassifier/);
    assert.match(category, /\d+ licenses: .*CC0-1\.0.*Unlicense/);

    const deny = await hover(text, '"deny"');
    assert.match(deny, /\*\*licenses\.deny\*\* decides the license of \d+ packages?: .*`agpl-server@/);
    const packagesDeny = await hover(text, '"deny": ["pkg:npm/event-stream"');
    assert.match(packagesDeny, /\*\*packages\.deny\*\* matches 2 packages: `event-stream@3\.3\.6`, `colors@1\.4\.2`/);
  });

  it('keeps the default while a new policy is empty or its lists are, and offers the starter policy', async () => {
    fs.writeFileSync(policyPath, '');
    client.filesChanged([policyPath]);
    client.open(policyPath, '', 'jsonc');
    const manifest = path.join(workspace.root, 'package.json');
    client.open(manifest, fs.readFileSync(manifest, 'utf8'));
    // The default allows MIT and reviews MPL: left-pad passes, mpl-lib needs approval.
    const findings = await client.diagnosticsFor(manifest, (d) => d.some((x) => x.code === 'license-needs-approval'));
    assert.ok(!findings.some((d) => d.message.includes('left-pad')));
    assert.deepEqual(await client.diagnosticsFor(policyPath), []);
    const starter = (await actionsAt(policyPath, 0)).find((a) => a.title === 'Insert starter policy')!;
    assert.ok(starter);
    assert.match(applied('', starter.edit), /"allow": \["@permissive", "@notice", "@unencumbered"\]/);

    const typing = '{"licenses":{"allow":[]}}';
    client.change(policyPath, typing);
    const after = await client.nextDiagnostics(manifest);
    assert.ok(!after.some((d) => d.message.includes('left-pad')), JSON.stringify(after.map((d) => d.message)));
    assert.deepEqual(await client.diagnosticsFor(policyPath), []);
  });
});
