import currentIds = require('spdx-license-ids');

/**
 * Standard license notices: the short paragraphs a project puts at the top of its files or in a LICENSE file
 * instead of (or besides) the license text. They name the license and, for the GNU licenses, the version and
 * whether later versions may be chosen, which the license text itself never says.
 *
 * Everything here works on the words `normalizeLicenseText` produces: lower case, no punctuation, so `2.1`
 * is `2 1`, `(at your option)` is `at your option` and comment markers (`#`, `//`, ` * `) are gone. That is
 * what lets the same patterns read a LICENSE file and a source file's header comment.
 */

/** A notice found in a stretch of words; `expression` is an SPDX expression (`Apache-2.0 OR MIT`). */
export interface FoundNotice {
  readonly expression: string;
  /** Word offsets `[start, end)` of the notice, boilerplate that goes with it included. */
  readonly start: number;
  readonly end: number;
  /** The notice offers its license as one of a choice ("either the BSD License or the GNU GPL version 2"). */
  readonly offersChoice: boolean;
}

const knownIds = new Set<string>(currentIds);

/**
 * The notices in `words[start, end)`, in text order, and the boilerplate sentences that go with notices (the
 * GNU warranty disclaimer, Apache's "you may obtain a copy" paragraph): those explain words of a file that
 * holds a notice, but name no license themselves.
 */
export function findLicenseNotices(words: readonly string[], start = 0, end = words.length): { notices: FoundNotice[]; boilerplate: { start: number; end: number }[] } {
  const text = words.slice(start, end).join(' ');
  const wordAt = wordIndexer(text);
  const toWords = (from: number, to: number) => ({ start: start + wordAt(from), end: start + wordAt(to - 1) + 1 });
  const found: RawNotice[] = [];
  for (const finder of [licensingStatements, apacheNotices, mozillaNotices, gnuNotices]) {
    for (const notice of finder(text)) {
      if (!found.some((f) => notice.from < f.to && notice.to > f.from)) found.push(notice);
    }
  }
  const notices = found.sort((a, b) => a.from - b.from).map((f) => ({ expression: f.expression, ...toWords(f.from, f.to), offersChoice: f.choice === true }));
  const boilerplate: { start: number; end: number }[] = [];
  if (notices.length > 0) {
    for (const pattern of BOILERPLATE) {
      for (const match of text.matchAll(pattern)) {
        const from = match.index;
        const to = from + match[0].length;
        if (!found.some((f) => from < f.to && to > f.from)) boilerplate.push(toWords(from, to));
      }
    }
  }
  return { notices, boilerplate: boilerplate.sort((a, b) => a.start - b.start) };
}

