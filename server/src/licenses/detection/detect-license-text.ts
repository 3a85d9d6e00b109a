import currentIds = require('spdx-license-ids');
import { findBestLicenseText, type FoundLicenseText } from './find-license-texts';
import { combineParts, sameLicenseVersion } from './combine-license-parts';
import { findLicenseExceptions } from './license-exceptions';
import { findLicenseNotices, type FoundNotice } from './license-notices';
import { getLicenseTextIndex, type LicenseTextIndex } from './license-text-index';
import { normalizeLicenseText } from './normalize-license-text';
import { expressionLeaves, formatSpdxExpression, parseSpdxExpression } from '../../spdx/spdx-expression';

const KNOWN_IDS = new Set<string>(currentIds);

export { isLicenseFileName, LICENSE_FILE_NAMES } from './license-file-names';

/**
 * What a license file's text is. `match`: every license found in it and how the file combines them;
 * `confidence` is the lowest of the per-license similarities, lowered further when the file holds much text
 * that no license explains. `none`: nothing reached `minConfidence`; `best` is the closest candidate, and
 * `problem` says why the text could not be read at all (binary, empty).
 */
export type LicenseTextMatch =
  | { kind: 'match'; expression: string; confidence: number; matches: LicenseTextPart[] }
  | { kind: 'none'; best?: { id: string; confidence: number }; problem?: string };

/**
 * One license found in a text. `id` is what it contributes to the expression: a license id, an id `WITH` an
 * exception, or, for a notice naming several licenses ("… Apache License, Version 2.0 … or the MIT license
 * …, at your option"), their expression. `via`: a full license text, or a standard notice.
 */
export interface LicenseTextPart {
  id: string;
  confidence: number;
  via: 'text' | 'notice';
}

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
/** Notices and exceptions are looked for in this many words of each stretch; beyond, a text is not a notice. */
const MAX_NOTICE_SCAN_WORDS = 20_000;

/**
 * Identifies the license(s) in a LICENSE/COPYING file, or in a source file's header comment: full texts
 * against the SPDX reference texts, then standard notices (GNU, Apache, MPL; see `license-notices.ts`) and
 * exceptions in what the texts leave over.
 *
 * Several licenses in one file combine with AND, unless the text outside the licenses offers a choice ("at
 * your option", "dual licensed", "either of", "your choice"), which makes it OR: the usual Rust
 * `MIT OR Apache-2.0` layout. Two full texts one after the other with no word on how they combine are AND:
 * the file alone does not say the user may pick one, and reading a choice into it could hide an obligation.
 * A package's declared license (Cargo's `license = "MIT OR Apache-2.0"`) says more and is read first.
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

  const bare = bareExpression(sample);
  if (bare) return { kind: 'match', expression: bare, confidence: 1, matches: [{ id: bare, confidence: 1, via: 'notice' }] };

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

  // Notices ("Licensed under the Apache License, Version 2.0 …") and exceptions live in what no full
  // license text explains.
  // Exceptions first: their wording names other licenses ("software that is licensed under the GPLv2"). They
  // are looked for everywhere, since a license text's alignment may reach over an exception written above it.
  const notices: FoundNotice[] = [];
  const exceptions = findLicenseExceptions(words, 0, Math.min(words.length, MAX_NOTICE_SCAN_WORDS));
  let rest: [number, number][] = unexplained.flatMap((span) => subtractSpans(span, exceptions));
  const boilerplate: { start: number; end: number }[] = [];
  rest = rest.flatMap(([s, e]) => {
    const here = findLicenseNotices(words, s, Math.min(e, s + MAX_NOTICE_SCAN_WORDS));
    const kept = here.notices.filter((n) => !isSampleNotice(words, n.start));
    notices.push(...kept);
    if (kept.length > 0) boilerplate.push(...here.boilerplate);
    return subtractSpans([s, e], kept.length > 0 ? [...kept, ...here.boilerplate] : []);
  });
  // A notice right after a GNU text can fall inside the text's aligned stretch (it shares the wording of the
  // text's sample notice); there it counts only to say which option of that same license applies.
  for (const f of found) {
    const id = index.groups[f.group].id;
    if (!/^(A|L)?GPL-/.test(id)) continue;
    const inside = findLicenseNotices(words, f.start, f.end).notices.filter((n) => !isSampleNotice(words, n.start) && sameLicenseVersion(n.expression, id));
    notices.push(...inside);
  }

  if (found.length === 0 && notices.length === 0) {
    return firstBest ? { kind: 'none', best: { id: index.groups[firstBest.group].id, confidence: round(firstBest.similarity) } } : { kind: 'none' };
  }

  const { parts, choice: stated } = combineParts(
    [
      ...found.map((f) => ({ id: index.groups[f.group].id, confidence: round(f.similarity), via: 'text' as const, start: f.start })),
      ...notices.map((n) => ({ id: n.expression, confidence: NOTICE_CONFIDENCE, via: 'notice' as const, start: n.start })),
    ],
    exceptions,
  );
  // An exception with no license of its own to modify stays unexplained text.
  for (const unused of exceptions.filter((x) => !parts.some((p) => p.id.endsWith(` WITH ${x.exception.id}`)))) rest.push(...clip(unused, unexplained));

  const explainedWords =
    found.reduce((sum, f) => sum + (f.end - f.start), 0) + [...notices, ...boilerplate].reduce((sum, n) => sum + (n.end - n.start), 0) + exceptions.reduce((sum, x) => sum + clip(x, unexplained).reduce((n, [s, e]) => n + e - s, 0), 0);
  const coverage = explainedWords / (explainedWords + excessWords(words, rest));

  const matches = parts.map(({ id, confidence, via }) => ({ id, confidence, via }));
  const confidence = round(Math.min(...parts.map((p) => p.confidence)) * coverage);
  if (confidence < minConfidence) {
    const strongest = parts.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    return { kind: 'none', best: { id: strongest.id, confidence } };
  }
  const choice = parts.length > 1 && (stated || notices.some((n) => n.offersChoice) || offersChoice(rest.map(([s, e]) => words.slice(s, e).join(' ')).join(' ')));
  const operator = choice ? 'OR' : 'AND';
  const expression = parts.length === 1 ? parts[0].id : parts.map((p) => (/ (OR|AND) /.test(p.id) ? `(${p.id})` : p.id)).join(` ${operator} `);
  return { kind: 'match', expression, confidence, matches };
}

/**
 * A license file that holds nothing but an SPDX expression (`MIT or Apache-2.0`, as some crates ship): the
 * expression, with its operators upper-cased.
 */
