/**
 * Copyright statements in a text, one per line, as attribution notices reproduce them. A line counts when,
 * once comment markers are stripped, it starts with `Copyright`, `(c)` or `©` and is a statement rather than
 * license prose ("Copyright notice", "Copyright License.") or a template to fill in ("[yyyy]", "<year>").
 */
export function copyrightLines(text: string): string[] {
  const found: string[] = [];
  for (const whole of text.split(/\r\n|\r|\n/)) {
    if (!/copyright|\(c\)|©/i.test(whole)) continue;
    // Banners put the notice after a bar: `/*! name v1.0 | (c) 2021 Jane Doe | MIT */`.
    const raw = /^\s*\/\*!.*\|/.test(whole) ? (whole.split('|').find((part) => /copyright|\(c\)|©/i.test(part)) ?? whole) : whole;
    const line = raw
      .replace(/^[\s/*#;!<>'"%-]*(?:<!--|\/\*+|\*|\/\/+|#+|--|;+|%+|')?\s*/, '')
      .replace(/\s*(?:\*\/|-->)\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    // Notices write the word capitalised and follow it with a name, year or symbol; prose reads "copyright--then…".
    if (!/^(?:(?:Copyright|COPYRIGHT)(?=$|[\s(:©,])|\(c\)|\(C\)|©)/.test(line)) continue;
    if (PROSE.test(line) || TEMPLATE.test(line)) continue;
    // `(c)` also letters list items ("(c) You must retain…"): without the word it takes a year to be a notice.
    if (!/^copyright\b/i.test(line) && !/^(?:\(c\)|©)\s*(?:(?:\(c\)|©)\s*)?\d{4}/i.test(line)) continue;
    // A statement names someone or a year: `Copyright` alone, or followed only by punctuation, is not one.
    if (!/[A-Za-z0-9]/.test(line.replace(/^(?:copyright\b|\(c\)|©)\s*(?:\(c\)|©)?/i, ''))) continue;
    if (line.length > 300) continue;
    found.push(line);
  }
  return found;
}

/** License prose that begins with the word: "Copyright notice…", "Copyright License. Subject to…", "copyright holders…". */
const PROSE = /^copyright\s*(?:notices?|holders?|owners?|licen[cs]e|law|statements?|and|or|to|the|of|in|on|for|is|protection|disclaimer)\b/i;
/** Placeholders of license templates (Apache's appendix, the GPL's how-to). */
const TEMPLATE = /\[yyyy\]|\{yyyy\}|<year>|\[year\]|\{year\}|<name of author>|\[name of copyright owner\]|\[fullname\]|<copyright holders?>/i;
