import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FindingCode } from '../finding';

/**
 * Each rule is documented in the README that ships with the extension and the CLI, under an anchor
 * `rule-<code>` in its "Findings" section. Linking to the installed copy keeps the documentation in step with
 * the version that reported the finding and works offline and in any editor.
 */
export function ruleDocsUrl(code: FindingCode): string | undefined {
  const readme = shippedReadme();
  return readme ? `${readme}#rule-${code}` : undefined;
}

let readmeUrl: string | null | undefined;

/** The README beside the running code: `dist/../README.md` when bundled, the repository's when run from source. */
function shippedReadme(): string | undefined {
  if (readmeUrl === undefined) {
    readmeUrl = null;
    for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'README.md');
      if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) {
        readmeUrl = pathToFileURL(candidate).href;
        break;
      }
    }
  }
  return readmeUrl ?? undefined;
}
