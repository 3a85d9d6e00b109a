import { Transform, type TransformCallback } from 'node:stream';

const SEPARATOR = Buffer.from('\r\n\r\n', 'ascii');
const LENGTH_HEADER = /^content-length$/i;
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

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.drain();
    callback();
  }

  private drain(): void {
    while (this.buffer.length) {
      const headerEnd = this.buffer.indexOf(SEPARATOR);
      if (headerEnd < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) this.skip(`a header block longer than ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      const length = contentLength(this.buffer.subarray(0, headerEnd).toString('latin1'));
      if (typeof length === 'string') {
        this.skip(length);
        continue;
      }
      const frameEnd = headerEnd + SEPARATOR.length + length;
      if (this.buffer.length < frameEnd) return;
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), this.buffer.subarray(headerEnd + SEPARATOR.length, frameEnd)]));
      this.buffer = this.buffer.subarray(frameEnd);
    }
  }

  /** Drops the bad frame's bytes up to the next `Content-Length:` header (or all but a possible partial one). */
  private skip(problem: string): void {
    const next = indexOfLengthHeader(this.buffer, 1);
    this.report(`dropped a malformed message frame: ${problem}`);
    this.buffer = next >= 0 ? this.buffer.subarray(next) : this.buffer.subarray(Math.max(0, this.buffer.length - 15));
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

function indexOfLengthHeader(buffer: Buffer, from: number): number {
  const lower = buffer.toString('latin1').toLowerCase();
  return lower.indexOf('content-length:', from);
}
