import * as path from 'node:path';
import type { FileSource } from '../io/file-source';
import type { LicenseEvidence } from '../findings/license-evidence';
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

/** Far more license text than a big project's installed packages ship; past it the memory starts afresh. */
const MAX_REMEMBERED_CHARS = 16 * 1024 * 1024;
let rememberedChars = 0;
type Detected = { expression: string; confidence: number } | undefined;
/**
 * Detection results by text. Thousands of installed packages ship the same few license texts, and a resolver
 * made again after a lock file changed asks about the same files: a text is identified once.
 */
const detectedTexts = new Map<string, Detected>();

/** A detected license for one text, or undefined when detection found nothing it trusts. */
export function detectInText(text: string): Detected {
  if (detectedTexts.has(text)) return detectedTexts.get(text);
  if (rememberedChars + text.length > MAX_REMEMBERED_CHARS) {
    detectedTexts.clear();
    rememberedChars = 0;
  }
  const detected = detectUncached(text);
  detectedTexts.set(text, detected);
  rememberedChars += text.length;
  return detected;
}

function detectUncached(text: string): Detected {
  try {
    const result = detectLicenseText(text, { minConfidence: DETECTION_FLOOR });
    return result.kind === 'match' ? { expression: result.expression, confidence: result.confidence } : undefined;
  } catch {
    // Detection is best effort: a failure there must not take dependency checking down with it.
    return undefined;
  }
}

/**
 * A license file that covers only a project's documentation (`LICENSE.docs`, `LICENSE-docs.md`,
 * `LICENCE.documentation`): projects put the docs under a Creative Commons or FDL license beside the code's.
 */
export function isDocumentationLicenseFile(file: string): boolean {
  return /^(licen[cs]e|copying)[-._](docs?|documentation)(\.[a-z]+)?$/i.test(path.basename(file));
}

/**
 * Evidence from license files: every file is detected and the distinct results are joined with AND, since a
 * package that ships two license texts without saying which applies may need both. The reported confidence is
 * the lowest one, and the path the first matching file.
 *
 * A documentation license is added to the code's license, since the docs ship with the package too, but never
 * stands for it: with no code license found, the files say nothing of the code. The GPL-3.0 text beside the
 * LGPL-3.0 text (`COPYING` and `COPYING.LESSER`) is there because the LGPL-3.0 is written as additional
 * permissions on the GPL-3.0, which the LGPL asks to be shipped too; it is not a second license.
 */
export function evidenceFromLicenseFiles(files: FileSource, paths: readonly string[]): LicenseEvidence | undefined {
  const found: { expression: string; confidence: number; path: string; docs: boolean }[] = [];
  for (const file of paths) {
    const text = files.readText(file);
    if (text === undefined) continue;
    const detected = detectInText(text);
    if (detected && !found.some((f) => f.expression === detected.expression)) found.push({ ...detected, path: file, docs: isDocumentationLicenseFile(file) });
  }
  const code = found.filter((f) => !f.docs);
  if (code.length === 0) return undefined;
  const lesser3 = code.some((f) => /^LGPL-3\.0-(only|or-later)\b/.test(f.expression));
  const kept = [...code, ...found.filter((f) => f.docs)].filter((f) => !(lesser3 && /^GPL-3\.0-(only|or-later)$/.test(f.expression)));
  const expression = kept.length === 1 ? kept[0].expression : kept.map((f) => (/\s(OR|AND)\s/.test(f.expression) ? `(${f.expression})` : f.expression)).join(' AND ');
  const confidence = Math.min(...kept.map((f) => f.confidence));
  return { kind: 'declared', expression, source: { kind: 'license-text', path: kept[0].path, confidence } };
}
