import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** A private copy of a fixture workspace, so a test may edit files freely. */
export function copyFixture(name: string): { root: string; dispose(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ospo-${name.replace(/\W/g, '-')}-`));
  fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
  return { root: fs.realpathSync(root), dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
