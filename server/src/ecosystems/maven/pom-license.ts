import type { LicenseEvidence } from '../ecosystem';
import { spdxForLicenseStatement } from './license-names';
import type { LocatedPom } from './local-repository';
import type { PomLicense } from './pom-model';

const group = (id: string): string => (/\s/.test(id) ? `(${id})` : id);

/**
 * The licenses of the nearest POM in the parent chain that states any; a POM's own `<licenses>` replace its
 * parent's, as in Maven's model inheritance. Several `<license>` entries mean the user may choose (OR), which is
 * how Maven documents the element. One entry that maps to no SPDX id makes the whole statement custom: an OR
 * with an unknown branch cannot be judged, and the text is what a reviewer needs to see.
 */
export function licenseFromPomChain(chain: readonly LocatedPom[], searched: string): LicenseEvidence {
  const stating = chain.find((p) => p.pom.licenses.length > 0);
  if (!stating) return chain.length ? { kind: 'none', searched: chain.map((p) => p.path), installedAt: chain[0].path } : { kind: 'none', searched: [searched] };
  const source = { kind: 'installed' as const, path: stating.path };
  const ids = stating.pom.licenses.map((l) => spdxForLicenseStatement(l.name, l.url));
  if (ids.every((id): id is string => id !== undefined)) {
    const unique = [...new Set(ids)];
    return { kind: 'declared', expression: unique.length === 1 ? unique[0] : unique.map(group).join(' OR '), source };
  }
  return { kind: 'custom', text: stating.pom.licenses.map(describe).join(' OR '), source };
}

function describe(license: PomLicense): string {
  if (license.name && license.url) return `${license.name} (${license.url})`;
  return license.name ?? license.url ?? '';
}
