/**
 * Where a license statement came from, for messages, hovers and reports. `origin` says where an installed
 * package was found when that is not the project's own environment ("the system Python environment").
 */
export type LicenseSource =
  | { readonly kind: 'lockfile'; readonly path: string }
  | { readonly kind: 'installed'; readonly path: string; readonly origin?: string }
  | { readonly kind: 'license-text'; readonly path: string; readonly confidence: number; readonly origin?: string }
  | { readonly kind: 'online'; readonly service: string }
  | { readonly kind: 'approval'; readonly path: string };

/** What is known of a package's license. */
export type LicenseEvidence =
  /**
   * A statement in package metadata, kept as written: an SPDX expression, or license names that
   * `readLicenseStatement` maps (`Apache 2.0`, `Ruby or LGPLv3+`, `BSD License`), so verdicts can say so.
   */
  | { readonly kind: 'declared'; readonly expression: string; readonly source: LicenseSource }
  /** A license the package points at but that has no SPDX id (`SEE LICENSE IN x`, a URL, free text). */
  | { readonly kind: 'custom'; readonly text: string; readonly source: LicenseSource }
  /**
   * Nothing found; `searched` says where we looked. `installedAt` is the package's installed metadata (or
   * folder, for ecosystems without metadata) when the package is there but states no license; absent when the
   * package was not found installed at all.
   */
  | { readonly kind: 'none'; readonly searched: readonly string[]; readonly installedAt?: string };
