import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkHeader } from '../../../server/src/headers/check-header';
import { decodeSource, encodeSource } from '../../../server/src/io/read-source-text';
import { defaultHeaderPolicy } from '../../../server/src/policy/default-policy';
import { applyOffsetEdits } from '../../../server/src/text/text-edit';

const CORPUS = path.resolve(__dirname, '../../fixtures/headers');
const policy = { ...defaultHeaderPolicy('Apache-2.0'), include: ['**/*'], exclude: [], copyrightHolder: 'Acme Inc.' };
const now = new Date('2026-06-01');

/** The bytes after applying the preferred header fix, as the CLI writes them. */
function fixBytes(file: string, bytes: Buffer): Buffer {
  const source = decodeSource(bytes, false);
  if (source.kind !== 'text') throw new Error(`${file} is not text`);
  const findings = checkHeader({ path: `/w/${file}`, relativePath: file, text: source.text, policy, now });
  const fix = findings.flatMap((f) => f.fixes).find((f) => f.kind === 'edit' && f.preferred);
  if (!fix || fix.kind !== 'edit' || fix.edits[0].create) return bytes;
  return encodeSource(applyOffsetEdits(source.text, fix.edits[0].edits), source.encoding);
}

/** One case per placement rule and per comment style: `<case>/<file>` and `<case>/expected/<file>`. */
describe('header golden corpus', () => {
  const cases = fs.readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory());
  it('has a case for every comment style and placement rule', () => {
    assert.ok(cases.length >= 50, `${cases.length} cases`);
  });
  for (const dir of cases) {
    const file = fs.readdirSync(path.join(CORPUS, dir.name)).find((f) => f !== 'expected')!;
    it(`${dir.name}: fixed byte for byte, idempotently, touching only the header`, () => {
      const input = fs.readFileSync(path.join(CORPUS, dir.name, file));
      const expected = fs.readFileSync(path.join(CORPUS, dir.name, 'expected', file));
      const fixed = fixBytes(file, input);
      assert.ok(fixed.equals(expected), `got:\n${fixed.toString('latin1')}\nexpected:\n${expected.toString('latin1')}`);
      assert.ok(fixBytes(file, fixed).equals(fixed), 'a second fix changes nothing');
      // Everything outside one contiguous edited region is the input's bytes.
      let start = 0;
      while (start < input.length && input[start] === fixed[start]) start++;
      let endIn = input.length;
      let endOut = fixed.length;
      while (endIn > start && endOut > start && input[endIn - 1] === fixed[endOut - 1]) {
        endIn--;
        endOut--;
      }
      const region = fixed.subarray(start, endOut).toString('utf8');
      if (!input.equals(fixed)) assert.match(region, /SPDX|Apache-2\.0|^\s*$/, 'the change is the header');
    });
  }
});
