import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './support/run-cli';

/** Three shipped npm packages (one bringing in an Apache-2.0 package with a NOTICE), one of unknown license, one dev-only. */
const PROJECT = path.resolve(__dirname, '../fixtures/workspaces/notices');
const installed = (file: string) => fs.readFileSync(path.join(PROJECT, 'node_modules', file), 'utf8');

/** The text between a package's heading line and the next package's rule. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${heading} is listed`);
  const end = text.indexOf('\n' + '='.repeat(80), start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('ospo-guide notices', function () {
  this.timeout(30_000);

  it('lists each shipped package with its copyright lines, its own license text and its NOTICE verbatim', () => {
    const result = runCli(['notices', PROJECT], PROJECT);
    // A shipped package of unknown license needs attention: the notices are written, the status says so.
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /1 shipped package\(s\) have an unknown license and need attention: unknown-lic/);
    const text = result.stdout;
    const headings = text.split('\n').filter((line, i, lines) => i > 0 && /^={80}$/.test(lines[i - 1]) && /^[a-z]/.test(line));
    assert.deepEqual(headings, ['apache-with-notice 2.1.0', 'mit-with-license 1.0.0', 'no-license-file 0.3.0']);
    assert.doesNotMatch(text, /dev-only/);

    const apache = section(text, 'apache-with-notice 2.1.0');
    assert.match(apache, /^License: Apache-2\.0$/m);
    assert.ok(apache.includes(`--- NOTICE (NOTICE, reproduced verbatim) ---\n\n${installed('apache-with-notice/NOTICE')}`), 'the NOTICE file is reproduced verbatim');
    assert.ok(apache.includes(`--- LICENSE ---\n\n${installed('apache-with-notice/LICENSE').trimEnd()}\n`), 'the shipped license text');
    // The appendix's template line and the "(c) You must retain" clause are not notices; the NOTICE's and the source header's line is.
    const copyrights = (pkg: string) => pkg.split('\n--- ')[0].split('\n').filter((l) => /^(Copyright|\(c\))/.test(l));
    assert.deepEqual(copyrights(apache), ['Copyright 2019 The Widget Authors']);

    const mit = section(text, 'mit-with-license 1.0.0');
    assert.deepEqual(copyrights(mit), ['(c) 2021 Jane Doe and contributors', 'Copyright (c) 2020 Jane Doe']);
    assert.doesNotMatch(mit, /SPDX standard license text/);

    const isc = section(text, 'no-license-file 0.3.0');
    assert.deepEqual(copyrights(isc), ['Copyright (c) 2022 Sam Example']);
    assert.match(isc, /--- ISC: SPDX standard license text \(the package ships no license text\) ---/);

    const attention = text.slice(text.indexOf('NEEDS ATTENTION'));
    assert.match(attention, /^unknown-lic 1\.0\.0\nLicense: unknown$/m);
  });

  it('writes the same bytes every time, as Markdown too, and to --output', () => {
    const first = runCli(['notices', PROJECT, '--format', 'markdown'], PROJECT).stdout;
    assert.equal(runCli(['notices', PROJECT, '--format', 'markdown'], PROJECT).stdout, first);
    assert.match(first, /^# Third-party software notices$/m);
    assert.match(first, /^\| apache-with-notice \| 2\.1\.0 \| Apache-2\.0 \|$/m);
    assert.match(first, /^## Needs attention: packages whose license is unknown$/m);
    assert.match(first, /\*\*NOTICE\*\* \(NOTICE, reproduced verbatim\)\n\n```text\nApache Widget\n/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-notices-'));
    try {
      const target = path.join(dir, 'THIRD-PARTY-NOTICES.md');
      const result = runCli(['notices', PROJECT, '--format', 'markdown', '--output', target], PROJECT);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /Notices for 3 package\(s\) written to /);
      assert.equal(fs.readFileSync(target, 'utf8'), first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown format', () => {
    const result = runCli(['notices', PROJECT, '--format', 'html'], PROJECT);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--format must be text or markdown, not "html"/);
  });
});
