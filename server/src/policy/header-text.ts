/**
 * What a header's text may hold. The copyright holder and the template come from a policy file (and through
 * `extends`, from files an organisation shares), and end up in comments of every selected file: a line break
 * there writes the rest of the value as code after the comment, and a REUSE marker changes what the file is
 * read as saying.
 */

/**
 * C0 and C1 controls (tab included: a header is one line of printable text), DEL, and the Unicode line and
 * paragraph separators, which end a `//` comment in JavaScript (ECMA-262 LineTerminator).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x09: 'a tab',
  0x0a: 'a line break (U+000A)',
  0x0d: 'a carriage return (U+000D)',
  0x85: 'a next-line character (U+0085)',
  0x2028: 'a line separator (U+2028)',
  0x2029: 'a paragraph separator (U+2029)',
};

/** REUSE markers that hide or scope the tags after them, so a header holding one stops being read as one. */
const REUSE_MARKER = /REUSE-Ignore(Start|End)|SPDX-Snippet(Begin|End)/i;

/** Why `text` cannot be part of a header line, or undefined when it can. */
export function headerTextProblem(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const name = CHARACTER_NAMES[code] ?? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return `contains ${name}; a header line must be a single line of printable text`;
  }
  const marker = REUSE_MARKER.exec(text);
  if (marker) return `contains the REUSE marker "${marker[0]}", which would change what the header is read as saying`;
  return undefined;
}

/** Like `headerTextProblem`, and a holder may not state a license either: it would be read as the file's. */
export function copyrightHolderProblem(holder: string): string | undefined {
  const problem = headerTextProblem(holder);
  if (problem) return problem;
  const tag = /SPDX-License-Identifier\s*:/i.exec(holder);
  return tag ? `contains "${tag[0]}", which would be read as the file's license` : undefined;
}
