import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import spdxFull = require('spdx-license-list/full');
import { detectLicenseText } from '../../server/src/licenses/detection/detect-license-text';
import { getLicenseTextIndex } from '../../server/src/licenses/detection/license-text-index';

// Current (non-deprecated) SPDX ids; the package ships no type declarations.
const licenseIds = require('spdx-license-ids') as string[];

const fixtures = join(__dirname, '../fixtures/license-texts');

/** What each fixture in test/fixtures/license-texts should be identified as (`none`: no match). */
const FIXTURE_EXPECTATIONS: Readonly<Record<string, string>> = {
  'agpl-3.0-LICENSE.txt': 'AGPL-3.0-only',
  'apache-2.0-appendix-filled.txt': 'Apache-2.0',
  'apache-2.0.md': 'Apache-2.0',
  'bsd-2-clause.txt': 'BSD-2-Clause',
  'bsd-3-clause-project.txt': 'BSD-3-Clause',
  'bsd-4-clause-LICENSE.txt': 'BSD-4-Clause',
  'dual-mit-apache.txt': 'MIT OR Apache-2.0',
  'gpl-2.0-COPYING.txt': 'GPL-2.0-only',
  'gpl-3.0-COPYING.txt': 'GPL-3.0-only',
  // The GNU notice grants "version 3 … or (at your option) any later version".
  'gpl-3.0-notice.txt': 'GPL-3.0-or-later',
  'isc.txt': 'ISC',
  'lgpl-2.1-COPYING.LESSER.txt': 'LGPL-2.1-only',
  'mit-0.txt': 'MIT-0',
  'mit-and-apache-bundled.txt': 'MIT AND Apache-2.0',
  'mit-other-copyright.md': 'MIT',
  'mit-reflowed.txt': 'MIT',
  'mit-with-commons-clause.txt': 'none',
  'mpl-2.0-LICENSE.txt': 'MPL-2.0',
  'not-a-license.md': 'none',
  'x11-LICENSE.txt': 'X11',
};

function reflow(text: string, width: number): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.replace(/\s+/g, ' ').trim().split(' ')) {
        if (line && `${line} ${word}`.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) lines.push(line);
      return lines.join('\n');
    })
    .join('\n\n');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

/** Prints index build time, accuracy over the SPDX texts and the fixtures, and per-file identification time. */
export async function bench(): Promise<void> {
  const started = performance.now();
  const index = getLicenseTextIndex();
  console.log(`index build: ${(performance.now() - started).toFixed(0)} ms (${index.texts.length} reference texts, ${index.keys.length} distinct shingles)`);

  const acceptable = new Map<string, readonly string[]>();
  for (const group of index.groups) for (const id of group.ids) acceptable.set(id, group.ids);
  let exact = 0;
  let varied = 0;
  let total = 0;
  for (const id of licenseIds) {
    const entry = spdxFull[id];
    if (!entry) continue;
    total++;
    const ok = (text: string) => {
      const result = detectLicenseText(text);
      return result.kind === 'match' && result.matches.length === 1 && (acceptable.get(id) ?? [id]).includes(result.matches[0].id);
    };
    if (ok(entry.licenseText)) exact++;
    if (ok(`Copyright (c) 2024 Example Holder <holder@example.org>\n\n${reflow(entry.licenseText, 60)}`)) varied++;
  }
  console.log(`SPDX reference texts: ${exact}/${total} (${((exact / total) * 100).toFixed(2)}%) as published`);
  console.log(`SPDX reference texts: ${varied}/${total} (${((varied / total) * 100).toFixed(2)}%) reflowed with a new copyright line`);

  let fixturesOk = 0;
  const files = readdirSync(fixtures).filter((f) => f in FIXTURE_EXPECTATIONS);
  for (const file of files) {
    const result = detectLicenseText(readFileSync(join(fixtures, file), 'utf8'));
    const got = result.kind === 'match' ? result.expression : 'none';
    if (got === FIXTURE_EXPECTATIONS[file]) fixturesOk++;
    else console.log(`  fixture ${file}: expected ${FIXTURE_EXPECTATIONS[file]}, got ${got}`);
  }
  console.log(`variant fixtures: ${fixturesOk}/${files.length}`);

  for (const file of ['mit-reflowed.txt', 'apache-2.0.md', 'gpl-3.0-COPYING.txt', 'dual-mit-apache.txt']) {
    const text = readFileSync(join(fixtures, file), 'utf8');
    for (let i = 0; i < 20; i++) detectLicenseText(text);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      detectLicenseText(text);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`identify ${file}: median ${percentile(times, 0.5).toFixed(3)} ms, p95 ${percentile(times, 0.95).toFixed(3)} ms`);
  }
}
