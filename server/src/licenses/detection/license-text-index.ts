import * as fs from 'node:fs';
import * as path from 'node:path';
import currentIds = require('spdx-license-ids');
import { traceLoad } from '../../io/load-trace';
import { normalizeLicenseText } from './normalize-license-text';
import { decodeLicenseTextIndex } from './license-text-index-file';
import type { IndexedText, LicenseTextGroup, LicenseTextIndex } from './license-text-index-shape';

/** The prebuilt index that the build writes beside the bundles (see `build-license-text-index.ts`). */
export const LICENSE_TEXT_INDEX_FILE = 'license-text-index.bin';

/** Words per shingle: long enough that shared legal boilerplate does not blur close relatives, short enough to survive edits. */
export const SHINGLE_SIZE = 3;

export type { IndexedText, LicenseTextGroup, LicenseTextIndex } from './license-text-index-shape';

type ReferenceTexts = Readonly<Record<string, { readonly licenseText: string }>>;

let cached: LicenseTextIndex | undefined;

/**
 * The index over `spdx-license-list/full`, loaded on first use (only when a license file has to be identified)
 * and kept for the life of the process: read from the prebuilt file beside the bundle when there is one, built
 * from the texts otherwise (when running from source).
 */
export function getLicenseTextIndex(): LicenseTextIndex {
  if (!cached) {
    cached = readPrebuiltIndex() ?? buildLicenseTextIndex(require('spdx-license-list/full') as ReferenceTexts);
    traceLoad('license-text index');
  }
  return cached;
}

function readPrebuiltIndex(): LicenseTextIndex | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(__dirname, LICENSE_TEXT_INDEX_FILE));
  } catch {
    return undefined;
  }
  return decodeLicenseTextIndex(bytes);
}

export function buildLicenseTextIndex(references: ReferenceTexts): LicenseTextIndex {
  const started = performance.now();
  const current = new Set<string>(currentIds);
  const byWords = new Map<string, { ids: string[]; words: string[] }>();
  for (const [id, entry] of Object.entries(references)) {
    // Deprecated ids (`GPL-2.0`, `LGPL-2.0+`) duplicate current ones; reporting them would only mislead.
    if (!current.has(id) || typeof entry?.licenseText !== 'string') continue;
    const words = normalizeLicenseText(entry.licenseText);
    if (words.length === 0) continue;
    const key = words.join(' ');
    const existing = byWords.get(key);
    if (existing) existing.ids.push(id);
    else byWords.set(key, { ids: [id], words });
  }

  const vocabulary = new Map<string, number>();
  const groups: LicenseTextGroup[] = [];
  const texts: IndexedText[] = [];
  for (const { ids, words } of byWords.values()) {
    const group = groups.length;
    groups.push({ id: representativeId(ids), ids: [...ids].sort() });
    const wordIds = Int32Array.from(words, (word) => {
      let wordId = vocabulary.get(word);
      if (wordId === undefined) {
        wordId = vocabulary.size;
        vocabulary.set(word, wordId);
      }
      return wordId;
    });
    texts.push({ group, shingles: distinctSorted(shingleHashes(wordIds)), wordCount: words.length });
    const appendixAt = optionalAppendixStart(words);
    if (appendixAt !== undefined) {
      texts.push({ group, shingles: distinctSorted(shingleHashes(wordIds.subarray(0, appendixAt))), wordCount: appendixAt });
    }
    const embeddedAt = embeddedGplStart(words);
    if (embeddedAt !== undefined) {
      texts.push({ group, shingles: distinctSorted(shingleHashes(wordIds.subarray(0, embeddedAt))), wordCount: embeddedAt });
    }
  }

  const { keys, offsets, postings } = invert(texts);
  return { vocabulary, groups, texts, keys, offsets, postings, buildMilliseconds: performance.now() - started };
}

/**
 * Texts sharing identical wording get one id. The shortest id is the plain one (`MPL-2.0` over
 * `MPL-2.0-no-copyleft-exception`, `OFL-1.1` over `OFL-1.1-RFN`) and, for the GNU family, `-only` over
 * `-or-later`: the license text alone grants no "any later version" option, so claiming it would overstate.
 */
