import { EQUIVALENT_WORDS, JOINED_WORDS } from './equivalent-words';

/**
 * Turns a license text into the words that matter for matching, following the SPDX License List Matching
 * Guidelines: case, whitespace, punctuation, quotes, dashes, bullets and list numbering do not matter;
 * copyright notices and "All rights reserved" are not part of the license; equivalent spellings are one word;
 * a leading title ("The MIT License (MIT)", "Apache License Version 2.0") is optional. Markdown formatting is
 * stripped too, since many projects ship LICENSE.md.
 *
 * The same function runs over the reference texts and the text being identified, so any choice made here is
 * symmetric; what matters is that real-world variations of a license collapse onto the reference.
 */
export function normalizeLicenseText(text: string): string[] {
  let body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  body = stripMarkdown(body);
  const lines = body.split('\n').map(stripLineMarker);
  const kept = dropTitleLines(lines.filter((line) => !isCopyrightLine(line)));
  // A word split over a line by hyphenation is one word.
  const joined = kept.join('\n').toLowerCase().replace(/(\p{L})-[ \t]*\n[ \t]*(\p{L})/gu, '$1$2');
  return canonicalWords(splitWords(joined));
}

/**
 * Splits lower-cased text into words of letters and digits. Quotes and apostrophes vanish without splitting
 * ("licensor's" → "licensors"); every other non-alphanumeric character, dashes included, separates words.
 * A hand-written scan because this runs over 5 MB of reference texts when the index is built.
 */
function splitWords(raw: string): string[] {
  const text = raw.replace(/['"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e]/g, '');
  const words: string[] = [];
  let start = -1;
  let foreign = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const inWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code > 127 && isLetterOrDigit(text, i));
    if (inWord) {
      if (start < 0) start = i;
      if (code > 127) foreign = true;
    } else if (start >= 0) {
      const word = text.slice(start, i);
      words.push(foreign ? fold(word) : word);
      start = -1;
      foreign = false;
    }
  }
  return words;
}

// Made on first use: building a pattern of Unicode properties takes V8 a couple of milliseconds, and a run that
// identifies no license text needs none.
let letterOrDigit: RegExp | undefined;

function isLetterOrDigit(text: string, at: number): boolean {
  return (letterOrDigit ??= /[\p{L}\p{N}\p{M}]/u).test(text[at]);
}

/** "é" and "e" are the same letter for matching; so are full-width and ordinary forms. */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** Applies the equivalent-word rules and drops words that are never part of a license's wording. */
function canonicalWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (word === 'http' || word === 'https') continue;
    if (word === 'all' && next === 'rights' && words[i + 2] === 'reserved') {
      i += 2;
      continue;
    }
    if (next !== undefined && word.length <= 3 && JOINED_WORDS.get(word)?.(next)) {
      out.push(EQUIVALENT_WORDS.get(word + next) ?? word + next);
      i++;
      continue;
    }
    if (word === 'owner' || word === 'owners') {
      if (out[out.length - 1] === 'copyright') {
        out.push('holder');
        continue;
      }
    }
    // Every equivalent spelling is at least five letters long; skipping the lookup for short words is cheap.
    out.push(word.length >= 5 ? (EQUIVALENT_WORDS.get(word) ?? word) : word);
  }
  return out;
}

function stripMarkdown(text: string): string {
  return (
    text
      // [text](url) and ![alt](url): the visible text is the license wording, the target is not.
      .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
      // Reference-style link definitions: `[1]: https://…`.
      .replace(/^[ \t]*\[[^\]\n]+\]:[^\n]*$/gm, '')
      // HTML tags and template placeholders (`<year>`, `<copyright holders>`, `<br/>`) carry no license
      // wording; an autolink keeps its address because the reference texts spell URLs out.
      .replace(/<([^<>\n]{0,100})>/g, (_whole, inner: string) => (/^(https?:\/\/|www\.)/i.test(inner) ? ` ${inner} ` : ' '))
      .replace(/&(nbsp|amp|quot|lt|gt|#\d+);/g, ' ')
  );
}

/** Removes Markdown heading/quote marks, bullets and list numbering ("1.", "(a)", "iv)") at a line's start. */
function stripLineMarker(line: string): string {
  let rest = line.replace(/^[\s>]*(#{1,6}\s+)?/, '');
  for (let i = 0; i < 2; i++) {
    const next = rest.replace(/^(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u2043\u2013\u2014]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,6})[.)]|§\s*\d*)\s+/i, '');
    if (next === rest) break;
    rest = next;
  }
  return rest;
}

/**
 * A copyright notice names the holder, so it differs in every copy; the matching guidelines exclude it. Only
 * the notice itself is dropped: a few old licenses put the grant on the same line, which must survive.
 */
function isCopyrightLine(line: string): boolean {
  const head = line.trim().replace(/^[*_`~]+/, '');
  if (!/^(copyright\b|\(c\)\s|©)/i.test(head)) return false;
  return head.length <= 200 && !/\bpermission\b/i.test(head);
}

/**
 * A leading title is optional in the SPDX templates. A title is a block of at most three short lines before
 * the first blank line ("The MIT License (MIT)"; "Apache License / Version 2.0, January 2004 / URL"), so a
 * first sentence that merely starts with "License is hereby granted" is never taken for one.
 */
function dropTitleLines(lines: string[]): string[] {
  let first = 0;
  while (first < lines.length && isBlankOrRule(lines[first])) first++;
  let end = first;
  while (end < lines.length && !isBlankOrRule(lines[end])) end++;
  if (end === first || end - first > 3 || end >= lines.length) return lines;
  if (!lines.slice(first, end).every((line) => isTitleLike(line.trim()))) return lines;
  // A text that is nothing but a title-like line ("Pick your favourite OSI approved license") keeps it.
  const rest = lines.slice(end);
  return rest.some((line) => /[\p{L}\p{N}]/u.test(line)) ? rest : lines;
}

function isBlankOrRule(line: string): boolean {
  return /^[=\-*_~#\s]*$/.test(line);
}

function isTitleLike(line: string): boolean {
  if (line.split(/\s+/).length > 10) return false;
  if (/[.;:,]\s*$/.test(line.replace(/\b(v|no|inc|ltd)\.$/i, ''))) return false;
  return /\blicen[cs]e\b|\bversion\b|^https?:\/\/\S+$|^\(?\w+\)?$/i.test(line) || /^[A-Z0-9 ,.()\-]+$/.test(line);
}
