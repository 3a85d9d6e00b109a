import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { LicenseEvidence } from '../ecosystem';
import { readLicenseStatement } from '../../licenses/read-license-statement';
import { formatSpdxExpression } from '../../spdx/spdx-expression';
import { detectInText, evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import type { InstalledDistribution } from './installed-distributions';
import { classifierLicense } from './trove-license-classifiers';

/** The detection confidence at which a shipped license text wins over a statement that names only a family. */
const FILE_OVER_FAMILY = 0.9;

/**
 * The license of an installed Python distribution, combining what its metadata says:
 * - `License-Expression` (PEP 639) wins;
 * - `License ::` classifiers that name one license come next;
 * - the free-text `License` field when it names a license (`Apache 2.0`, mapped to Apache-2.0) — also when a
 *   classifier names only the family (`Apache Software License`), which is how most packages say it;
 * - the field holding the whole license text, identified by detection;
 * - when all of that names only a family or nothing recognisable: the license files the distribution ships
 *   (`License-File` entries, `licenses/`, the metadata folder), which win over the vague statement;
 * - else the family statement itself (`BSD License`: judged against every BSD variant), else the vague text.
 */
export function pythonLicenseEvidence(files: FileSource, distribution: InstalledDistribution): LicenseEvidence {
  const { metadata, metadataPath, dir } = distribution;
  const source = { kind: 'installed', path: metadataPath } as const;
  const vague: string[] = [];
  const families: string[] = [];

  if (metadata.licenseExpression) {
    const statement = readLicenseStatement(metadata.licenseExpression);
    if (statement.kind === 'spdx') return { kind: 'declared', expression: metadata.licenseExpression, source };
    (statement.kind === 'family' ? families : vague).push(metadata.licenseExpression);
  }

  const ids: string[] = [];
  for (const classifier of metadata.classifiers) {
    const meaning = classifierLicense(classifier);
    if (meaning.kind === 'spdx' && !ids.includes(meaning.id)) ids.push(meaning.id);
    else if (meaning.kind === 'ambiguous') {
      // Classifiers outside the table are read as license names (`GNU Lesser General Public License v2 (LGPLv2)`).
      const statement = readLicenseStatement(meaning.text);
      // Only a license of the SPDX list: `Public Domain` would otherwise add a LicenseRef nobody lists.
      if (statement.kind === 'spdx' && statement.expression.kind === 'license') {
        const id = formatSpdxExpression(statement.expression);
        if (!ids.includes(id)) ids.push(id);
      } else (statement.kind === 'family' ? families : vague).push(meaning.text);
    }
  }
  // Several license classifiers do not say whether they are alternatives; requiring all of them is the reading
  // that cannot under-report an obligation.
  if (ids.length > 0) return { kind: 'declared', expression: ids.join(' AND '), source };

  const license = metadata.license;
  if (license !== undefined) {
    if (!license.includes('\n')) {
      const statement = readLicenseStatement(license);
      if (statement.kind === 'spdx') return { kind: 'declared', expression: license, source };
      // A field naming a family is as specific as the field gets: it stands for the whole statement.
      if (statement.kind === 'family') families.splice(0, families.length, license);
      // The author's own words say more to a reviewer than a classifier's family name.
      else vague.unshift(license);
    } else {
      // The whole license text pasted into the field: detection can still name it.
      const detected = detectInText(license);
      if (detected) return { kind: 'declared', expression: detected.expression, source: { kind: 'license-text', path: metadataPath, confidence: detected.confidence } };
    }
  }

  const fromFiles = evidenceFromLicenseFiles(files, licenseFilePaths(files, distribution));
  // A text recognised only loosely would make the package unknown, where the family statement still decides.
  const loose = fromFiles?.kind === 'declared' && fromFiles.source.kind === 'license-text' && fromFiles.source.confidence < FILE_OVER_FAMILY;
  if (fromFiles && (families.length === 0 || !loose)) return fromFiles;
  // Several family classifiers (`BSD License` and `Apache Software License`) are read like several exact ones.
  const named = [...new Set(families)];
  if (named.length > 0) return { kind: 'declared', expression: named.length === 1 ? named[0] : named.map((f) => `(${f})`).join(' AND '), source };
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
