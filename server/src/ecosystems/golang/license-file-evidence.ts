import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { LicenseEvidence } from '../ecosystem';
import { detectLicenseText } from '../../licenses/detection/detect-license-text';

/**
 * License evidence from license texts shipped with a package. Go modules have no license metadata at all, and
 * Python and Cargo packages sometimes point at a file instead of naming a license, so all three come here.
 */

/**
 * Lowest detection confidence reported as a match. The policy's own `minConfidence` is applied by the engine
 * to the confidence carried in the evidence; this floor only keeps noise out.
 */
export const DETECTION_FLOOR = 0.5;

/**
 * Base names (compared case-insensitively) that hold a license text, after the list pkg.go.dev uses to decide
 * whether a module is redistributable, plus the NOTICE-less forms Cargo and Python packages use.
 */
const LICENSE_FILE_NAMES = new Set(
  [
    'copying', 'copying.md', 'copying.markdown', 'copying.txt',
    'licence', 'licence.md', 'licence.markdown', 'licence.txt', 'licence.rst',
    'license', 'license.md', 'license.markdown', 'license.txt', 'license.rst',
    'license-2.0.txt', 'licence-2.0.txt',
    'license-apache', 'licence-apache', 'license-apache-2.0.txt', 'licence-apache-2.0.txt',
    'license-mit', 'licence-mit', 'license.mit', 'licence.mit', 'license-mit.txt', 'license-apache.txt',
    'license.code', 'licence.code', 'license.docs', 'licence.docs',
    'mit-license', 'mit-licence', 'mit-license.md', 'mit-licence.md', 'mit-license.markdown', 'mit-licence.markdown',
    'mit-license.txt', 'mit-licence.txt', 'mit_license', 'mit_licence',
    'unlicense', 'unlicence',
  ],
);

export function isLicenseFileName(name: string): boolean {
  return LICENSE_FILE_NAMES.has(name.toLowerCase());
}

/** License files directly inside a directory, sorted so results do not depend on directory order. */
export function findLicenseFiles(files: FileSource, dir: string): string[] {
  const names = files.listDir(dir);
  if (!names) return [];
  return names.filter(isLicenseFileName).sort().map((name) => path.join(dir, name));
}

/** A detected license for one text, or undefined when detection found nothing it trusts. */
export function detectInText(text: string): { expression: string; confidence: number } | undefined {
  try {
    const result = detectLicenseText(text, { minConfidence: DETECTION_FLOOR });
    return result.kind === 'match' ? { expression: result.expression, confidence: result.confidence } : undefined;
  } catch {
    // Detection is best effort: a failure there must not take dependency checking down with it.
    return undefined;
  }
}

/**
 * Evidence from license files: every file is detected and the distinct results are joined with AND, since a
 * package that ships two license texts without saying which applies may need both. The reported confidence is
 * the lowest one, and the path the first matching file.
 */
export function evidenceFromLicenseFiles(files: FileSource, paths: readonly string[]): LicenseEvidence | undefined {
  const found: { expression: string; confidence: number; path: string }[] = [];
  for (const file of paths) {
    const text = files.readText(file);
    if (text === undefined) continue;
    const detected = detectInText(text);
    if (detected && !found.some((f) => f.expression === detected.expression)) found.push({ ...detected, path: file });
  }
  if (found.length === 0) return undefined;
  const expression = found.length === 1 ? found[0].expression : found.map((f) => (/\s(OR|AND)\s/.test(f.expression) ? `(${f.expression})` : f.expression)).join(' AND ');
  const confidence = Math.min(...found.map((f) => f.confidence));
  return { kind: 'declared', expression, source: { kind: 'license-text', path: found[0].path, confidence } };
}
