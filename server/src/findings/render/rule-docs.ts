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
  const readme = shippedReadmePath();
  return readme ? `${pathToFileURL(readme).href}#rule-${code}` : undefined;
}

/** The line of the rule's row in the README's findings table (0-based), if it has one. */
export function ruleDocsLine(readmeText: string, code: FindingCode): number {
  const row = `\`${code}\` |`;
  return readmeText.split(/\r?\n/).findIndex((l) => l.startsWith(`| ${row}`) || l.startsWith(`| <a id="rule-${code}"></a>${row}`));
}

let readmePath: string | null | undefined;

/** The README beside the running code: `dist/../README.md` when bundled, the repository's when run from source. */
export function shippedReadmePath(): string | undefined {
  if (readmePath === undefined) {
    readmePath = null;
    for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'README.md');
      if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) {
        readmePath = candidate;
        break;
      }
    }
  }
  return readmePath ?? undefined;
}
