import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A fresh `ospo-<prefix>-*` folder under the temp dir, removed when the test process exits. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ospo-${prefix}-`));
  if (made.length === 0) process.once('exit', removeTempDirs);
  made.push(dir);
  return dir;
}

function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
