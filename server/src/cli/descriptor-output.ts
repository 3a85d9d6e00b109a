import * as fs from 'node:fs';

/**
 * Output written straight to a file descriptor (1 or 2), synchronously. `process.stdout` is created on first use,
 * and creating it loads Node's stream modules (and `net`, for a pipe): several milliseconds of a run that writes
 * one report. Writes to files and pipes are synchronous through `process.stdout` too (on POSIX), so nothing
 * changes in order or timing. A pipe whose reader has gone (`| head`) takes nothing more, silently.
 */
export function descriptorOutput(fd: number): { write(text: string): void } {
  let closed = false;
  return {
    write(text: string): void {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (!closed && offset < bytes.length) {
        try {
          offset += fs.writeSync(fd, bytes, offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // A non-blocking pipe that is full: wait for its reader.
          if (code === 'EAGAIN') continue;
          if (code === 'EPIPE') closed = true;
          else throw error;
        }
      }
    },
  };
}
