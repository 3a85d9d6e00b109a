import type { LicenseEvidence } from '../ecosystem';
import { licenseNameOrUrl } from '../../licenses/license-names';
import type { LocatedPom } from './local-repository';
import type { PomLicense } from './pom-model';

const group = (text: string): string => (/\s/.test(text) ? `(${text})` : text);

/**
 * The licenses of the nearest POM in the parent chain that states any; a POM's own `<licenses>` replace its
 * parent's, as in Maven's model inheritance. Several `<license>` entries mean the user may choose (OR), which is
 * how Maven documents the element. Each entry is kept as the name (or URL) that names its license, so the verdict
 * can say what it was mapped from. One entry that names no license makes the whole statement custom: an OR with
 * an unknown branch cannot be judged, and the name with its URL is what a reviewer needs to see.
 */
export function licenseFromPomChain(chain: readonly LocatedPom[], searched: string): LicenseEvidence {
  const stating = chain.find((p) => p.pom.licenses.length > 0);
  if (!stating) return chain.length ? { kind: 'none', searched: chain.map((p) => p.path), installedAt: chain[0].path } : { kind: 'none', searched: [searched] };
  const source = { kind: 'installed' as const, path: stating.path };
  const texts = stating.pom.licenses.map((l) => licenseNameOrUrl(l.name, l.url));
  if (texts.every((text): text is string => text !== undefined)) {
    const unique = [...new Set(texts)];
    return { kind: 'declared', expression: unique.length === 1 ? unique[0] : unique.map(group).join(' OR '), source };
  }
  return { kind: 'custom', text: stating.pom.licenses.map(describe).join(' OR '), source };
}

function describe(license: PomLicense): string {
  if (license.name && license.url) return `${license.name} (${license.url})`;
  return license.name ?? license.url ?? '';
}
