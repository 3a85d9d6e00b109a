import { Transform, type TransformCallback } from 'node:stream';

const SEPARATOR = Buffer.from('\r\n\r\n', 'ascii');
const LENGTH_HEADER = /^content-length$/i;
const LENGTH_HEADER_START = 'content-length:';
/** A header block longer than this is not a header: drop it rather than wait for more. */
const MAX_HEADER_BYTES = 8 * 1024;
/** No message this server handles comes near this; a larger length is a corrupt header, not a message to wait for. */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/**
 * Sits between stdin and the JSON-RPC reader and passes on only well-formed frames (`Content-Length: N`, an
 * empty line, N bytes). The library's reader, given a frame without a usable Content-Length, reports an error
 * and then reads the next body as headers, so one bad frame stalls or garbles the rest of the session. Here a
 * bad header block is reported and skipped up to the next `Content-Length:` header, and serving goes on.
 */
export class LspFrameResync extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks received while a large body is still incomplete: joined once, not once per chunk. */
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private neededBytes = 0;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.buffer.length + this.waitingBytes + chunk.length < this.neededBytes) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      return callback();
    }
    this.buffer = Buffer.concat([this.buffer, ...this.waiting, chunk]);
    this.waiting = [];
    this.waitingBytes = 0;
    this.neededBytes = 0;
    this.drain();
    callback();
  }

  /** Passes on every complete frame in the buffer; keeps what may still become one. */
  private drain(): void {
    const buffer = this.buffer;
    let lower: string | undefined;
    /** Where the next `Content-Length:` header starts after a bad frame, or the tail worth keeping. */
    const skip = (from: number, problem: string): number => {
      this.report(`dropped a malformed message frame: ${problem}`);
      lower ??= buffer.toString('latin1').toLowerCase();
      const next = lower.indexOf(LENGTH_HEADER_START, from + 1);
      if (next >= 0) return next;
      // Keep only what may be the start of a header cut off by the end of this chunk.
      for (let keep = Math.min(LENGTH_HEADER_START.length - 1, buffer.length - from); keep > 0; keep--) {
        if (LENGTH_HEADER_START.startsWith(lower.slice(buffer.length - keep))) return buffer.length - keep;
      }
      return buffer.length;
    };
    let pos = 0;
    while (pos < buffer.length) {
      const headerEnd = buffer.indexOf(SEPARATOR, pos);
      if (headerEnd < 0) {
        if (buffer.length - pos <= MAX_HEADER_BYTES) break;
        pos = skip(pos, `a header block longer than ${MAX_HEADER_BYTES} bytes`);
        continue;
      }
      const length = contentLength(buffer.subarray(pos, headerEnd).toString('latin1'));
      if (typeof length === 'string') {
        pos = skip(pos, length);
        continue;
      }
      const frameEnd = headerEnd + SEPARATOR.length + length;
      if (buffer.length < frameEnd) {
        this.neededBytes = frameEnd - pos;
        break;
      }
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), buffer.subarray(headerEnd + SEPARATOR.length, frameEnd)]));
      pos = frameEnd;
    }
    this.buffer = buffer.subarray(pos);
  }
}

/** The frame's body length, or why the header block has none. */
function contentLength(headers: string): number | string {
  let found: number | string = 'no Content-Length header';
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a header line without a colon: ${JSON.stringify(line.slice(0, 80))}`;
    if (!LENGTH_HEADER.test(line.slice(0, colon).trim())) continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) return `Content-Length is not a number: ${JSON.stringify(value.slice(0, 80))}`;
    const length = Number(value);
    if (length > MAX_FRAME_BYTES) return `Content-Length ${length} exceeds ${MAX_FRAME_BYTES}`;
    found = length;
  }
  return found;
}
