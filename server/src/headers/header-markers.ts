/**
 * The byte sequences without which `readHeader` finds nothing: the `SPDX-` of every tag (matched without
 * regard to case, as tags are), `Copyright`, `©` (0xA9 is its last byte in UTF-8 and its only one in Latin-1),
 * the generated-code markers and REUSE's ignore markers. A file holding none of them has no license or
 * copyright tag, so it can be judged without decoding it.
 */
const EXACT_MARKERS = ['Copyright', '@generated', 'DO NOT EDIT', 'REUSE-Ignore'].map((m) => Buffer.from(m, 'latin1'));
const COPYRIGHT_SIGN = 0xa9;

/** False only when the bytes certainly hold no header tag or marker; UTF-16 text must be decoded first. */
export function mayHoldHeaderTags(bytes: Buffer): boolean {
  if (bytes.includes(COPYRIGHT_SIGN)) return true;
  for (const marker of EXACT_MARKERS) if (bytes.includes(marker)) return true;
  return hasSpdxPrefix(bytes);
}

/** Whether `spdx-` occurs in any mix of cases: each `x-`/`X-` is checked for the three letters before it. */
function hasSpdxPrefix(bytes: Buffer): boolean {
  for (const dash of [X_LOWER, X_UPPER]) {
    for (let at = bytes.indexOf(dash, 3); at >= 0; at = bytes.indexOf(dash, at + 2)) {
      if ((bytes[at - 3] | 0x20) === 0x73 && (bytes[at - 2] | 0x20) === 0x70 && (bytes[at - 1] | 0x20) === 0x64) return true;
    }
  }
  return false;
}

const X_LOWER = Buffer.from('x-', 'latin1');
const X_UPPER = Buffer.from('X-', 'latin1');
