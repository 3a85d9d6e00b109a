import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAudit } from '../../../server/src/audit/run-audit';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { toMarkdownReport } from '../../../server/src/report/markdown-report';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';

/** A venv holding the metadata of requests, Babel and python-apt as Debian installs them. */
const PROJECT = path.resolve(__dirname, '../../fixtures/workspaces/python-free-text-licenses');

describe('the Markdown report on free-text license metadata', () => {
  it('says in the dependency table what a license was mapped from, and when only the family is known', async () => {
    const engine = new WorkspaceEngine({ root: PROJECT, files: new CachingFileSource(), trusted: true, env: {} });
    const markdown = toMarkdownReport(await runAudit(engine));
    assert.match(markdown, /\| requests \| 2\.28\.1 \| Apache-2\.0 \| from installed \.venv\/lib\/python3\.11\/site-packages\/requests-2\.28\.1\.dist-info\/METADATA, mapped from "Apache 2\.0" \| allowed \|/);
    assert.match(markdown, /\| babel \| 2\.10\.3 \| BSD \| from installed .*, "BSD" names the BSD family, not the variant \| allowed \|/);
    assert.match(markdown, /\| python-apt \| 2\.6\.0 \| GNU GPL \| .*names the GPL family.* \| \*\*license-needs-approval\*\* \|/);
  });

  it('shows the SPDX reading of a package that a package rule allows', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-provenance-'));
    try {
      fs.cpSync(PROJECT, root, { recursive: true });
      fs.mkdirSync(path.join(root, '.ospo'));
      fs.writeFileSync(path.join(root, '.ospo/policy.json'), JSON.stringify({ packages: { allow: ['pkg:pypi/requests'] } }));
      const engine = new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true, env: {} });
      const result = await runAudit(engine);
      const requests = result.packages.find((p) => p.name === 'requests')!;
      assert.equal(requests.license, 'Apache-2.0');
      assert.match(requests.why, /allowed by packages\.allow "pkg:pypi\/requests"/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
