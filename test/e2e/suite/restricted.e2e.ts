import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, lineOf, open, ospoDiagnostics, waitFor, type OspoApi } from './helpers';

describe('OSPO Guide in a restricted (untrusted) workspace', function () {
  let api: OspoApi;

  before(async () => {
    api = await activate();
  });

  it('runs in restricted mode and still reports findings', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const editor = await open('src/index.ts');
    await waitFor('header-missing', () => ospoDiagnostics(editor.document.uri).some((d) => d.code === 'header-missing'));
    const manifest = await open('package.json');
    const line = lineOf(manifest.document, '"mpl-lib"');
    await waitFor('the dependency finding', () => ospoDiagnostics(manifest.document.uri).some((d) => d.range.start.line === line && d.code === 'license-needs-approval'));
  });

  it('does not load a policy from outside the folder', async () => {
    const policy = await open('.ospo/policy.json');
    const [problem] = await waitFor('policy-invalid', () => {
      const d = ospoDiagnostics(policy.document.uri);
      return d.length ? d : undefined;
    });
    assert.match(problem.message, /outside the workspace and is not loaded in an untrusted workspace/);
    assert.equal(policy.document.lineAt(problem.range.start.line).text.includes('../../org-policies/base.json'), true);
  });

  it('opens no URL the workspace names', async () => {
    const result = await api.client()!.sendRequest<{ applied: boolean; url?: string }>('workspace/executeCommand', {
      command: 'ospo.server.requestApproval',
      arguments: [{ subject: { purl: 'pkg:npm/mpl-lib', name: 'mpl-lib', ecosystem: 'npm', license: 'MPL-2.0', via: ['mpl-lib'] }, justification: 'Needed.' }],
    });
    assert.equal(result.applied, true);
    assert.equal(result.url, undefined);
  });
});