function representativeId(ids: readonly string[]): string {
  const rank = (id: string) => (id.endsWith('-or-later') ? 1 : 0);
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}

/**
 * GNU and Apache texts end with "END OF TERMS AND CONDITIONS" followed by a how-to-apply appendix that many
 * copies leave out; the SPDX templates mark it optional. Returns where the appendix starts, if there is one
 * worth a second reference text.
 */
function optionalAppendixStart(words: readonly string[]): number | undefined {
  for (let i = words.length - 5; i >= 0; i--) {
    if (words[i] === 'end' && words[i + 1] === 'of' && words[i + 2] === 'terms' && words[i + 3] === 'and' && words[i + 4] === 'conditions') {
      const end = i + 5;
      return words.length - end >= 20 ? end : undefined;
    }
  }
  return undefined;
}

const GPL3_TITLE = ['gnu', 'general', 'public', 'license', 'version', '3', '29', 'june', '2007'];

/**
 * The SPDX reference text of LGPL-3.0 carries the whole GPL-3.0 after it, because the LGPL-3.0 is a set of
 * additional permissions on top of the GPL-3.0. Projects ship the two as separate files (`COPYING.LESSER` and
 * `COPYING`), so the LGPL part alone (a sixth of the reference) must be a reference text of its own.
 */
function embeddedGplStart(words: readonly string[]): number | undefined {
  if (words.length < 5000) return undefined;
  for (let i = 100; i + GPL3_TITLE.length <= words.length; i++) {
    if (GPL3_TITLE.every((word, k) => words[i + k] === word)) return i;
  }
  return undefined;
}

/** One hash per window of `SHINGLE_SIZE` words (or one for the whole text when it is shorter). */
export function shingleHashes(wordIds: ArrayLike<number>): Uint32Array {
  const count = wordIds.length;
  if (count === 0) return new Uint32Array(0);
  if (count < SHINGLE_SIZE) {
    let h = 0x811c9dc5;
    for (let i = 0; i < count; i++) h = mix(h, wordIds[i]);
    return Uint32Array.of(finish(h));
  }
  const out = new Uint32Array(count - SHINGLE_SIZE + 1);
  for (let i = 0; i < out.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE_SIZE; j++) h = mix(h, wordIds[i + j]);
    out[i] = finish(h);
  }
  return out;
}

function mix(h: number, value: number): number {
  return Math.imul(h ^ value, 0x01000193) ^ (h >>> 15);
}

function finish(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export function distinctSorted(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i];
  }
  return sorted.slice(0, length);
}

function invert(texts: readonly IndexedText[]): { keys: Uint32Array; offsets: Uint32Array; postings: Uint32Array } {
  let total = 0;
  for (const text of texts) total += text.shingles.length;
  // Pack (hash, text) into one exactly representable double so a single numeric sort groups by hash.
  const pairs = new Float64Array(total);
  let at = 0;
  for (let t = 0; t < texts.length; t++) {
    for (const hash of texts[t].shingles) pairs[at++] = hash * 65536 + t;
  }
  pairs.sort();
  const keys: number[] = [];
  const offsets: number[] = [];
  const postings = new Uint32Array(total);
  for (let i = 0; i < total; i++) {
    const hash = Math.floor(pairs[i] / 65536);
    postings[i] = pairs[i] - hash * 65536;
    if (keys.length === 0 || keys[keys.length - 1] !== hash) {
      keys.push(hash);
      offsets.push(i);
    }
  }
  offsets.push(total);
  return { keys: Uint32Array.from(keys), offsets: Uint32Array.from(offsets), postings };
}

/** Position of `hash` in the sorted `keys`, or -1. */
export function findKey(keys: Uint32Array, hash: number): number {
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = keys[mid];
    if (value < hash) low = mid + 1;
    else if (value > hash) high = mid - 1;
    else return mid;
  }
  return -1;
}