/** Maps a character offset in the space-joined words to the index of the word it falls in. */
function wordIndexer(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

interface RawNotice {
  readonly expression: string;
  readonly from: number;
  readonly to: number;
  readonly choice?: boolean;
}

const W = '(?:[a-z0-9]+ )'; // one word and its trailing space

/**
 * Sentences that accompany notices and say nothing of their own about which license applies: the GNU
 * warranty disclaimer and "you should have received a copy", Apache's "you may obtain a copy" paragraph,
 * MPL's "if a copy of the MPL was not distributed".
 */
const BOILERPLATE: readonly RegExp[] = [
  new RegExp(`\\b(?:this|the) ${W}{0,4}?(?:is|are) distributed in the hope that ${W}{0,60}?for more details\\b`, 'g'),
  new RegExp(`\\byou should have received a copy of the ${W}{0,12}?along with ${W}{0,6}?(?:if not (?:see|write to) ${W}{0,30}?(?:licenses|usa)\\b|[a-z0-9]+\\b)`, 'g'),
  /\b(?:the license )?you may not use this file except in compliance with the license\b/g,
  // The MPL 1.1 / GPL / LGPL tri-license header's instructions on choosing.
  new RegExp(`\\bin which case the provisions of the gpl or the lgpl are applicable instead of those above ${W}{0,90}?under the terms of any one of the mpl the gpl or the lgpl\\b`, 'g'),
  // MPL 1.1's header says it with "rights" where Apache says "permissions".
  /\bsoftware distributed under the license is distributed on an as is basis without warrant(?:y|ies)(?: or conditions)? of any kind either express or implied see the license for the specific language governing (?:rights|permissions) and limitations under the license\b/g,
  new RegExp(`\\byou may obtain a copy of the license at ${W}{0,3}?mozilla org mpl\\b`, 'g'),
  /\bunless required by applicable law or agreed to in writing software distributed under the license is distributed on an as is basis without warranties or conditions of any kind either express or implied see the license for the specific language governing permissions and limitations under the license\b/g,
  new RegExp(`\\byou may obtain a copy of the license at ${W}{0,8}?2 0\\b`, 'g'),
  new RegExp(`\\bif a copy of the mpl was not distributed with this file you can obtain one at ${W}{0,6}?2 0\\b`, 'g'),
  // The Rust project's notice ends so: "… may not be copied, modified, or distributed except according to those terms."
  new RegExp(`\\b(?:(?:all )?files in the project carrying such notice|this file) may not be copied modified or distributed except according to those terms\\b`, 'g'),
  /\bsee the (?:files? )?(?:license|copying|licence)[a-z0-9 ]{0,40}? for (?:the )?(?:full )?(?:license )?(?:text|details|terms)\b/g,
];

/** "Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except …". */
function* apacheNotices(text: string): Generator<RawNotice> {
  const notice = new RegExp(`\\b(?:licensed|released|distributed|available|provided|licenced) under (?:the )?(?:terms of (?:the )?)?apache (?:software )?license (?:version |v )?2 0\\b(?: the license)?(?: you may not use this file except in compliance with the license)?`, 'g');
  for (const match of text.matchAll(notice)) {
    const from = match.index;
    let to = from + match[0].length;
    // The Rust convention: "… Apache License, Version 2.0 <LICENSE-APACHE or …> or the MIT license <…>, at your option."
    const rest = text.slice(to + 1, to + 400);
    const mit = new RegExp(`^${W}{0,16}?or (?:the )?mit licen[cs]e\\b(?: ${W}{0,12}?at your option\\b)?`).exec(rest);
    if (mit) {
      to += 1 + mit[0].length;
      yield { expression: 'Apache-2.0 OR MIT', from, to };
    } else yield { expression: 'Apache-2.0', from, to };
  }
}

/** "This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0." and the MPL 1.1 header. */
function* mozillaNotices(text: string): Generator<RawNotice> {
  const notice = /\b(?:subject to|licensed under|distributed under|released under) (?:the )?(?:terms of )?(?:the )?mozilla public license(?: (?:version|v)\b)?(?: (2 0|1 1|1 0)\b)?(?: the license)?/g;
  for (const match of text.matchAll(notice)) {
    const from = match.index;
    const to = from + match[0].length;
    const after = text.slice(to, to + 600);
    // "v. 2.0." at the start of a line reads as list numbering and is gone; the MPL's own address still says it.
    const version = (match[1] ?? /^(?: [a-z0-9]+){0,40}? mozilla org mpl (2 0|1 1)\b/.exec(after)?.[1])?.replace(' ', '.');
    if (!version) continue;
    const id = version === '2.0' && /\bincompatible with secondary licenses\b/.test(after) ? 'MPL-2.0-no-copyleft-exception' : `MPL-${version}`;
    yield { expression: id, from, to };
  }
}

type GnuFamily = 'GPL' | 'LGPL' | 'AGPL';

/**
 * "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General
 * Public License as published by the Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version." The version may come before the name ("the terms of version 2 of the GNU …"),
 * and "or later" in several spellings. A notice that names no version is not reported: by the GPL's own
 * terms it would allow any version ever published, which is rarely what the author meant to say.
 */
function* gnuNotices(text: string): Generator<RawNotice> {
  const name = /\b(?:(?:the )?gnu )?(?:(affero|lesser|library) )?general public licen[cs]e\b|\bgnu (a|l)?gpl(?:v([123]))?\b|\b(a|l)?gplv([123])\b/g;
  for (const match of text.matchAll(name)) {
    const nameStart = match.index;
    const nameEnd = nameStart + match[0].length;
    const before = text.slice(Math.max(0, nameStart - 160), nameStart);
    // Only a grant reads as a notice; "see the GNU General Public License for more details" does not.
    const grant = new RegExp(`\\b(?:under|licensed|released|distributed|redistribute|subject to|terms of|covered by|governed by) ${W}{0,18}$`).exec(before);
    if (!grant) continue;
    const qualifier = match[1] ?? (match[2] === 'a' ? 'affero' : match[2] === 'l' ? 'lesser' : undefined) ?? (match[4] === 'a' ? 'affero' : match[4] === 'l' ? 'lesser' : undefined);
    const family: GnuFamily = qualifier === 'affero' ? 'AGPL' : qualifier === 'lesser' || qualifier === 'library' ? 'LGPL' : 'GPL';
    const after = cutAtNextLicense(text.slice(nameEnd, nameEnd + 300));
    const versionBefore = /\bversion (\d)(?: (\d))? of (?:the )?$/.exec(before.slice(grant.index));
    const abbreviated = match[3] ?? match[5];
    const versionAfter = new RegExp(`^ (?:${W}{0,14}?(?:version|v|ver) (\\d)(?: (\\d))?\\b|v(\\d)\\b|(\\d)(?: (\\d))?\\b)`).exec(after);
    let major: string | undefined;
    let minor: string | undefined;
    let tail = 0;
    if (abbreviated) major = abbreviated;
    else if (versionBefore) [major, minor] = [versionBefore[1], versionBefore[2]];
    else if (versionAfter) {
      major = versionAfter[1] ?? versionAfter[3] ?? versionAfter[4];
      minor = versionAfter[2] ?? versionAfter[5];
      tail = versionAfter[0].length;
    }
    if (!major) continue;
    const sequel = after.slice(tail, tail + 120);
    const orLater = new RegExp(`^ (?:of the licen[cs]e )?(?:${W}{0,3}?(?:or|and) ${W}{0,4}?(?:any )?(?:later|newer|higher|subsequent)(?: versions?)?\\b|or later\\b|or above\\b|or greater\\b|plus\\b)`).exec(sequel);
    const only = !orLater && /^ (?:of the licen[cs]e )?only\b/.test(sequel);
    const id = gnuId(family, qualifier, major, minor, !!orLater);
    if (!id) continue;
    const lead = before.slice(grant.index);
    // "… the GNU GPL version 2 or later, or the GNU LGPL version 2.1 or later": the second notice starts at its name.
    const sharesGrant = /general public licen[cs]e|\bgpl\b/.test(lead);
    const from = sharesGrant ? nameStart : freeSoftwareLead(text, nameStart - lead.length);
    const to = nameEnd + tail + (orLater ? orLater[0].length : only ? /^ (?:of the licen[cs]e )?only/.exec(sequel)![0].length : 0);
    yield { expression: id, from: Math.max(0, from), to, choice: /\beither\b|\bor\b|\balternatively\b/.test(lead) };
  }
}

/** "This program is free software; you can redistribute it and/or modify it" opens the notice. */
function freeSoftwareLead(text: string, from: number): number {
  const windowStart = Math.max(0, from - 200);
  const lead = new RegExp(`\\b(?:this|the) ${W}{0,4}?(?:is|are) free software ${W}{0,20}?$`).exec(text.slice(windowStart, from));
  return lead ? windowStart + lead.index : from;
}

/** The words after a license name up to where another license is named, so its version is not borrowed. */
function cutAtNextLicense(after: string): string {
  const next = / (?:gnu|mozilla|apache|mit|bsd|mpl|general public licen[cs]e)\b/.exec(after);
  return next ? after.slice(0, next.index) : after;
}

function gnuId(family: GnuFamily, qualifier: string | undefined, major: string, minor: string | undefined, orLater: boolean): string | undefined {
  let version: string | undefined;
  if (family === 'GPL' && /^[123]$/.test(major) && (!minor || minor === '0')) version = `${major}.0`;
  if (family === 'AGPL' && /^[13]$/.test(major) && (!minor || minor === '0')) version = `${major}.0`;
  if (family === 'LGPL') {
    if (major === '3' && (!minor || minor === '0')) version = '3.0';
    else if (major === '2' && minor === '1') version = '2.1';
    // The "Lesser" name was introduced with 2.1; "Library" 2 is 2.0.
    else if (major === '2' && (!minor || minor === '0')) version = qualifier === 'lesser' && !minor ? '2.1' : '2.0';
  }
  if (!version) return undefined;
  const id = `${family}-${version}-${orLater ? 'or-later' : 'only'}`;
  return knownIds.has(id) ? id : undefined;
}

/**
 * License names a licensing statement may list, with the SPDX id each means. Only names that say exactly one
 * license: a statement naming "BSD" or "GPL" without more is left to the license files.
 */
const STATEMENT_NAMES: readonly [RegExp, string][] = [
  [/^apache (?:software )?licen[cs]e (?:version |v )?2 0\b|^apache (?:version |v )?2 0(?: licen[cs]e)?\b|^apache 2\b/, 'Apache-2.0'],
  [/^mit(?: licen[cs]es?)?\b|^expat licen[cs]e\b/, 'MIT'],
  [/^unlicen[cs]e\b/, 'Unlicense'],
  [/^isc(?: licen[cs]e)?\b/, 'ISC'],
  [/^boost software licen[cs]e(?: version 1 0)?\b/, 'BSL-1.0'],
  [/^zlib(?: licen[cs]e)?\b/, 'Zlib'],
  [/^mozilla public licen[cs]e (?:version |v )?2 0\b|^mpl (?:version |v )?2 0\b/, 'MPL-2.0'],
  [/^bsd 3 clause(?: licen[cs]e)?\b|^3 clause bsd(?: licen[cs]e)?\b/, 'BSD-3-Clause'],
  [/^bsd 2 clause(?: licen[cs]e)?\b|^2 clause bsd(?: licen[cs]e)?\b/, 'BSD-2-Clause'],
  [/^creative commons zero\b|^cc0(?: 1 0)?\b/, 'CC0-1.0'],
];

/**
 * Short licensing statements of the kind Rust crates keep in COPYING or COPYRIGHT files: "This project is
 * dual-licensed under the Unlicense and MIT licenses. You may use this code under the terms of either
 * license." or "licensed under the Apache License, Version 2.0 … or the MIT license …, at your option". The
 * names listed are alternatives when the statement offers a choice, else all apply.
 */
function* licensingStatements(text: string): Generator<RawNotice> {
  const opener = /\b(?:(?:dual|triple|multi) licensed|licensed|released|distributed|available) under (?:the terms of )?(?:either of |either |both |any of |one of )?(?:the )?/g;
  for (const match of text.matchAll(opener)) {
    const from = match.index;
    let at = from + match[0].length;
    let lastNameEnd = at;
    const ids: string[] = [];
    let misses = 0;
    while (at < text.length && misses <= 14 && ids.length < 4) {
      const rest = text.slice(at);
      const named = STATEMENT_NAMES.find(([pattern]) => pattern.test(rest));
      if (named) {
        at += (named[0].exec(rest) as RegExpExecArray)[0].length;
        // "Apache 2.0 with the LLVM Exception" is a license of its own.
        const exception = named[1] === 'Apache-2.0' ? /^ with (?:the )?llvm exceptions?\b/.exec(text.slice(at)) : null;
        if (exception) at += exception[0].length;
        const id = exception ? 'Apache-2.0 WITH LLVM-exception' : named[1];
        if (!ids.includes(id)) ids.push(id);
        lastNameEnd = at;
        at++;
        misses = 0;
        continue;
      }
      const space = text.indexOf(' ', at);
      if (space < 0) break;
      at = space + 1;
      misses++;
    }
    if (ids.length === 0) continue;
    const window = text.slice(from, Math.min(text.length, lastNameEnd + 160));
    const choice = ids.length > 1 && /\b(?:dual|triple|multi) licensed\b|\beither\b|\bat your (?:option|choice)\b|\byour choice\b|\bany of\b|\bone of\b/.test(window);
    const closing = new RegExp(`^(?: ${W}{0,16}?)?(?:at your (?:option|choice)|either licen[cs]e|any of these licen[cs]es)\\b`).exec(text.slice(lastNameEnd, lastNameEnd + 200));
    yield { expression: ids.join(choice ? ' OR ' : ' AND '), from, to: lastNameEnd + (closing ? closing[0].length : 0) };
  }
}
