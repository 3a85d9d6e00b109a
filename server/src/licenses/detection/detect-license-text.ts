import { findBestLicenseText, type FoundLicenseText } from './find-license-texts';
import { getLicenseTextIndex, type LicenseTextIndex } from './license-text-index';
import { normalizeLicenseText } from './normalize-license-text';

export { isLicenseFileName, LICENSE_FILE_NAMES } from './license-file-names';

/**
 * What a license file's text is. `match`: every license found in it and how the file combines them;
 * `confidence` is the lowest of the per-license similarities, lowered further when the file holds much text
 * that no license explains. `none`: nothing reached `minConfidence`; `best` is the closest candidate, and
 * `problem` says why the text could not be read at all (binary, empty).
 */
export type LicenseTextMatch =
  | { kind: 'match'; expression: string; confidence: number; matches: { id: string; confidence: number }[] }
  | { kind: 'none'; best?: { id: string; confidence: number }; problem?: string };

export interface DetectLicenseTextOptions {
  /** Similarity (0..1) a text needs to count as a license; default 0.9. */
  readonly minConfidence?: number;
}

/** Texts beyond this many characters are read only up to it: no license file is that long. */
const MAX_TEXT_CHARS = 512 * 1024;
/** A stretch shorter than this many words after one license is matched is not searched for another one. */
const MIN_SEGMENT_WORDS = 20;
/** A license found next to another must be at least this similar to count; below it the stretch is "other text". */
const MIN_COMPONENT_SIMILARITY = 0.75;
/** Unexplained words tolerated without lowering confidence: a heading, a line saying how the licenses combine. */
const TOLERATED_UNEXPLAINED_WORDS = 40;
const MAX_LICENSES_PER_FILE = 4;

/**
 * Identifies the license(s) in a LICENSE/COPYING file against the SPDX reference texts.
 *
 * Several licenses in one file combine with AND (each applies, as when a project bundles code under another
 * license), unless the text outside the licenses offers a choice ("at your option", "dual licensed", "either
 * of", "your choice"), which makes it OR: the usual Rust `MIT OR Apache-2.0` layout.
 */
export function detectLicenseText(text: string, options: DetectLicenseTextOptions = {}): LicenseTextMatch {
  try {
    return detect(text, options);
  } catch (error) {
    return { kind: 'none', problem: `could not read the text: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function detect(text: string, options: DetectLicenseTextOptions): LicenseTextMatch {
  if (typeof text !== 'string') return { kind: 'none', problem: 'not a text' };
  const minConfidence = Number.isFinite(options.minConfidence) ? Math.min(1, Math.max(0, options.minConfidence as number)) : 0.9;
  const sample = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  if (/\u0000/.test(sample.slice(0, 8192))) return { kind: 'none', problem: 'binary content' };

  const index = getLicenseTextIndex();
  const words = normalizeLicenseText(sample);
  if (words.length === 0) return { kind: 'none', problem: 'no words' };
  const wordIds = toWordIds(words, index);

  const found: FoundLicenseText[] = [];
  const unexplained: [number, number][] = [];
  let firstBest: FoundLicenseText | undefined;
  const pending: [number, number][] = [[0, words.length]];
  while (pending.length > 0) {
    const [start, end] = pending.pop() as [number, number];
    if (found.length >= MAX_LICENSES_PER_FILE || (found.length > 0 && end - start < MIN_SEGMENT_WORDS)) {
      unexplained.push([start, end]);
      continue;
    }
    const best = findBestLicenseText(wordIds.subarray(start, end), index);
    if (best && !firstBest) firstBest = best;
    if (!best || best.similarity < MIN_COMPONENT_SIMILARITY) {
      unexplained.push([start, end]);
      continue;
    }
    found.push({ ...best, start: start + best.start, end: start + best.end });
    if (start + best.start > start) pending.push([start, start + best.start]);
    if (start + best.end < end) pending.push([start + best.end, end]);
  }

  if (found.length === 0) {
    return firstBest ? { kind: 'none', best: { id: index.groups[firstBest.group].id, confidence: round(firstBest.similarity) } } : { kind: 'none' };
  }

  found.sort((a, b) => a.start - b.start);
  const explainedWords = found.reduce((sum, f) => sum + (f.end - f.start), 0);
  const unexplainedWords = unexplained.reduce((sum, [s, e]) => sum + (e - s), 0);
  const excess = Math.max(0, unexplainedWords - TOLERATED_UNEXPLAINED_WORDS);
  const coverage = explainedWords / (explainedWords + excess);

  const matches: { id: string; confidence: number }[] = [];
  for (const f of found) {
    const id = index.groups[f.group].id;
    const existing = matches.find((m) => m.id === id);
    if (existing) existing.confidence = Math.min(existing.confidence, round(f.similarity));
    else matches.push({ id, confidence: round(f.similarity) });
  }
  const confidence = round(Math.min(...found.map((f) => f.similarity)) * coverage);
  if (confidence < minConfidence) {
    const strongest = found.reduce((a, b) => (b.similarity > a.similarity ? b : a));
    return { kind: 'none', best: { id: index.groups[strongest.group].id, confidence } };
  }
  const operator = matches.length > 1 && offersChoice(unexplained.map(([s, e]) => words.slice(s, e).join(' ')).join(' ')) ? 'OR' : 'AND';
  return { kind: 'match', expression: matches.map((m) => m.id).join(` ${operator} `), confidence, matches };
}

/** Words of the text outside the licenses that make the licenses alternatives rather than cumulative. */
function offersChoice(outside: string): boolean {
  return /\bat your (option|choice)\b|\bdual licensed\b|\bdual licensing\b|\beither of\b|\byour choice\b|\bchoose (either|one|any)\b|\bunder (the terms of )?either\b/.test(outside);
}

function toWordIds(words: readonly string[], index: LicenseTextIndex): Int32Array {
  // Words no reference uses get ids of their own, distinct from each other, so they never form a known shingle.
  let unknown = index.vocabulary.size;
  const fresh = new Map<string, number>();
  return Int32Array.from(words, (word) => {
    const known = index.vocabulary.get(word);
    if (known !== undefined) return known;
    let id = fresh.get(word);
    if (id === undefined) {
      id = unknown++;
      fresh.set(word, id);
    }
    return id;
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
