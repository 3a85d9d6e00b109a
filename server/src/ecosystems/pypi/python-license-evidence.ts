import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { LicenseEvidence } from '../ecosystem';
import { interpretLicenseStatement } from '../../spdx/interpret-license-statement';
import { formatSpdxExpression } from '../../spdx/spdx-expression';
import { detectInText, evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import type { InstalledDistribution } from './installed-distributions';
import { classifierLicense } from './trove-license-classifiers';

/** An SPDX expression from a metadata field, normalised, or undefined when the text is not one. */
function spdxFromField(text: string): string | undefined {
  const statement = interpretLicenseStatement(text);
  if (statement.kind !== 'spdx') return undefined;
  return statement.correction ? formatSpdxExpression(statement.expression) : statement.text;
}

/**
 * The license of an installed Python distribution, from the strongest statement to the weakest:
 * `License-Expression` (PEP 639), `License ::` classifiers, the free-text `License` field when it is an SPDX
 * expression, then the shipped license texts through detection. A statement that names no definite license
 * (an ambiguous classifier, "Apache 2.0" free text) is kept only when nothing definite is found.
 */
export function pythonLicenseEvidence(files: FileSource, distribution: InstalledDistribution): LicenseEvidence {
  const { metadata, metadataPath, dir } = distribution;
  const source = { kind: 'installed', path: metadataPath } as const;
  const vague: string[] = [];

  if (metadata.licenseExpression) {
    const expression = spdxFromField(metadata.licenseExpression);
    if (expression) return { kind: 'declared', expression, source };
    vague.push(metadata.licenseExpression);
  }

  const ids: string[] = [];
  for (const classifier of metadata.classifiers) {
    const meaning = classifierLicense(classifier);
    if (meaning.kind === 'spdx' && !ids.includes(meaning.id)) ids.push(meaning.id);
    else if (meaning.kind === 'ambiguous') vague.push(meaning.text);
  }
  // Several license classifiers do not say whether they are alternatives; requiring all of them is the reading
  // that cannot under-report an obligation.
  if (ids.length > 0) return { kind: 'declared', expression: ids.join(' AND '), source };

  const license = metadata.license;
  if (license !== undefined) {
    if (!license.includes('\n')) {
      const expression = spdxFromField(license);
      if (expression) return { kind: 'declared', expression, source };
      vague.push(license);
    } else {
      // The whole license text pasted into the field: detection can still name it.
      const detected = detectInText(license);
      if (detected) return { kind: 'declared', expression: detected.expression, source: { kind: 'license-text', path: metadataPath, confidence: detected.confidence } };
    }
  }

  const fromFiles = evidenceFromLicenseFiles(files, licenseFilePaths(files, distribution));
  if (fromFiles) return fromFiles;
  if (vague.length > 0) return { kind: 'custom', text: vague[0], source };
  return { kind: 'none', searched: [metadataPath, dir], installedAt: metadataPath };
}

/** `License-File` entries (under `licenses/` since metadata 2.4, beside METADATA before), else any license file there. */
function licenseFilePaths(files: FileSource, distribution: InstalledDistribution): string[] {
  const { dir, metadata } = distribution;
  const paths: string[] = [];
  for (const entry of metadata.licenseFiles) {
    const relative = entry.split('/');
    const candidates = [path.join(dir, 'licenses', ...relative), path.join(dir, ...relative), path.join(dir, path.basename(entry))];
    const found = candidates.find((candidate) => files.exists(candidate));
    if (found) paths.push(found);
  }
  if (paths.length > 0) return paths;
  return [...findLicenseFiles(files, path.join(dir, 'licenses')), ...findLicenseFiles(files, dir)];
}
