import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, ospoDiagnostics, open, readText, waitFor, type OspoApi } from './helpers';

describe('OSPO Guide in a workspace without a policy', function () {
  let api: OspoApi;

  before(async () => {
    api = await activate();
  });

  it('checks with the embedded default policy and the project license', async () => {
    const editor = await open('src/index.ts');
    const [diagnostic] = await waitFor('header-missing', () => {
      const d = ospoDiagnostics(editor.document.uri);
      return d.length ? d : undefined;
    });
    assert.match(diagnostic.message, /the policy expects MIT/);
    await waitFor('the status bar', () => /OSPO: \d+ (error|warning)/.test(api.statusText()) && /Embedded default policy/.test(api.statusTooltip()));
  });

  it('"Open Policy" creates a commented starter policy from the default', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('ospo.openPolicy');
    assert.ok(editor);
    assert.ok(editor.document.uri.path.endsWith('/.ospo/policy.json'));
    const text = await readText('.ospo/policy.json');
    assert.match(text, /\/\/ OSPO Guide policy/);
    assert.match(text, /"license": "MIT"/);
    await waitFor('the status bar to name the file', () => /Policy: \.ospo\/policy\.json/.test(api.statusTooltip()));
  });
});
