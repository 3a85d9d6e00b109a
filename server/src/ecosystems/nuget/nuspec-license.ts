import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import { evidenceFromLicenseFiles } from '../../licenses/license-file-evidence';
import type { LicenseEvidence } from '../ecosystem';
import { licenseNameOrUrl } from '../../licenses/license-names';
import { childNamed, textAt, type XmlElement } from '../../formats/xml-scanner';

/** What NuGet writes into `<licenseUrl>` of packages that use `<license>`: it names no license by itself. */
const DEPRECATED_LICENSE_URL = /^https?:\/\/aka\.ms\/deprecateLicenseUrl\/?$/i;

/**
 * The license a .nuspec states, in NuGet's order of precedence: `<license type="expression">` (an SPDX
 * expression), `<license type="file">` (a file in the package, identified by its text), then the legacy
 * `<licenseUrl>` (`https://licenses.nuget.org/<expression>` and well-known license URLs map to SPDX; any other
 * URL is a custom license a reviewer has to read).
 */
export function licenseFromNuspec(metadata: XmlElement, nuspecPath: string, files: FileSource): LicenseEvidence {
  const source = { kind: 'installed' as const, path: nuspecPath };
  const license = childNamed(metadata, 'license');
  const type = license?.attributes.get('type')?.value.trim().toLowerCase();
  if (license?.text && type === 'expression') return { kind: 'declared', expression: license.text, source };
  if (license?.text && type === 'file') {
    const file = path.join(path.dirname(nuspecPath), ...license.text.split(/[\\/]+/).filter((p) => p && p !== '..'));
    const detected = evidenceFromLicenseFiles(files, [file]);
    return detected ?? { kind: 'custom', text: `license file ${license.text} in the package`, source };
  }
  const url = textAt(metadata, 'licenseUrl');
  if (url && !DEPRECATED_LICENSE_URL.test(url)) {
    const known = licenseNameOrUrl(undefined, url);
    return known ? { kind: 'declared', expression: known, source } : { kind: 'custom', text: url, source };
  }
  return { kind: 'none', searched: [nuspecPath], installedAt: nuspecPath };
}
