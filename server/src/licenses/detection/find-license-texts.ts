import { distinctSorted, findKey, getLicenseTextIndex, SHINGLE_SIZE, shingleHashes, type LicenseTextIndex } from './license-text-index';

/** A reference text found in a stretch of the input words. */
export interface FoundLicenseText {
  readonly group: number;
  /** Dice similarity of the stretch's shingles and the reference text's shingles, 0..1. */
  readonly similarity: number;
  /** The stretch, as word offsets into the input `[start, end)`. */
  readonly start: number;
  readonly end: number;
}

/** Candidates must share at least this part of their own shingles with the input to be aligned at all. */
const MIN_CONTAINMENT = 0.5;
/** How many candidates get the (costlier) alignment; close relatives all rank near the top, so a handful suffices. */
const MAX_ALIGNED_CANDIDATES = 24;
const SAME_LICENSE_TOLERANCE = 0.02;

/**
 * Finds the reference text that best explains a stretch of words, and where it lies. Candidates come from the
 * inverted index (how many of a text's shingles occur anywhere in the input); each is then aligned: the input
 * positions whose shingle belongs to the candidate are clustered, the densest cluster is grown while that
 * improves similarity, and the final score is the Dice coefficient between the distinct shingles of that
 * stretch and the candidate's. Scoring only the stretch is what lets a file holding two licenses, or a
 * preamble and a license, match each license in full.
 */
export function findBestLicenseText(wordIds: Int32Array, index: LicenseTextIndex = getLicenseTextIndex()): FoundLicenseText | undefined {
  const hashes = shingleHashes(wordIds);
  if (hashes.length === 0) return undefined;
  const keyAt = new Int32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) keyAt[i] = findKey(index.keys, hashes[i]);

  const counts = new Uint32Array(index.texts.length);
  const distinctKeys = distinctSorted(Uint32Array.from(keyAt.filter((k) => k >= 0)));
  for (const key of distinctKeys) {
    for (let p = index.offsets[key]; p < index.offsets[key + 1]; p++) counts[index.postings[p]]++;
  }

  const candidates: { text: number; weight: number }[] = [];
  for (let t = 0; t < counts.length; t++) {
    if (counts[t] === 0) continue;
    const containment = counts[t] / index.texts[t].shingles.length;
    if (containment >= MIN_CONTAINMENT) candidates.push({ text: t, weight: counts[t] * containment });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.weight - a.weight);
  candidates.length = Math.min(candidates.length, MAX_ALIGNED_CANDIDATES);

  const slot = new Int32Array(index.texts.length).fill(-1);
  const matchedPositions: number[][] = candidates.map((candidate, i) => {
    slot[candidate.text] = i;
    return [];
  });
  for (let i = 0; i < keyAt.length; i++) {
    const key = keyAt[i];
    if (key < 0) continue;
    for (let p = index.offsets[key]; p < index.offsets[key + 1]; p++) {
      const s = slot[index.postings[p]];
      if (s >= 0) matchedPositions[s].push(i);
    }
  }

  let best: FoundLicenseText | undefined;
  for (let c = 0; c < candidates.length; c++) {
    const text = index.texts[candidates[c].text];
    const span = alignSpan(matchedPositions[c], text.shingles.length);
    if (!span) continue;
    const similarity = dice(hashes.subarray(span.first, span.last + 1), text.shingles);
    const found = { group: text.group, similarity, start: span.first, end: Math.min(wordIds.length, span.last + SHINGLE_SIZE) };
    if (!best || isBetter(found, best)) best = found;
  }
  return best;
}

/**
 * Higher similarity wins, except between two reference texts of the same license (with and without its
 * appendix): there the one explaining more of the input wins unless it is clearly less similar, so an
 * appendix that is present is not left over as unexplained text.
 */
function isBetter(found: FoundLicenseText, best: FoundLicenseText): boolean {
  if (found.group === best.group && Math.abs(found.similarity - best.similarity) <= SAME_LICENSE_TOLERANCE) {
    return found.end - found.start > best.end - best.start;
  }
  return found.similarity > best.similarity;
}

/**
 * Chooses the stretch of input shingle positions that best lines up with a reference of `referenceSize`
 * shingles, given the positions whose shingle occurs in the reference.
 */
function alignSpan(positions: readonly number[], referenceSize: number): { first: number; last: number } | undefined {
  if (positions.length === 0) return undefined;
  // Inside a genuine copy, gaps are edits (a substituted name, a reflowed clause); longer gaps are other text.
  const gap = Math.max(12, Math.round(referenceSize / 25));
  const clusters: { first: number; last: number; hits: number }[] = [];
  for (const position of positions) {
    const current = clusters[clusters.length - 1];
    if (current && position - current.last <= gap) {
      current.last = position;
      current.hits++;
    } else clusters.push({ first: position, last: position, hits: 1 });
  }
  let seed = 0;
  for (let i = 1; i < clusters.length; i++) if (clusters[i].hits > clusters[seed].hits) seed = i;

  // Estimate with position counts (cheap); the caller computes the exact score once for the chosen stretch.
  const estimate = (first: number, last: number, hits: number) => (2 * Math.min(hits, referenceSize)) / (last - first + 1 + referenceSize);
  let low = seed;
  let high = seed;
  let hits = clusters[seed].hits;
  for (;;) {
    const current = estimate(clusters[low].first, clusters[high].last, hits);
    const left = low > 0 ? estimate(clusters[low - 1].first, clusters[high].last, hits + clusters[low - 1].hits) : -1;
    const right = high < clusters.length - 1 ? estimate(clusters[low].first, clusters[high + 1].last, hits + clusters[high + 1].hits) : -1;
    if (left <= current && right <= current) break;
    if (left >= right) hits += clusters[--low].hits;
    else hits += clusters[++high].hits;
  }
  return { first: clusters[low].first, last: clusters[high].last };
}

/** Dice coefficient between the distinct values of `hashes` and the sorted distinct `reference`. */
function dice(hashes: Uint32Array, reference: Uint32Array): number {
  const distinct = distinctSorted(hashes);
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < distinct.length && j < reference.length) {
    if (distinct[i] < reference[j]) i++;
    else if (distinct[i] > reference[j]) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return (2 * shared) / (distinct.length + reference.length);
}
