/**
 * The byte sequences without which `readHeader` finds nothing: the `SPDX-` of every tag (matched without
 * regard to case, as tags are), `Copyright`, `©` (0xA9 is its last byte in UTF-8 and its only one in Latin-1),
 * the generated-code markers and REUSE's ignore markers. A file holding none of them has no license or
 * copyright tag, so it can be judged without decoding it.
 */
const EXACT_MARKERS = ['Copyright', '@generated', 'DO NOT EDIT', 'REUSE-Ignore'].map((m) => Buffer.from(m, 'latin1'));
const COPYRIGHT_SIGN = 0xa9;

/**
 * Where the line holding the last marker ends (the offset of its line break, or the length of the bytes), or 0
 * when the bytes certainly hold no header tag or marker (UTF-16 text must be decoded first). Every tag and
 * marker `readHeader` acts on lies before it, on lines it holds whole, so reading the text up to there finds
 * what reading all of it finds. A line break byte is never part of a UTF-8 or Latin-1 character, so the cut
 * never splits one.
 */
export function headerMarkersEnd(bytes: Buffer): number {
  let last = bytes.lastIndexOf(COPYRIGHT_SIGN);
  for (const marker of EXACT_MARKERS) {
    const at = lastOccurrence(bytes, marker);
    if (at >= 0) last = Math.max(last, at + marker.length - 1);
  }
  last = Math.max(last, lastSpdxPrefix(bytes));
  return last < 0 ? 0 : lineEndFrom(bytes, last + 1);
}

/** The offset of the first line break (LF or CR) at or after `from`, or the length of the bytes. */
export function lineEndFrom(bytes: Buffer, from: number): number {
  let end = from;
  while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  return end;
}

/**
 * The last occurrence of a needle, found searching forwards: Node searches forwards several times faster than
 * backwards, and most markers are absent or sit once near the top, so one forward pass decides.
 */
function lastOccurrence(bytes: Buffer, needle: Buffer): number {
  let at = bytes.indexOf(needle);
  if (at < 0) return -1;
  for (let next = bytes.indexOf(needle, at + 1); next >= 0; next = bytes.indexOf(needle, next + 1)) at = next;
  return at;
}

/** Where the last `spdx-` in any mix of cases ends (its dash), or -1: each `x-`/`X-` is checked for the three letters before it. */
function lastSpdxPrefix(bytes: Buffer): number {
  let last = -1;
  for (const dash of [X_LOWER, X_UPPER]) {
    for (let at = bytes.indexOf(dash, 3); at >= 0; at = bytes.indexOf(dash, at + 2)) {
      if ((bytes[at - 3] | 0x20) === 0x73 && (bytes[at - 2] | 0x20) === 0x70 && (bytes[at - 1] | 0x20) === 0x64) last = Math.max(last, at + 1);
    }
  }
  return last;
}

const X_LOWER = Buffer.from('x-', 'latin1');
const X_UPPER = Buffer.from('X-', 'latin1');
