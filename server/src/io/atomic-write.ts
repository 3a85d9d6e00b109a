import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a file so that readers see the old or the new content, never a half-written one: a temporary file in
 * the same folder is renamed over the target, keeping the target's mode.
 */
export function writeFileAtomic(filePath: string, data: string | Uint8Array): void {
  const dir = path.dirname(filePath);
  const temp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(filePath).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    fs.writeFileSync(temp, data, mode !== undefined ? { mode } : {});
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
