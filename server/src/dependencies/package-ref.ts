import type { ResolvedPackage } from '../ecosystems/ecosystem';

/**
 * A package's identity across a report: its purl with the version (percent-encoded, as the purl specification
 * asks), placed before any qualifiers or subpath. Without a version it is the bare purl.
 */
export function packageRef(pkg: Pick<ResolvedPackage, 'purl' | 'version'>): string {
  if (pkg.version === undefined || pkg.version === '') return pkg.purl;
  const cut = pkg.purl.search(/[?#]/);
  const base = cut < 0 ? pkg.purl : pkg.purl.slice(0, cut);
  const rest = cut < 0 ? '' : pkg.purl.slice(cut);
  return `${base}@${encodeURIComponent(pkg.version)}${rest}`;
}
