import type { FoundException } from './license-exceptions';

/** One license found in a text, while the pieces of a file are being put together. */
export interface LicensePart {
  id: string;
  confidence: number;
  via: 'text' | 'notice';
  /** Word offset where it was found, for text order. */
  start: number;
}

/** Same license and version, whatever the "only" / "or later" option. */
export function sameLicenseVersion(a: string, b: string): boolean {
  const version = (id: string) => id.replace(/-(only|or-later)$/, '');
  return version(a) === version(b);
}

/**
 * Puts texts, notices and exceptions together:
 * - a notice naming the license a text in the file is (`GPL-2.0-or-later` beside the GPL-2.0 text) says which
 *   option applies; the license text alone never grants "any later version";
 * - an exception modifies the license it was written for (`LGPL-3.0-only WITH LGPL-3.0-linking-exception`);
 * - the GPL-3.0 text beside the LGPL-3.0 is there because the LGPL-3.0 is built on it, not as a second license;
 * - the same license found twice is one.
 */
export function combineParts(found: LicensePart[], exceptions: readonly FoundException[]): { parts: LicensePart[]; choice: boolean } {
  const parts = found.sort((a, b) => a.start - b.start);
  const remove = (part: LicensePart) => parts.splice(parts.indexOf(part), 1);
  let choice = false;
  // Two statements naming the same licenses ("… or the MIT license, at your option" and "derived from code
  // licensed under the MIT/Apache 2.0 license") are one; the one that states a choice says more.
  const idSet = (p: LicensePart) => p.id.split(/ (?:OR|AND) /).sort().join(' ');
  for (const notice of parts.filter((p) => p.via === 'notice' && / (OR|AND) /.test(p.id))) {
    const twin = parts.find((p) => p !== notice && p.via === 'notice' && idSet(p) === idSet(notice));
    if (twin && parts.includes(notice)) remove(/ OR /.test(twin.id) ? notice : twin);
  }
  for (const notice of parts.filter((p) => p.via === 'notice')) {
    const ids = notice.id.split(/ (?:OR|AND) /);
    const texts = parts.filter((p) => p.via === 'text' && ids.some((id) => sameLicenseVersion(id, p.id)));
    if (texts.length === 0) continue;
    if (ids.length === 1) {
      for (const text of texts) text.id = notice.id.endsWith('-or-later') ? notice.id : text.id;
      texts[0].confidence = Math.min(texts[0].confidence, notice.confidence);
      remove(notice);
    } else if (texts.length === ids.length && parts.length === ids.length + 1) {
      // "Licensed under either of …" above the texts themselves: the texts stay, the statement says how they combine.
      choice = notice.id.includes(' OR ');
      remove(notice);
    } else {
      notice.confidence = Math.min(notice.confidence, ...texts.map((t) => t.confidence));
      texts.forEach(remove);
    }
  }
  if (parts.some((p) => /^LGPL-3\.0-/.test(p.id))) {
    for (const gpl of parts.filter((p) => p.via === 'text' && /^GPL-3\.0-/.test(p.id))) parts.splice(parts.indexOf(gpl), 1);
  }
  for (const found of exceptions) {
    const base = parts.find((p) => found.exception.appliesTo.test(p.id));
    if (base) base.id = `${base.id} WITH ${found.exception.id}`;
  }
  const unique: LicensePart[] = [];
  for (const part of parts) {
    const same = unique.find((u) => u.id === part.id);
    if (same) same.confidence = Math.min(same.confidence, part.confidence);
    else unique.push(part);
  }
  return { parts: unique, choice };
}
