import * as assert from 'node:assert/strict';
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
});
