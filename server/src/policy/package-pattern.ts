import { minimatch } from 'minimatch';
import type { PackagePattern } from './policy-types';
import { semver } from '../text/lazy-semver';

export type PackagePatternParse = { readonly ok: true; readonly pattern: PackagePattern } | { readonly ok: false; readonly error: string };

/**
 * Parses `pkg:<type>/<namespace>/<name>[@<range>]`. Package URL percent-encoding is decoded (`%40acme` is
 * `@acme`), so patterns may be written either way. The version range is split at the last `@` that is not the
 * start of an npm scope.
 */
export function parsePackagePattern(text: string): PackagePatternParse {
  const match = /^pkg:([a-z][a-z0-9.+-]*)\/(.+)$/i.exec(text.trim());
  if (!match) return { ok: false, error: `"${text}" is not a Package URL pattern (expected pkg:<type>/<name>, e.g. pkg:npm/left-pad)` };
  const type = match[1].toLowerCase();
  let rest = match[2];
  let versionRange: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at > 0 && rest[at - 1] !== '/') {
    versionRange = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!semver().validRange(versionRange, { loose: true })) {
      return { ok: false, error: `"${versionRange}" in "${text}" is not a version range` };
    }
  }
  let nameGlob: string;
  try {
    nameGlob = decodeURIComponent(rest);
  } catch {
    return { ok: false, error: `"${text}" has invalid percent-encoding` };
  }
  if (nameGlob === '' || nameGlob.endsWith('/')) return { ok: false, error: `"${text}" names no package` };
  return { ok: true, pattern: { text, type, nameGlob, ...(versionRange !== undefined ? { versionRange } : {}) } };
}

/** The `namespace/name` part of a versionless purl, decoded. */
export function purlNamePart(purl: string): { type: string; name: string } | undefined {
  const match = /^pkg:([^/]+)\/(.+)$/.exec(purl);
  if (!match) return undefined;
  try {
    return { type: match[1].toLowerCase(), name: decodeURIComponent(match[2]) };
  } catch {
    return { type: match[1].toLowerCase(), name: match[2] };
  }
}

/**
 * True when the pattern selects the package. A pattern with a version range selects only versions in it; when
 * the version is not known the pattern does not match, so a `deny` on `colors@>=1.4.1` never fires on a guess.
 */
export function packagePatternMatches(pattern: PackagePattern, purl: string, version: string | undefined): boolean {
  const parts = purlNamePart(purl);
  if (!parts || parts.type !== pattern.type) return false;
  // PyPI and NuGet names are case-insensitive; the others are not.
  const nocase = parts.type === 'pypi' || parts.type === 'nuget';
  if (!minimatch(parts.name, pattern.nameGlob, { nocase })) return false;
  if (pattern.versionRange === undefined) return true;
  const coerced = version ? semver().valid(version, { loose: true }) ?? semver().coerce(version)?.version : undefined;
  return coerced !== undefined && coerced !== null && semver().satisfies(coerced, pattern.versionRange, { loose: true, includePrerelease: true });
}

export function findMatchingPattern(patterns: readonly PackagePattern[], purl: string, version: string | undefined): PackagePattern | undefined {
  return patterns.find((p) => packagePatternMatches(p, purl, version));
}
