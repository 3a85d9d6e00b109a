import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, readText, waitFor, workspaceUri, type OspoApi } from './helpers';

/**
 * Replaces the save dialog for one call: the native dialog cannot be driven from the extension host. The
 * replacement records that the command asked where to save, and answers with `target`.
 */
async function answeringSaveDialog<T>(target: vscode.Uri, action: () => Thenable<T>): Promise<{ result: T; asked: vscode.SaveDialogOptions[] }> {
  const asked: vscode.SaveDialogOptions[] = [];
  const original = vscode.window.showSaveDialog;
  (vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog }).showSaveDialog = async (options) => {
    asked.push(options ?? {});
    return target;
  };
  try {
    return { result: await action(), asked };
  } finally {
    (vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog }).showSaveDialog = original;
  }
}

describe('SBOM and notices exports in a real VS Code (foundation workspace)', function () {
  let api: OspoApi;

  before(async () => {
    api = await activate();
    const outcome = await vscode.commands.executeCommand<{ cancelled: boolean }>('ospo.auditWorkspace');
    assert.equal(outcome?.cancelled, false);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the report\'s CycloneDX button asks where to save and writes a CycloneDX 1.6 SBOM from the server', async () => {
    const target = workspaceUri('bom.cdx.json');
    const { asked } = await answeringSaveDialog(target, () => api.reportMessage({ type: 'export', format: 'cyclonedx' }));
    assert.equal(asked.length, 1);
    assert.match(asked[0].defaultUri?.path ?? '', /bom\.cdx\.json$/);
    const bom = JSON.parse(await waitFor('the saved SBOM', () => readText('bom.cdx.json'))) as {
      specVersion: string;
      components: Array<{ name: string; purl: string; scope: string }>;
      dependencies: Array<{ ref: string }>;
    };
    assert.equal(bom.specVersion, '1.6');
    const leftPad = bom.components.find((c) => c.name === 'left-pad');
    assert.equal(leftPad?.purl, 'pkg:npm/left-pad@1.3.0');
    assert.equal(leftPad?.scope, 'required');
    assert.equal(bom.components.find((c) => c.name === 'expired-approval')?.scope, 'optional');
    assert.ok(bom.dependencies.length > 0);
  });

  it('the report\'s SPDX button writes an SPDX 2.3 SBOM', async () => {
    const target = workspaceUri('bom.spdx.json');
    const { asked } = await answeringSaveDialog(target, () => api.reportMessage({ type: 'export', format: 'spdx' }));
    assert.equal(asked.length, 1);
    const doc = JSON.parse(await waitFor('the saved SBOM', () => readText('bom.spdx.json'))) as {
      spdxVersion: string;
      packages: Array<{ name: string; licenseDeclared: string }>;
      relationships: Array<{ relationshipType: string }>;
    };
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    assert.equal(doc.packages.find((p) => p.name === 'left-pad')?.licenseDeclared, 'MIT');
    assert.ok(doc.relationships.some((r) => r.relationshipType === 'DEV_DEPENDENCY_OF'));
  });

  it('"Generate Third-Party Notices" writes the notices of the shipped packages through the server', async () => {
    const target = workspaceUri('THIRD-PARTY-NOTICES.md');
    const { result, asked } = await answeringSaveDialog(target, () => vscode.commands.executeCommand<vscode.Uri | undefined>('ospo.generateNotices', { format: 'markdown' }));
    assert.equal(asked.length, 1);
    assert.equal(result?.toString(), target.toString());
    const text = await readText('THIRD-PARTY-NOTICES.md');
    assert.match(text, /^# Third-party software notices$/m);
    assert.match(text, /^\| left-pad \| 1\.3\.0 \| MIT \|$/m);
    // A dev dependency is not shipped; a package of unknown license is listed apart.
    assert.doesNotMatch(text, /^## expired-approval/m);
    assert.match(text, /^## Needs attention: packages whose license is unknown$/m);
    assert.match(text.slice(text.indexOf('## Needs attention')), /^### mystery-pkg/m);
  });
});
