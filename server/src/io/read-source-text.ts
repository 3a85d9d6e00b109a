import * as fs from 'node:fs';

/** How a source file's bytes are text; kept so that a rewrite writes the same encoding back. */
export type SourceEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

export type SourceText =
  | { readonly kind: 'text'; readonly text: string; readonly truncated: boolean; readonly encoding: SourceEncoding }
  | { readonly kind: 'binary' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Decodes bytes as the file's text. UTF-16 needs its BOM; a NUL byte otherwise means binary. Bytes that are
 * not valid UTF-8 are read as Latin-1, where every byte is one character, so a rewrite can give back exactly
 * the bytes it did not change. A BOM stays in the text as U+FEFF: header placement must see it.
 */
export function decodeSource(bytes: Buffer, truncated: boolean): SourceText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: '\ufeff' + bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)).toString('utf16le'), truncated, encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    swapped.swap16();
    return { kind: 'text', text: '\ufeff' + swapped.toString('utf16le'), truncated, encoding: 'utf16be' };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'binary' };
  const text = bytes.toString('utf8');
  // A cut at the read limit may split a character; only a full read can prove the bytes are not UTF-8.
  if (!truncated && text.includes('\ufffd') && !Buffer.from(text, 'utf8').equals(bytes)) {
    return { kind: 'text', text: bytes.toString('latin1'), truncated, encoding: 'latin1' };
  }
  return { kind: 'text', text, truncated, encoding: 'utf8' };
}

/** The bytes of a text in the encoding it was read from. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\ufeff/, ''), 'utf16le')]);
    case 'utf16be': {
      const body = Buffer.from(text.replace(/^\ufeff/, ''), 'utf16le');
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
  }
}

/** Reads at most `maxBytes` of a file as text for checking. */
export function readSourceText(filePath: string, maxBytes: number): SourceText {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, size));
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return decodeSource(buffer.subarray(0, length), size > length);
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Bytes read from a file, undecoded, or why they could not be read. */
export type SourceBytes = { readonly kind: 'bytes'; readonly bytes: Buffer; readonly truncated: boolean } | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Reads the start of one file after another into the same memory: a tree of a hundred thousand files read
 * into a new buffer each leaves the process holding memory freed out of order, which it never gives back.
 * The bytes each read returns are valid until the next read.
 */
export class SourceHeadReader {
  private readonly scratch: Buffer;

  constructor(private readonly maxBytes: number) {
    // One byte more than is kept tells a longer file from one of exactly `maxBytes`, without asking its size.
    this.scratch = Buffer.allocUnsafeSlow(maxBytes + 1);
  }

  read(filePath: string): SourceBytes {
    let fd: number | undefined;
    try {
      fd = fs.openSync(filePath, 'r');
      let length = 0;
      while (length < this.scratch.length) {
        const got = fs.readSync(fd, this.scratch, length, this.scratch.length - length, null);
        if (got === 0) break;
        length += got;
      }
      return { kind: 'bytes', bytes: this.scratch.subarray(0, Math.min(length, this.maxBytes)), truncated: length > this.maxBytes };
    } catch (error) {
      return { kind: 'unreadable', reason: (error as Error).message };
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}
