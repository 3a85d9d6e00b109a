/**
 * Why a package's license is unknown: the facts a `license-unknown` finding carries, so each output words them
 * (and a reader of the JSON report can act on them) without parsing a message.
 */
export type UnknownLicenseReason =
  /** Nothing on this machine describes the package: it is not installed where the resolver looked. */
  | { readonly kind: 'not-installed'; readonly searched: readonly string[] }
  /** The package is installed, but its metadata names no license and no license file was recognised. */
  | { readonly kind: 'no-license-metadata'; readonly metadata: string }
  /** The metadata names something, but no license we know: the statement as written, and where it is. */
  | { readonly kind: 'unrecognised'; readonly statement: string; readonly source: string }
  /** A license file resembles a known license, but less than `licenses.minConfidence` requires. */
  | { readonly kind: 'weak-text-match'; readonly file: string; readonly closest: string; readonly confidence: number; readonly minConfidence: number };
