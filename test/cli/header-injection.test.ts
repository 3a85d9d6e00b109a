import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture } from '../lsp/support/workspace-copy';
import { runCli as run } from './support/run-cli';


describe('ospo-guide headers fix with a hostile copyright holder or template', function () {
  let workspace: ReturnType<typeof copyFixture>;
  beforeEach(() => (workspace = copyFixture('workspaces/foundation')));
  afterEach(() => workspace.dispose());
  const file = (p: string) => path.join(workspace.root, p);
  const setHeaders = (headers: Record<string, unknown>) => {
    const policyPath = file('.ospo/policy.json');
    const text = fs.readFileSync(policyPath, 'utf8');
    const start = text.indexOf('"headers": {');
    const end = text.indexOf('}', start) + 1;
    fs.writeFileSync(policyPath, text.slice(0, start) + `"headers": ${JSON.stringify({ include: ['src/**'], exclude: ['**/generated/**'], license: 'Apache-2.0', ...headers })}` + text.slice(end));
  };

  it('refuses a policy whose holder holds a line break, and writes nothing', () => {
    setHeaders({ copyrightHolder: 'Acme\nprocess.exit(1)' });
    const before = fs.readFileSync(file('src/missing.ts'), 'utf8');
    const result = run(['headers', 'fix'], workspace.root);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /invalid policy: \.ospo\/policy\.json: headers\.copyrightHolder contains a line break \(U\+000A\)/);
    assert.equal(fs.readFileSync(file('src/missing.ts'), 'utf8'), before);
  });

  it('refuses a template line with U+2028, which ends a // comment in JavaScript', () => {
    setHeaders({ template: ['SPDX-License-Identifier: {license}\u2028process.exit(1)'] });
    const result = run(['headers', 'fix'], workspace.root);
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /headers\.template line contains a line separator \(U\+2028\)/);
    assert.ok(!fs.readFileSync(file('src/missing.ts'), 'utf8').includes('process.exit'));
  });

  it('escapes */ and --> so every header stays one comment', () => {
    setHeaders({ copyrightHolder: 'Acme */ --> Inc.', styles: { '**/*.tpl': 'html' } });
    fs.writeFileSync(file('src/style.css'), 'body { color: red; }\n');
    fs.writeFileSync(file('src/page.html'), '<p>hello</p>\n');
    fs.writeFileSync(file('src/view.tpl'), '<div></div>\n');
    const result = run(['headers', 'fix'], workspace.root);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(fs.readFileSync(file('src/style.css'), 'utf8'), '/*\n * SPDX-FileCopyrightText: 2026 Acme * / --> Inc.\n * SPDX-License-Identifier: Apache-2.0\n */\n\nbody { color: red; }\n'.replace('2026', String(new Date().getFullYear())));
    for (const html of ['src/page.html', 'src/view.tpl']) {
      const text = fs.readFileSync(file(html), 'utf8');
      assert.match(text, /^<!--\nSPDX-FileCopyrightText: \d{4} Acme \*\/ - -> Inc\.\nSPDX-License-Identifier: Apache-2\.0\n-->\n\n</);
      assert.equal(text.indexOf('-->'), text.lastIndexOf('-->'), `${html}: one comment closer`);
    }
    assert.match(fs.readFileSync(file('src/missing.ts'), 'utf8'), /^\/\/ SPDX-FileCopyrightText: \d{4} Acme \*\/ --> Inc\.\n\/\/ SPDX-License-Identifier: Apache-2\.0\n\n/);
    const audit = JSON.parse(run(['audit', '--format', 'json'], workspace.root).stdout);
    assert.deepEqual(audit.findings.filter((f: { code: string }) => f.code === 'header-missing'), []);
  });

  it('refuses, with the reason, a header line that would comment out the code below it', () => {
    setHeaders({ copyrightHolder: 'Acme \\' });
    const before = fs.readFileSync(file('src/missing.ts'), 'utf8');
    const result = run(['headers', 'fix'], workspace.root);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^could not fix src\/missing\.ts: .*no header can be inserted: the header line "SPDX-FileCopyrightText: \d{4} Acme \\" ends with "\\", which carries a \/\/ comment onto the next line$/m);
    assert.equal(fs.readFileSync(file('src/missing.ts'), 'utf8'), before);
    // Python comments have no continuation: that file is fixed.
    assert.match(result.stdout, /^fixed src\/tool\.sh$/m);
  });
});