function bareExpression(text: string): string | undefined {
  const line = text.trim();
  if (line.length === 0 || line.length > 120 || /\n/.test(line)) return undefined;
  const parsed = parseSpdxExpression(line.replace(/\s+(or|and|with)\s+/gi, (_whole, op: string) => ` ${op.toUpperCase()} `));
  if (!parsed.ok || expressionLeaves(parsed.expression).some((leaf) => leaf.kind !== 'license' || !KNOWN_IDS.has(leaf.id))) return undefined;
  return formatSpdxExpression(parsed.expression);
}

/** A notice reads as certain as a license text: its wording is fixed, and the patterns demand all of it. */
const NOTICE_CONFIDENCE = 0.95;
/**
 * Prose around licenses (how a project's parts are licensed, where a file came from) is tolerated up to this
 * many words, as long as it holds no words that restrict or add terms.
 */
const TOLERATED_COMMENTARY_WORDS = 400;
const RESTRICTING_WORDS = /\b(?:does not grant|not (?:grant|permit|allow)|shall not|may not|must not|prohibit\w*|restrict\w*|forbid\w*|sell|commercial\w*|noncommercial|you agree|without (?:the )?(?:prior )?written permission)\b/;

/**
 * Unexplained words that count against confidence: all of them beyond a heading's worth when any stretch
 * restricts or adds terms (a "Commons Clause" makes MIT something else), else only beyond the commentary a
 * multi-license file usually carries (ring's LICENSE explains for 300 words which parts fall under which).
 */
function excessWords(words: readonly string[], rest: readonly [number, number][]): number {
  const total = rest.reduce((sum, [s, e]) => sum + (e - s), 0);
  const restricting = rest.some(([s, e]) => RESTRICTING_WORDS.test(words.slice(s, e).join(' ')));
  return Math.max(0, total - (restricting ? TOLERATED_UNEXPLAINED_WORDS : TOLERATED_COMMENTARY_WORDS));
}

/**
 * The GNU licenses end with a sample notice ("How to Apply These Terms … attach the following notices to the
 * program"): an example, not a grant. Its placeholder line `<one line to give …>` is gone after
 * normalisation, like every `<…>`.
 */
function isSampleNotice(words: readonly string[], noticeStart: number): boolean {
  return /\battach the following notices?\b|\bone line to give the\b/.test(words.slice(Math.max(0, noticeStart - 80), noticeStart).join(' '));
}

/** The parts of `span` that lie in the given stretches. */
function clip(span: { start: number; end: number }, stretches: readonly [number, number][]): [number, number][] {
  return stretches.filter(([s, e]) => span.start < e && span.end > s).map(([s, e]) => [Math.max(s, span.start), Math.min(e, span.end)]);
}

/** `[start, end)` without the given spans (sorted or not). */
function subtractSpans([start, end]: [number, number], spans: readonly { start: number; end: number }[]): [number, number][] {
  const out: [number, number][] = [];
  let at = start;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > at) out.push([at, Math.min(span.start, end)]);
    at = Math.max(at, span.end);
  }
  if (at < end) out.push([at, end]);
  return out;
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
