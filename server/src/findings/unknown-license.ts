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

/** The reason as one clause, for a diagnostic message (no ` — `, which separates the message's parts). */
export function unknownLicenseHeadline(reason: UnknownLicenseReason): string {
  switch (reason.kind) {
    case 'not-installed':
      return 'license unknown: not installed; install the dependencies, or enable ospo.onlineLookup (--online in the CLI)';
    case 'no-license-metadata':
      return `license unknown: installed (${reason.metadata}), but its metadata names no license`;
    case 'unrecognised':
      return `license "${reason.statement}" is not one we know`;
    case 'weak-text-match':
      return `license unknown: the license text resembles ${reason.closest} only at ${percent(reason.confidence)} (licenses.minConfidence ${percent(reason.minConfidence)})`;
  }
}

/** The reason as a sentence, for hovers and report rows. */
export function describeUnknownLicense(reason: UnknownLicenseReason): string {
  switch (reason.kind) {
    case 'not-installed':
      return 'Not installed, so nothing on this machine states its license: install the dependencies, or enable ospo.onlineLookup (--online in the CLI).';
    case 'no-license-metadata':
      return `Installed (${reason.metadata}), but its metadata names no license and no license file in it was recognised.`;
    case 'unrecognised':
      return `Its metadata says "${reason.statement}" (${reason.source}), which names no license we know.`;
    case 'weak-text-match':
      return `The license text in ${reason.file} resembles ${reason.closest} only at ${percent(reason.confidence)}, below licenses.minConfidence ${percent(reason.minConfidence)}.`;
  }
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
