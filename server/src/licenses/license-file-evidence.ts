import * as path from 'node:path';
import type { FileSource } from '../io/file-source';
import type { LicenseEvidence } from '../ecosystems/ecosystem';
import { detectLicenseText } from './detection/detect-license-text';
import { isLicenseFileName } from './detection/license-file-names';

/**
 * License evidence from license texts shipped with a package. Go modules have no license metadata at all, and
 * Python and Cargo packages sometimes point at a file instead of naming a license, so all three come here.
 */

/**
 * Lowest detection confidence reported as a match. The policy's own `minConfidence` is applied by the engine
 * to the confidence carried in the evidence; this floor only keeps noise out.
 */
export const DETECTION_FLOOR = 0.5;

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
