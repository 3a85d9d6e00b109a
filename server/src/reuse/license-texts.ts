import * as path from 'node:path';
import type { Finding } from '../findings/finding';
import type { FileSource } from '../io/file-source';
import { parseSpdxExpression } from '../spdx/spdx-expression';

const OPERATORS = new Set(['AND', 'OR', 'WITH']);

/**
 * The license and exception ids a valid expression names, as written (REUSE names text files after them); an
 * invalid expression is reported as a header problem and names nothing here.
 */
export function idsInExpression(expression: string): string[] {
  if (!parseSpdxExpression(expression).ok) return [];
  return expression
    .split(/[\s()]+/)
    .filter((token) => token && !OPERATORS.has(token.toUpperCase()))
    .map((token) => token.replace(/\+$/, ''));
}

/** Where an id is first used, for pointing a `license-text-missing` finding at it. */
export interface LicenseUse {
  readonly path: string;
  readonly line: number;
}

/**
 * REUSE: every license a file uses needs its text in `LICENSES/<id>.<ext>`, and every text there must be used.
 */
export function licenseTextFindings(root: string, files: FileSource, used: ReadonlyMap<string, LicenseUse>): Finding[] {
  const dir = path.join(root, 'LICENSES');
  const texts = new Map<string, string>();
  for (const name of files.listDir(dir) ?? []) {
    const id = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
    texts.set(id, path.join(dir, name));
  }
  const findings: Finding[] = [];
  for (const [id, use] of [...used.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (texts.has(id)) continue;
    findings.push({
      code: 'license-text-missing',
      severity: 'warning',
      message: `${id} is used but LICENSES/ has no ${id}.txt (REUSE)`,
      path: use.path,
      range: { start: { line: use.line, character: 0 }, end: { line: use.line, character: 0 } },
      subject: { kind: 'file' },
      fixes: [],
    });
  }
  for (const [id, file] of [...texts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (used.has(id)) continue;
    findings.push({
      code: 'license-text-unused',
      severity: 'warning',
      message: `LICENSES/${path.basename(file)} is not used by any file (REUSE)`,
      path: file,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      subject: { kind: 'file' },
      fixes: [],
    });
  }
  return findings;
}
