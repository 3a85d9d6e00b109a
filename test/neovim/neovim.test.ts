import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const DRIVER = path.resolve(__dirname, 'drive-neovim.lua');

interface NvimDiagnostic {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

interface NeovimRun {
  readonly nvim: { major: number; minor: number; patch: number };
  readonly error?: string;
  readonly messages: Array<{ type: number; message: string }>;
  readonly log: string[];
  readonly steps: Record<string, unknown>;
}

/**
 * The server driven by a real Neovim (Debian's, headless, no user configuration) through its built-in LSP client:
 * test/neovim/drive-neovim.lua does what a user would and records what Neovim shows; this file judges it.
 */
describe('Neovim', function () {
  this.timeout(120000);
  let workspace: ReturnType<typeof copyFixture>;
  let run: NeovimRun;
  let lockBefore: string;

  before(function () {
    workspace = copyFixture('workspaces/foundation');
    lockBefore = fs.readFileSync(path.join(workspace.root, 'package-lock.json'), 'utf8');
    const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-neovim-results-'));
    const results = path.join(resultsDir, 'results.json');
    try {
      const nvim = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${DRIVER}`], {
        cwd: workspace.root,
        env: { ...process.env, OSPO_NVIM_WORKSPACE: workspace.root, OSPO_NVIM_SERVER: SERVER, OSPO_NVIM_RESULTS: results, OSPO_NVIM_NODE: process.execPath },
        encoding: 'utf8',
        timeout: 110000,
      });
      if (nvim.error) throw nvim.error;
      if (!fs.existsSync(results)) throw new Error(`Neovim wrote no results (status ${nvim.status}): ${nvim.stderr}${nvim.stdout}`);
      run = JSON.parse(fs.readFileSync(results, 'utf8')) as NeovimRun;
    } finally {
      fs.rmSync(resultsDir, { recursive: true, force: true });
    }
  });

  after(() => workspace?.dispose());

  const step = <T>(name: string): T => {
    assert.ok(!run.error, `the Neovim run stopped: ${run.error}\nserver log:\n${run.log.join('\n')}`);
    assert.ok(name in run.steps, `no step ${name}`);
    return run.steps[name] as T;
  };
  const codesOn = (diagnostics: NvimDiagnostic[], line: number) => diagnostics.filter((d) => d.line === line).map((d) => d.code);
  const manifestText = () => fs.readFileSync(path.join(workspace.root, 'package.json'), 'utf8');
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

  it('runs the whole session without an error, in Neovim 0.7 or later', () => {
    assert.ok(run.nvim.major > 0 || run.nvim.minor >= 7, `Neovim ${run.nvim.major}.${run.nvim.minor}`);
    assert.equal(run.error, undefined, `${run.error}\nserver log:\n${run.log.join('\n')}`);
    assert.equal(step('stopped'), true);
  });

  it('shows dependency findings on the names in the manifest', () => {
    const manifest = step<NvimDiagnostic[]>('manifest');
    const text = manifestText();
    assert.deepEqual(codesOn(manifest, lineOf(text, '"agpl-server"')), ['license-denied']);
    assert.deepEqual(codesOn(manifest, lineOf(text, '"event-stream"')), ['package-denied']);
    assert.deepEqual(codesOn(manifest, lineOf(text, '"mpl-lib"')), ['license-needs-approval']);
    assert.deepEqual(codesOn(manifest, lineOf(text, '"left-pad"')), [], 'an allowed license has no finding');
  });

  it('explains a finding on hover', () => {
    assert.match(step<string>('hover'), /AGPL-3\.0-only/);
    assert.match(step<string>('hover'), /license-denied/);
  });

  it('inserts a license header below the shebang with the quick fix, and the finding goes', () => {
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('script_before'), 0), ['header-missing']);
    assert.ok(step<string[]>('script_actions').some((title) => title.startsWith('Insert license header')), JSON.stringify(step('script_actions')));
    const [shebang, copyright, license] = step<string[]>('script_lines');
    assert.equal(shebang, '#!/usr/bin/env bash');
    assert.match(copyright, /^# SPDX-FileCopyrightText: \d{4} Acme Inc\.$/);
    assert.equal(license, '# SPDX-License-Identifier: Apache-2.0');
    assert.deepEqual(step('script_after'), []);
  });

  it('records a requested approval without a justification, for the requester to fill in', () => {
    assert.equal(step('mpl_before'), true);
    assert.ok(step<string[]>('manifest_actions').includes('Request approval for mpl-lib'));
    const unsaved = JSON.parse(step<string[]>('log_unsaved').join('\n')) as { approvals: Array<Record<string, string>> };
    assert.equal(unsaved.approvals.length, 5, 'the other entries are kept');
    const entry = unsaved.approvals.at(-1)!;
    assert.deepEqual([entry.package, entry.status, entry.license, entry.justification], ['pkg:npm/mpl-lib', 'requested', 'MPL-2.0', '']);
    assert.equal(step('log_modified'), true, 'an edit of the buffer, to review and save');
    assert.equal(step('mpl_still_unrequested'), true, 'nothing counts before the log is saved');
    const line = step<number>('justification_line');
    assert.ok(
      run.messages.some((m) => m.message.includes(`approvals.json:${line + 1}`)),
      `the message names the line of the justification: ${JSON.stringify(run.messages)}`,
    );
  });

  it('shows approval-pending once the completed log is saved, though the client watches no files', () => {
    const text = manifestText();
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('mpl_after_save'), lineOf(text, '"mpl-lib"')), ['approval-pending']);
    const log = JSON.parse(fs.readFileSync(path.join(workspace.root, '.ospo/approvals.json'), 'utf8')) as { approvals: Array<Record<string, string>> };
    assert.equal(log.approvals.at(-1)!.justification, 'PDF export needs it.');
  });

  it('sees a lock file changed on disk', () => {
    const line = lineOf(manifestText(), '"left-pad"');
    assert.equal(step('left_pad_before'), false);
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('left_pad_after'), line), ['license-denied']);
    assert.notEqual(fs.readFileSync(path.join(workspace.root, 'package-lock.json'), 'utf8'), lockBefore);
  });

  it('reports a dependency as it is typed into the unsaved manifest, and drops it when the line is removed', () => {
    const typedLine = lineOf(manifestText(), '"devDependencies"') + 1;
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('typed'), typedLine), ['package-denied']);
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('removed'), typedLine), ['license-needs-approval'], 'the line below is back where it was');
    assert.equal(step<NvimDiagnostic[]>('removed').length, step<NvimDiagnostic[]>('left_pad_after').length);
  });

  it('applies settings pushed with workspace/didChangeConfiguration', () => {
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('source_before'), 0), ['header-missing']);
    assert.deepEqual(step('source_headers_off'), []);
    assert.deepEqual(codesOn(step<NvimDiagnostic[]>('source_headers_on'), 0), ['header-missing']);
  });

  it('answers an unknown command with an error', () => {
    const error = step<{ code: number; message: string }>('unknown_command');
    assert.equal(error.code, -32602);
    assert.match(error.message, /unknown command ospo\.noSuchCommand/);
  });
});
