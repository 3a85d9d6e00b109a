import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type OspoStatus } from '../../../server/src/protocol/ospo-protocol';
import { FOUNDATION_DEPENDENCY_FINDINGS } from '../../support/foundation-expectations';
import { activate, codes, lineOf, open, ospoDiagnostics, readText, waitFor, workspaceUri, type OspoApi } from './helpers';
import { diagnosticCode } from '../../../client/src/diagnostic-code';

describe('OSPO Guide in a real VS Code (foundation workspace)', function () {
  let api: OspoApi;

  before(async () => {
    api = await activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows dependency diagnostics on the dependency names of package.json', async () => {
    const editor = await open('package.json');
    const uri = editor.document.uri;
    await waitFor('package.json diagnostics', () => ospoDiagnostics(uri).length === 13);
    const doc = editor.document;
    const expected = FOUNDATION_DEPENDENCY_FINDINGS.map(([needle, code]) => `${lineOf(doc, needle)}:${code}`);
    assert.deepEqual(codes(uri), expected.sort());
    const wrapper = ospoDiagnostics(uri).find((d) => d.range.start.line === lineOf(doc, 'wrapper-lib'))!;
    assert.equal(doc.getText(wrapper.range), 'wrapper-lib');
    assert.match(wrapper.message, /^wrapper-lib > inner-gpl: GPL-3\.0-only is denied/);
    await waitFor('the status bar to count the errors', () => /OSPO: \d+ errors?/.test(api.statusText()));
    assert.match(api.statusTooltip(), /Policy: \.ospo\/policy\.json/);
  });

  it('inserts a header with the quick fix and the diagnostic goes away', async () => {
    const editor = await open('src/missing.ts');
    const uri = editor.document.uri;
    const [diagnostic] = await waitFor('header-missing', () => {
      const d = ospoDiagnostics(uri);
      return d.length === 1 && diagnosticCode(d[0]) === 'header-missing' ? d : undefined;
    });
    const action = await waitFor('the quick fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return actions?.find((a) => a.title === 'Insert license header (Apache-2.0)');
    });
    assert.equal(action.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.match(editor.document.getText(), /^\/\/ SPDX-FileCopyrightText: \d{4} Acme Inc\.\n\/\/ SPDX-License-Identifier: Apache-2\.0\n\nexport function missing/);
    await waitFor('the diagnostic to clear', () => ospoDiagnostics(uri).length === 0);
    await editor.document.save();
  });

  it('"Insert License Header" fixes the active file after its shebang', async () => {
    const editor = await open('src/tool.sh');
    await waitFor('header-missing on tool.sh', () => ospoDiagnostics(editor.document.uri).length === 1);
    assert.equal(await vscode.commands.executeCommand('ospo.insertLicenseHeader'), true);
    assert.match(editor.document.getText(), /^#!\/usr\/bin\/env bash\n# SPDX-FileCopyrightText: \d{4} Acme Inc\.\n# SPDX-License-Identifier: Apache-2\.0\n/);
    await waitFor('the diagnostic to clear', () => ospoDiagnostics(editor.document.uri).length === 0);
    await editor.document.save();
  });

  it('requests an approval into the log, then a review approves it', async () => {
    const editor = await open('package.json');
    const uri = editor.document.uri;
    const line = lineOf(editor.document, '"mpl-lib"');
    const diagnostic = await waitFor('mpl-lib needs approval', () => ospoDiagnostics(uri).find((d) => d.range.start.line === line && diagnosticCode(d) === 'license-needs-approval'));
    const action = await waitFor('the request action', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return actions?.find((a) => a.title === 'Request approval for mpl-lib');
    });
    assert.equal(action.command?.command, SERVER_COMMANDS.requestApproval.name);
    const [args] = action.command!.arguments as Array<{ subject: unknown; uri: string }>;
    // Run from the quick fix, the client asks for a justification first; here the server is called with one.
    const result = await api.client()!.sendRequest<{ applied: boolean; url?: string }>('workspace/executeCommand', {
      command: SERVER_COMMANDS.requestApproval.name,
      // Someone else than the reviewer below (this editor's git identity): a self-approval would not count.
      arguments: [{ ...args, justification: 'PDF export needs it.', requestedBy: 'Dana Developer <dana@example.org>' }],
    });
    assert.equal(result.applied, true);
    assert.match(result.url ?? '', /^https:\/\/example\.org\/new\?title=Approval%20request%3A%20mpl-lib/);
    const log = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('.ospo/approvals.json'))!;
    assert.ok(log.isDirty, 'the request is an undoable edit, not a silent write');
    assert.ok(await log.save());
    const pending = await waitFor('approval-pending', () => ospoDiagnostics(uri).find((d) => d.range.start.line === line && diagnosticCode(d) === 'approval-pending'));
    assert.equal(pending.severity, diagnostic.severity, 'a request lowers nothing');
    const entries = JSON.parse(await readText('.ospo/approvals.json')).approvals as Array<{ package: string; status: string }>;
    const index = entries.findIndex((e) => e.package === 'pkg:npm/mpl-lib' && e.status === 'requested');
    assert.ok(index >= 0);

    assert.equal(await vscode.commands.executeCommand('ospo.reviewApprovals', { index, decision: 'approved', comment: 'OK for the export module.' }), true);
    const saved = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('.ospo/approvals.json'))!;
    assert.ok(await saved.save());
    await waitFor('the finding to go away', () => !ospoDiagnostics(uri).some((d) => d.range.start.line === line));
    const reviewed = JSON.parse(await readText('.ospo/approvals.json')).approvals[index];
    assert.equal(reviewed.status, 'approved');
    assert.equal(reviewed.comment, 'OK for the export module.');
  });

  it('applies settings changes without a reload', async () => {
    const editor = await open('src/mismatch.py');
    const uri = editor.document.uri;
    const config = () => vscode.workspace.getConfiguration('ospo', vscode.workspace.workspaceFolders![0]);
    await waitFor('header mismatch', () => ospoDiagnostics(uri).length === 1);
    await config().update('headers.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('header diagnostics off', () => ospoDiagnostics(uri).length === 0);
    await config().update('headers.enable', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('header diagnostics back', () => ospoDiagnostics(uri).length === 1);
    const manifest = await open('package.json');
    await waitFor('dependency diagnostics', () => ospoDiagnostics(manifest.document.uri).length > 0);
    await config().update('enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('everything off', () => ospoDiagnostics(manifest.document.uri).length === 0 && ospoDiagnostics(uri).length === 0);
    await config().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('everything back', () => ospoDiagnostics(manifest.document.uri).length > 0);
  });

  it('audits the workspace into the Problems panel, opens the report and exports SARIF', async () => {
    // A file written behind the editor's back and never opened: only the audit can report it.
    const late = workspaceUri('src/late.ts');
    await vscode.workspace.fs.writeFile(late, new TextEncoder().encode('export const late = true;\n'));
    const outcome = await vscode.commands.executeCommand<{ cancelled: boolean; folders: Array<{ findings: unknown[] }> }>('ospo.auditWorkspace');
    assert.equal(outcome?.cancelled, false);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === late.toString()), 'never opened');
    await waitFor('audit diagnostics for a file that is not open', () => ospoDiagnostics(late).some((d) => diagnosticCode(d) === 'header-missing'));
    assert.ok(api.lastAudit());
    await waitFor('the report tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'OSPO Audit Report' && t.input instanceof vscode.TabInputWebview),
    );
    const target = workspaceUri('audit.sarif');
    await vscode.commands.executeCommand('ospo.exportReport', { format: 'sarif', uri: target });
    const sarif = JSON.parse(await readText('audit.sarif'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.ok(sarif.runs[0].results.every((r: { ruleId: string }) => typeof r.ruleId === 'string'));
  });

  it('keeps the open report true: an edit that changes the findings re-runs its audit', async () => {
    await vscode.commands.executeCommand('ospo.auditWorkspace');
    const before = await waitFor('the report', () => api.auditReport());
    const fresh = workspaceUri('src/fresh.ts');
    const hasFresh = (data: typeof before.data) => data.folders.some((f) => f.findings.some((x) => x.file === 'src/fresh.ts' && x.code === 'header-missing'));
    assert.equal(hasFresh(before.data), false);
    // A new file without a header: its diagnostic changes the counts the server reports, and the report follows.
    await vscode.workspace.fs.writeFile(fresh, new TextEncoder().encode('export const fresh = true;\n'));
    const editor = await vscode.window.showTextDocument(fresh, { viewColumn: vscode.ViewColumn.Beside });
    await waitFor('header-missing on the new file', () => ospoDiagnostics(editor.document.uri).some((d) => diagnosticCode(d) === 'header-missing'));
    const after = await waitFor('the report to refresh', () => {
      const report = api.auditReport();
      return report && !report.refreshing && hasFresh(report.data) ? report : undefined;
    });
    assert.equal(after.stale, false);
    assert.equal(after.data.restricted, false);
    await vscode.workspace.fs.delete(fresh);
  });

  it('links a dependency finding to the policy entry that decided it and to the rule\'s documentation', async () => {
    const editor = await open('package.json');
    const uri = editor.document.uri;
    const line = lineOf(editor.document, 'agpl-server');
    const denied = await waitFor('agpl-server denied', () => ospoDiagnostics(uri).find((d) => d.range.start.line === line && diagnosticCode(d) === 'license-denied'));
    const [related] = denied.relatedInformation ?? [];
    assert.ok(related, 'the finding names the policy entry that decided it');
    assert.equal(related.location.uri.fsPath, workspaceUri('.ospo/policy.json').fsPath);
    const policy = await vscode.workspace.openTextDocument(related.location.uri);
    assert.match(policy.getText(related.location.range), /^"?AGPL-3\.0-only"?$/);
    assert.match(related.message, /licenses\.deny/);
    const code = denied.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'license-denied');
    assert.equal(code.target.fragment, 'rule-license-denied');
  });

  it('completes license ids in the policy with their names', async () => {
    const editor = await open('.ospo/policy.json');
    const doc = editor.document;
    const at = doc.getText().indexOf('"MIT"');
    // A new entry being typed at the head of the allow list.
    await editor.edit((edit) => edit.insert(doc.positionAt(at), '"Apache-", '));
    const position = doc.positionAt(at + '"Apache-'.length);
    const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    const items = await waitFor('policy completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      return list?.items.some((i) => label(i) === 'Apache-2.0') ? list.items : undefined;
    });
    const apache = items.find((i) => label(i) === 'Apache-2.0')!;
    const described = [apache.detail, typeof apache.label === 'string' ? '' : apache.label.description, typeof apache.label === 'string' ? '' : apache.label.detail].join(' ');
    assert.match(described, /Apache License 2\.0/);
    assert.ok(items.some((i) => /^@permissive/.test(label(i))), 'categories are offered too');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('flags a broken policy where it breaks and keeps the last good policy', async () => {
    const manifest = await open('package.json');
    await waitFor('dependency diagnostics', () => ospoDiagnostics(manifest.document.uri).length > 0);
    const policy = await open('.ospo/policy.json');
    const text = policy.document.getText();
    const at = text.indexOf('"GPL-3.0-only"');
    await policy.edit((edit) => edit.replace(new vscode.Range(policy.document.positionAt(at), policy.document.positionAt(at + '"GPL-3.0-only"'.length)), '"gpl-3.0-only"'));
    const [problem] = await waitFor('policy-invalid', () => {
      const d = ospoDiagnostics(policy.document.uri);
      return d.length ? d : undefined;
    });
    assert.equal(diagnosticCode(problem), 'policy-invalid');
    assert.equal(policy.document.getText(problem.range), '"gpl-3.0-only"');
    assert.ok(ospoDiagnostics(manifest.document.uri).some((d) => d.message.startsWith('wrapper-lib > inner-gpl: GPL-3.0-only is denied')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the policy to be valid again', () => ospoDiagnostics(policy.document.uri).length === 0);
  });

  it('drives the status bar from the server\'s ospo/status: a broken policy shows at once, with its reason', async () => {
    const manifest = await open('package.json');
    await waitFor('dependency diagnostics', () => ospoDiagnostics(manifest.document.uri).length > 0);
    // The text is the server's own count for this folder, as the status command reports it too.
    const expected = async () => {
      const status = await api.client()!.sendRequest<OspoStatus>('workspace/executeCommand', { command: SERVER_COMMANDS.status.name, arguments: [] });
      const { error, warning } = status.folders[0].counts;
      const parts = [error ? `${error} error${error === 1 ? '' : 's'}` : '', warning ? `${warning} warning${warning === 1 ? '' : 's'}` : ''].filter(Boolean);
      return `OSPO: ${parts.join(', ') || 'no problems'}`;
    };
    await waitFor('the status bar to show the server\'s counts', async () => api.statusText().endsWith(await expected()));
    assert.equal(api.statusBackground(), undefined);

    const policy = await open('.ospo/policy.json');
    const text = policy.document.getText();
    const at = text.indexOf('"GPL-3.0-only"');
    // Unsaved: only the server's notification can tell the status bar, which no longer polls.
    await policy.edit((edit) => edit.replace(new vscode.Range(policy.document.positionAt(at), policy.document.positionAt(at + '"GPL-3.0-only"'.length)), '"gpl-3.0-only"'));
    await waitFor('a warning background', () => api.statusBackground() === 'statusBarItem.warningBackground');
    assert.match(api.statusText(), /^\$\(warning\) OSPO: /);
    assert.match(api.statusTooltip(), /The policy has \d+ problems?; the last valid policy applies/);
    assert.match(api.statusTooltip(), /gpl-3\.0-only/);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the warning to clear', () => api.statusBackground() === undefined);
    assert.doesNotMatch(api.statusTooltip(), /The policy has/);
    await waitFor('the counts again', async () => api.statusText().endsWith(await expected()));
  });

  it('fixes every header in the workspace after confirmation', async () => {
    const fixed = await vscode.commands.executeCommand<number>('ospo.fixAllHeaders', { confirm: true });
    assert.ok(fixed >= 1);
    assert.match(await readText('src/mismatch.py'), /SPDX-License-Identifier: Apache-2\.0/);
    const outcome = await vscode.commands.executeCommand<{ folders: Array<{ findings: Array<{ code: string }> }> }>('ospo.auditWorkspace');
    assert.deepEqual(outcome!.folders[0].findings.filter((f) => f.code.startsWith('header-')), []);
  });

  it('opens the walkthrough and the output channel', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'ospo-guide.ospo-guide#gettingStarted', false);
    await waitFor('the walkthrough', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => /Welcome|Walkthrough|Get started/i.test(t.label)));
    await vscode.commands.executeCommand('ospo.showOutput');
  });
});
