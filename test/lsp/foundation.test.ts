import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, type TestDiagnostic as Diagnostic } from './support/lsp-test-client';
import { copyFixture } from './support/workspace-copy';
import { FOUNDATION_DEPENDENCY_FINDINGS } from '../support/foundation-expectations';

/** The 0-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `${needle} not found`);
  return index;
}

function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.code}`).sort();
}

/** Applies the text edits of a WorkspaceEdit for one file to its text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split(/(?<=\n)/);
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).join('').length + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function editsFor(edit: WorkspaceEdit, filePath: string): TextEdit[] {
  const uri = LspTestClient.uri(filePath);
  const out: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  for (const [u, edits] of Object.entries(edit.changes ?? {})) if (u === uri) out.push(...edits);
  return out;
}

describe('language server on the foundation fixture', function () {
  let workspace: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  const manifest = () => path.join(workspace.root, 'package.json');

  beforeEach(async () => {
    workspace = copyFixture('workspaces/foundation');
    client = new LspTestClient({
      root: workspace.root,
      onApplyEdit: (edit) => {
        // Play the editor: write the edited text to disk, as a save would.
        for (const change of edit.documentChanges ?? []) {
          if ('kind' in change) continue;
          const file = URI_TO_PATH(change.textDocument.uri);
          const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, applyEdits(before, change.edits as TextEdit[]));
        }
        return true;
      },
    });
    await client.start();
  });

  afterEach(async () => {
    await client.stop();
    workspace.dispose();
  });

  it('reports exactly the expected dependency findings on the dependency names', async () => {
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    const diagnostics = await client.diagnosticsFor(manifest());
    const expected = FOUNDATION_DEPENDENCY_FINDINGS.map(([name, code]) => `${lineOf(text, name)}:${code}`);
    assert.deepEqual(summary(diagnostics), expected.sort());

    const wrapper = diagnostics.find((d) => d.range.start.line === lineOf(text, 'wrapper-lib'))!;
    assert.equal(wrapper.message, 'wrapper-lib > inner-gpl: GPL-3.0-only is denied by policy');
    assert.equal(text.split('\n')[wrapper.range.start.line].slice(wrapper.range.start.character, wrapper.range.end.character), 'wrapper-lib');
    const legacy = diagnostics.find((d) => d.range.start.line === lineOf(text, 'legacy-licenses'))!;
    assert.equal(legacy.message, 'legacy-licenses: MPL-2.0 OR AGPL-3.0-only needs approval');
    const legacyHover = await client.hoverText(manifest(), legacy.range.start);
    assert.match(legacyHover ?? '', /\*\*License:\*\* MPL-2\.0 OR AGPL-3\.0-only — from installed node\\_modules\/legacy-licenses\/package\.json/);
    assert.match(legacyHover ?? '', /chose MPL-2\.0/);
    const agpl = diagnostics.find((d) => d.code === 'license-denied' && d.range.start.line === lineOf(text, 'agpl-server'))!;
    assert.equal(agpl.severity, 1);
    assert.equal(agpl.message, 'agpl-server: AGPL-3.0-only is denied by policy');
    const expired = diagnostics.find((d) => d.range.start.line === lineOf(text, 'expired-approval'))!;
    assert.match(expired.message, /its approval expired on 2020-01-01$/);
    for (const d of diagnostics) assert.ok(d.message.length <= 90 && !d.message.includes(' — '), `one short line: ${d.message}`);
    // A pending request keeps the severity of what it asks an exception to: LGPL-2.1-only needs review.
    assert.equal(diagnostics.find((d) => d.code === 'approval-pending')!.severity, 2);
  });

  it('re-checks a half-typed package.json as the user types', async () => {
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    await client.diagnosticsFor(manifest());
    // The user is typing a new dependency after wrapper-lib: the rest of the file is not there yet.
    const halfTyped = text.slice(0, text.indexOf('"legacy-licenses"')) + '"legacy-';
    client.change(manifest(), halfTyped);
    const diagnostics = await client.diagnosticsFor(manifest(), (d) => !d.some((x) => x.message.startsWith('expired-approval')));
    const wrapper = diagnostics.find((d) => d.range.start.line === lineOf(text, 'wrapper-lib'));
    assert.equal(wrapper?.code, 'license-denied', 'what parsed is still checked');
    assert.ok(diagnostics.some((d) => d.range.start.line === lineOf(text, 'agpl-server') && d.code === 'license-denied'));
    assert.ok(!diagnostics.some((d) => d.range.start.line > lineOf(text, 'wrapper-lib')), 'nothing reported past the cursor');
    // Finishing the line brings the new dependency's finding.
    client.change(manifest(), halfTyped + 'licenses": "^0.5.0"\n  }\n}\n');
    await client.diagnosticsFor(manifest(), (d) => d.some((x) => x.message.startsWith('legacy-licenses: MPL-2.0 OR AGPL-3.0-only needs approval')));
  });

  it('reports header findings and inserts a header after the shebang', async () => {
    const script = path.join(workspace.root, 'src/tool.sh');
    const text = fs.readFileSync(script, 'utf8');
    client.open(script, text, 'shellscript');
    const [missing] = await client.diagnosticsFor(script, (d) => d.length > 0);
    assert.equal(missing.code, 'header-missing');
    assert.equal(missing.range.start.line, 0);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(script) },
      range: missing.range,
      context: { diagnostics: [missing], only: ['quickfix'] },
    })) as CodeAction[];
    const insert = actions.find((a) => a.title.startsWith('Insert license header'))!;
    assert.ok(insert, `no insert action among ${actions.map((a) => a.title)}`);
    assert.equal(insert.isPreferred, true);
    const fixed = applyEdits(text, editsFor(insert.edit!, script));
    const year = new Date().getFullYear();
    assert.equal(fixed, `#!/usr/bin/env bash\n# SPDX-FileCopyrightText: ${year} Acme Inc.\n# SPDX-License-Identifier: Apache-2.0\n\nset -euo pipefail\necho "tool"\n`);
    client.change(script, fixed);
    await client.diagnosticsFor(script, (d) => d.length === 0);
  });

  it('reports a mismatched identifier on its line and replaces it', async () => {
    const file = path.join(workspace.root, 'src/mismatch.py');
    const text = fs.readFileSync(file, 'utf8');
    client.open(file, text, 'python');
    const [mismatch] = await client.diagnosticsFor(file, (d) => d.length > 0);
    assert.equal(mismatch.code, 'header-license-mismatch');
    assert.equal(mismatch.range.start.line, 1);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(file) },
      range: mismatch.range,
      context: { diagnostics: [mismatch] },
    })) as CodeAction[];
    const replace = actions.find((a) => a.title === 'Replace license identifier with Apache-2.0')!;
    assert.ok(replace, `no replace action among ${actions.map((a) => a.title)}`);
    const fixed = applyEdits(text, editsFor(replace.edit!, file));
    assert.equal(fixed, text.replace('SPDX-License-Identifier: MIT', 'SPDX-License-Identifier: Apache-2.0'));
  });

  it('offers source.fixAll.ospo for a file missing its header', async () => {
    const file = path.join(workspace.root, 'src/missing.ts');
    const text = fs.readFileSync(file, 'utf8');
    client.open(file, text, 'typescript');
    await client.diagnosticsFor(file, (d) => d.some((x) => x.code === 'header-missing'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(file) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.ospo'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.ospo');
    const fixed = applyEdits(text, editsFor(actions[0].edit!, file));
    assert.match(fixed, /^\/\/ SPDX-FileCopyrightText: \d{4} Acme Inc\.\n\/\/ SPDX-License-Identifier: Apache-2\.0\n\nexport function missing/);
  });

  it('turns a requested approval into approval-pending', async () => {
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    const diagnostics = await client.diagnosticsFor(manifest());
    const mpl = diagnostics.find((d) => d.range.start.line === lineOf(text, '"mpl-lib"'))!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: LspTestClient.uri(manifest()) },
      range: mpl.range,
      context: { diagnostics: [mpl] },
    })) as CodeAction[];
    const request = actions.find((a) => a.title === 'Request approval for mpl-lib')!;
    assert.equal(request.command?.command, 'ospo.server.requestApproval');
    const [args] = request.command!.arguments as Array<{ subject: Record<string, unknown>; uri: string }>;
    assert.equal(args.subject.purl, 'pkg:npm/mpl-lib');
    assert.equal(args.subject.license, 'MPL-2.0');

    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'ospo.server.requestApproval',
      arguments: [{ ...args, justification: 'Needed for the PDF export.', requestedBy: 'Test User <test@example.org>' }],
    })) as { applied: boolean; url?: string };
    assert.equal(result.applied, true);
    assert.match(result.url!, /^https:\/\/example\.org\/new\?title=Approval%20request%3A%20mpl-lib%20\(MPL-2\.0\)&body=/);
    const log = JSON.parse(fs.readFileSync(path.join(workspace.root, '.ospo/approvals.json'), 'utf8'));
    const entry = log.approvals.at(-1);
    assert.deepEqual(
      { ...entry, requestedAt: 'today' },
      { package: 'pkg:npm/mpl-lib', version: '^2.0.0', license: 'MPL-2.0', status: 'requested', requestedBy: 'Test User <test@example.org>', requestedAt: 'today', justification: 'Needed for the PDF export.' },
    );
    assert.equal(log.approvals.length, 5, 'existing entries are kept');
    client.filesChanged([path.join(workspace.root, '.ospo/approvals.json')]);
    const pending = await client.diagnosticsFor(manifest(), (d) => d.some((x) => x.range.start.line === mpl.range.start.line && x.code === 'approval-pending'));
    assert.equal(pending.find((x) => x.range.start.line === mpl.range.start.line)!.severity, mpl.severity, 'the request lowers nothing');
  });

  it('flags a broken policy where it breaks and keeps applying the last good policy', async () => {
    const policyPath = path.join(workspace.root, '.ospo/policy.json');
    const policyText = fs.readFileSync(policyPath, 'utf8');
    const text = fs.readFileSync(manifest(), 'utf8');
    client.open(manifest(), text);
    await client.diagnosticsFor(manifest());
    client.open(policyPath, policyText, 'jsonc');
    const broken = policyText.replace('"AGPL-3.0-only", "GPL-3.0-only"', '"AGPL-3.0-only", "gpl-3.0-only"').replace('"unknown": "review"', '"unknwn": "review"');
    client.change(policyPath, broken);
    const problems = await client.diagnosticsFor(policyPath, (d) => d.length >= 2);
    assert.deepEqual(problems.map((d) => d.code), ['policy-invalid', 'policy-invalid']);
    const badId = problems.find((d) => d.message.includes('gpl-3.0-only'))!;
    assert.equal(badId.range.start.line, lineOf(broken, '"gpl-3.0-only"'));
    assert.equal(broken.split('\n')[badId.range.start.line].slice(badId.range.start.character, badId.range.end.character), '"gpl-3.0-only"');
    assert.ok(problems.some((d) => /unknown key "unknwn"/.test(d.message) && d.range.start.line === lineOf(broken, 'unknwn')));
    // The manifest is re-checked under the last good policy: GPL-3.0-only stays denied.
    const manifestDiagnostics = await client.diagnosticsFor(manifest());
    assert.ok(manifestDiagnostics.some((d) => d.message.startsWith('wrapper-lib > inner-gpl: GPL-3.0-only is denied')));

    // A valid edit applies at once: allowing AGPL-3.0-only clears that finding.
    client.change(policyPath, policyText.replace('"deny": ["AGPL-3.0-only", ', '"deny": [').replace('"allow": ["MIT",', '"allow": ["AGPL-3.0-only", "MIT",'));
    await client.diagnosticsFor(policyPath, (d) => d.length === 0);
    await client.diagnosticsFor(manifest(), (d) => !d.some((x) => x.range.start.line === lineOf(text, 'agpl-server')));
  });
});

function URI_TO_PATH(uri: string): string {
  return decodeURIComponent(new URL(uri).pathname);
}
