/**
 * License exceptions (the SPDX exception list's `WITH` operands) that projects append to a license text: the
 * LGPL-3.0 static-linking exception, LLVM's exceptions to Apache-2.0, the Classpath exception. The SPDX
 * license list package carries no exception texts, so each is recognised by a sentence no other text uses,
 * and applies only to the licenses it was written for.
 */
export interface LicenseExceptionSignature {
  /** SPDX exception id. */
  readonly id: string;
  /** A distinctive run of normalised words from the exception's text. */
  readonly words: string;
  /** Roughly how many words the exception's text has, counted from the signature on. */
  readonly length: number;
  /** The licenses (SPDX ids) the exception modifies. */
  readonly appliesTo: RegExp;
}

export const LICENSE_EXCEPTIONS: readonly LicenseExceptionSignature[] = [
  {
    id: 'LGPL-3.0-linking-exception',
    words: 'as a special exception to the gnu lesser general public license version 3',
    length: 130,
    appliesTo: /^LGPL-3\.0-(only|or-later)$/,
  },
  { id: 'LLVM-exception', words: 'llvm exceptions to the apache 2 0 license', length: 140, appliesTo: /^Apache-2\.0$/ },
  {
    id: 'LLVM-exception',
    words: 'as an exception if as a result of your compiling your source code portions of this software are embedded into an object form',
    length: 130,
    appliesTo: /^Apache-2\.0$/,
  },
  {
    id: 'Classpath-exception-2.0',
    words: 'linking this library statically or dynamically with other modules is making a combined work based on this library',
    length: 120,
    appliesTo: /^GPL-[23]\.0-(only|or-later)$/,
  },
  { id: 'GCC-exception-3.1', words: 'gcc runtime library exception', length: 500, appliesTo: /^GPL-3\.0-(only|or-later)$/ },
  {
    id: 'OCaml-LGPL-linking-exception',
    words: 'as a special exception to the gnu lesser general public license you may link statically or dynamically a work that uses',
    length: 70,
    appliesTo: /^LGPL-2\.[01]-(only|or-later)$/,
  },
  {
    id: 'Linux-syscall-note',
    words: 'this copyright does not cover user programs that use kernel services by normal system calls',
    length: 60,
    appliesTo: /^GPL-2\.0-(only|or-later)$/,
  },
  {
    id: 'Bison-exception-2.2',
    words: 'as a special exception you may create a larger work that contains part or all of the bison parser skeleton',
    length: 70,
    appliesTo: /^GPL-[23]\.0-(only|or-later)$/,
  },
  { id: 'Font-exception-2.0', words: 'as a special exception if you create a document which uses this font', length: 80, appliesTo: /^GPL-[23]\.0-(only|or-later)$/ },
];

/** An exception's signature found at word offset `start`; `end` estimates where its text stops. */
export interface FoundException {
  readonly exception: LicenseExceptionSignature;
  readonly start: number;
  readonly end: number;
}

/** Exceptions whose signature occurs in `words[start, end)`. */
export function findLicenseExceptions(words: readonly string[], start: number, end: number): FoundException[] {
  const found: FoundException[] = [];
  for (const exception of LICENSE_EXCEPTIONS) {
    const signature = exception.words.split(' ');
    for (let i = start; i + signature.length <= end; i++) {
      if (words[i] !== signature[0] || !signature.every((word, k) => words[i + k] === word)) continue;
      if (!found.some((f) => f.start === i)) found.push({ exception, start: i, end: Math.min(end, i + exception.length) });
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
