import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../../../server/src/protocol/ospo-protocol';
import { activate, lineOf, open, ospoDiagnostics, waitFor, type OspoApi } from './helpers';
import { diagnosticCode } from '../../../client/src/diagnostic-code';

describe('OSPO Guide in a restricted (untrusted) workspace', function () {
  let api: OspoApi;

  before(async () => {
    api = await activate();
  });

  it('runs in restricted mode and still reports findings', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const editor = await open('src/index.ts');
    await waitFor('header-missing', () => ospoDiagnostics(editor.document.uri).some((d) => diagnosticCode(d) === 'header-missing'));
    const manifest = await open('package.json');
    const line = lineOf(manifest.document, '"mpl-lib"');
    await waitFor('the dependency finding', () => ospoDiagnostics(manifest.document.uri).some((d) => d.range.start.line === line && diagnosticCode(d) === 'license-needs-approval'));
  });

  it('does not load a policy from outside the folder', async () => {
    const policy = await open('.ospo/policy.json');
    const [problem] = await waitFor('policy-not-loaded', () => {
      const d = ospoDiagnostics(policy.document.uri);
      return d.length ? d : undefined;
    });
    assert.match(problem.message, /outside the workspace and is not loaded in an untrusted workspace/);
    // Skipped for want of trust, not broken: a warning, not a red policy-invalid error.
    assert.equal(diagnosticCode(problem), 'policy-not-loaded');
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(policy.document.lineAt(problem.range.start.line).text.includes('../../org-policies/base.json'), true);
    // The status bar says what restricted mode skipped, and how to trust the folder: not that the policy is broken.
    await waitFor('the restricted tooltip', () => /restricted: .*org-policies\/base\.json not loaded/.test(api.statusTooltip()));
    assert.match(api.statusTooltip(), /\[Manage Workspace Trust\]\(command:workbench\.trust\.manage\)/);
    assert.doesNotMatch(api.statusTooltip(), /last valid policy applies/);
    assert.equal(api.statusBackground(), undefined);
  });

  it('says in the audit report that the audit ran restricted', async () => {
    await vscode.commands.executeCommand('ospo.auditWorkspace');
    const report = await waitFor('the report', () => api.auditReport());
    assert.equal(report.data.restricted, true);
  });

  it('opens no URL the workspace names', async () => {
    const result = await api.client()!.sendRequest<{ applied: boolean; url?: string }>('workspace/executeCommand', {
      command: SERVER_COMMANDS.requestApproval.name,
      arguments: [{ subject: { purl: 'pkg:npm/mpl-lib', name: 'mpl-lib', ecosystem: 'npm', license: 'MPL-2.0', via: ['mpl-lib'] }, justification: 'Needed.' }],
    });
    assert.equal(result.applied, true);
    assert.equal(result.url, undefined);
  });
});
