import * as fs from 'node:fs';

export type SourceText =
  | { readonly kind: 'text'; readonly text: string; readonly truncated: boolean }
  | { readonly kind: 'binary' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Reads at most `maxBytes` of a file as text for checking. UTF-16 files (with a BOM) are decoded as such; a
 * NUL byte in the first block means binary. The UTF-8 BOM is kept: header placement must see it.
 */
export function readSourceText(filePath: string, maxBytes: number): SourceText {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const buffer = Buffer.alloc(maxBytes);
    const length = fs.readSync(fd, buffer, 0, maxBytes, 0);
    const size = fs.fstatSync(fd).size;
    const bytes = buffer.subarray(0, length);
    const truncated = size > length;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: '\ufeff' + bytes.subarray(2).toString('utf16le'), truncated };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
      swapped.swap16();
      return { kind: 'text', text: '\ufeff' + swapped.toString('utf16le'), truncated };
    }
    if (bytes.subarray(0, 8192).includes(0)) return { kind: 'binary' };
    return { kind: 'text', text: bytes.toString('utf8'), truncated };
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
