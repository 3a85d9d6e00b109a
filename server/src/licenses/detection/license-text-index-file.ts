import type { IndexedText, LicenseTextGroup, LicenseTextIndex } from './license-text-index-shape';

/**
 * The license-text index as one file, written at build time and shipped beside the bundles: building it from
 * the SPDX texts takes most of a second, reading this takes a few milliseconds.
 *
 * Layout: "OSPOLTI1", a little-endian u32 byte length of a JSON head (words in id order, groups, and each
 * text's group, word count and shingle count), the head padded to 4 bytes, then u32 arrays: every text's
 * shingles one after another, keys, offsets, postings.
 */
const MAGIC = 'OSPOLTI1';

interface IndexHead {
  readonly words: readonly string[];
  readonly groups: readonly LicenseTextGroup[];
  readonly texts: ReadonlyArray<readonly [group: number, wordCount: number, shingles: number]>;
  readonly keys: number;
  readonly offsets: number;
  readonly postings: number;
}

export function encodeLicenseTextIndex(index: LicenseTextIndex): Buffer {
  const words: string[] = [];
  for (const [word, id] of index.vocabulary) words[id] = word;
  const head: IndexHead = {
    words,
    groups: index.groups,
    texts: index.texts.map((t) => [t.group, t.wordCount, t.shingles.length] as const),
    keys: index.keys.length,
    offsets: index.offsets.length,
    postings: index.postings.length,
  };
  const headBytes = Buffer.from(JSON.stringify(head), 'utf8');
  const padded = (headBytes.length + 3) & ~3;
  const arrays = [...index.texts.map((t) => t.shingles), index.keys, index.offsets, index.postings];
  const body = arrays.reduce((sum, a) => sum + a.length * 4, 0);
  const out = Buffer.alloc(MAGIC.length + 4 + padded + body);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headBytes.length, MAGIC.length);
  headBytes.copy(out, MAGIC.length + 4);
  let at = MAGIC.length + 4 + padded;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++, at += 4) out.writeUInt32LE(array[i], at);
  }
  return out;
}

/** Reads an index written by `encodeLicenseTextIndex`; the typed arrays are views over `bytes`, not copies. */
export function decodeLicenseTextIndex(bytes: Buffer): LicenseTextIndex {
  const started = performance.now();
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a license-text index file');
  const headLength = bytes.readUInt32LE(MAGIC.length);
  const head = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headLength)) as IndexHead;
  // Uint32Array views need 4-byte alignment within the underlying ArrayBuffer: copy once when it is not.
  const start = MAGIC.length + 4 + ((headLength + 3) & ~3);
  const aligned = (bytes.byteOffset + start) % 4 === 0 ? bytes : Buffer.from(bytes);
  let at = aligned.byteOffset + start;
  const take = (count: number): Uint32Array => {
    if (!isLittleEndian) throw new Error('license-text index files are little-endian');
    const view = new Uint32Array(aligned.buffer, at, count);
    at += count * 4;
    return view;
  };
  const texts: IndexedText[] = head.texts.map(([group, wordCount, shingles]) => ({ group, wordCount, shingles: take(shingles) }));
  const keys = take(head.keys);
  const offsets = take(head.offsets);
  const postings = take(head.postings);
  const vocabulary = new Map<string, number>();
  head.words.forEach((word, id) => vocabulary.set(word, id));
  return { vocabulary, groups: head.groups, texts, keys, offsets, postings, buildMilliseconds: performance.now() - started };
}

const isLittleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
