import { EQUIVALENT_PHRASES, EQUIVALENT_WORDS } from './equivalent-words';

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
  let joined = kept.join('\n').toLowerCase();
  joined = joined
    // A word split over a line by hyphenation is one word.
    .replace(/(\p{L})-[ \t]*\n[ \t]*(\p{L})/gu, '$1$2')
    .replace(/\ball rights reserved\b/g, ' ')
    .replace(/\bhttps?:\/\//g, ' ')
    // Dashes of every kind, and hyphens, separate words; compounds are rejoined below where SPDX says so.
    .replace(/[-\u2010-\u2015\u2212_]/g, ' ')
    // Apostrophes and quotes of every kind are dropped, so "licensor's" and "licensors" stay close.
    .replace(/['\u2018\u2019\u201a\u201b`\u00b4"\u201c\u201d\u201e\u00ab\u00bb]/g, '')
    .replace(/\s+/g, ' ');
  for (const [pattern, replacement] of EQUIVALENT_PHRASES) joined = joined.replace(pattern, replacement);
  const folded = joined.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words: string[] = [];
  for (const match of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    words.push(EQUIVALENT_WORDS.get(word) ?? word);
  }
  return words;
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

/** A leading title is optional in the SPDX templates; drop up to three short title-like lines. */
function dropTitleLines(lines: string[]): string[] {
  let index = 0;
  let dropped = 0;
  while (index < lines.length && dropped < 3) {
    const line = lines[index].trim();
    if (line === '' || /^[=\-*_~#\s]+$/.test(line)) {
      index++;
      continue;
    }
    const words = line.split(/\s+/).length;
    const looksLikeTitle =
      words <= 10 &&
      !/[.;:]\s*$/.test(line.replace(/\b(v|no|inc|ltd)\.$/i, '')) &&
      (/\blicen[cs]e\b|\bversion\b|^https?:\/\/\S+$|^\(?\w+\)?$/i.test(line) || /^[A-Z0-9 ,.()\-]+$/.test(line));
    if (!looksLikeTitle) break;
    index++;
    dropped++;
  }
  // A text that is nothing but a title-like line ("Pick your favourite OSI approved license") keeps it.
  const rest = lines.slice(index);
  return dropped === 0 || !rest.some((line) => /[\p{L}\p{N}]/u.test(line)) ? lines : rest;
}
