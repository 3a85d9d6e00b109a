/** The license-text index as it is built, written to the build's index file and read back. */

/** SPDX ids whose reference texts normalise to the same words: no text can tell them apart. */
export interface LicenseTextGroup {
  /** The id reported for the group (see `representativeId`). */
  readonly id: string;
  readonly ids: readonly string[];
}

/** One reference text: a license's full text, or the same text without its optional appendix. */
export interface IndexedText {
  readonly group: number;
  /** Sorted, distinct shingle hashes. */
  readonly shingles: Uint32Array;
  readonly wordCount: number;
}

/**
 * Every SPDX reference text as shingle sets plus an inverted index (shingle → texts) in flat typed arrays,
 * which keeps the whole index to a few megabytes and lookups allocation-free.
 */
export interface LicenseTextIndex {
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly groups: readonly LicenseTextGroup[];
  readonly texts: readonly IndexedText[];
  /** Sorted distinct shingle hashes of all texts. */
  readonly keys: Uint32Array;
  /** `postings[offsets[k] .. offsets[k + 1])` are the texts (ascending) containing `keys[k]`. */
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
  readonly buildMilliseconds: number;
}
