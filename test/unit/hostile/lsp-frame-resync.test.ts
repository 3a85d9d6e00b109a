import * as assert from 'node:assert/strict';
import { LspFrameResync } from '../../../server/src/lsp/lsp-frame-resync';

/** Feeds the chunks through the resync and returns the frames' bodies it passes on, and what it reported. */
async function run(chunks: Array<string | Buffer>): Promise<{ bodies: string[]; problems: string[] }> {
  const problems: string[] = [];
  const resync = new LspFrameResync((p) => problems.push(p));
  const out: Buffer[] = [];
  resync.on('data', (b: Buffer) => out.push(b));
  for (const chunk of chunks) resync.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  resync.end();
  await new Promise((r) => resync.on('end', r));
  const bodies: string[] = [];
  // Lengths count bytes: split the output as bytes, decode each body.
  for (let rest = Buffer.concat(out); rest.length; ) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest.subarray(0, 64).toString('latin1'));
    if (!m) throw new Error(`not a frame: ${rest.subarray(0, 64).toString('latin1')}`);
    bodies.push(rest.subarray(m[0].length, m[0].length + Number(m[1])).toString('utf8'));
    rest = rest.subarray(m[0].length + Number(m[1]));
  }
  return { bodies, problems };
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('LSP frame resync', () => {
  it('passes good frames through, split anywhere, multi-byte characters included', async () => {
    const all = frame('{"a":"é"}') + frame('{"b":2}');
    const chunks = [...all].map((c) => c);
    assert.deepEqual((await run(chunks)).bodies, ['{"a":"é"}', '{"b":2}']);
  });

  it('skips a frame without Content-Length or with a non-numeric one, and keeps the next', async () => {
    const { bodies, problems } = await run(['Content-Type: x\r\n\r\n{"bad":1}' + frame('{"ok":1}'), 'Content-Length: abc\r\n\r\n{"bad":2}', frame('{"ok":2}')]);
    assert.deepEqual(bodies, ['{"ok":1}', '{"ok":2}']);
    assert.deepEqual(problems, ['dropped a malformed message frame: no Content-Length header', 'dropped a malformed message frame: Content-Length is not a number: "abc"']);
  });

  it('drops an endless header block and an absurd length instead of waiting for ever', async () => {
    const { bodies, problems } = await run(['x'.repeat(20000), frame('{"ok":1}'), 'Content-Length: 99999999999\r\n\r\n{}', frame('{"ok":2}')]);
    assert.deepEqual(bodies, ['{"ok":1}', '{"ok":2}']);
    assert.equal(problems.length, 2);
  });

  it('gets through a flood of bad frames in one chunk in linear time', async () => {
    const started = Date.now();
    const { bodies, problems } = await run(['Content-Length: x\r\n\r\n{}'.repeat(20000) + frame('{"ok":1}')]);
    assert.deepEqual(bodies, ['{"ok":1}']);
    assert.equal(problems.length, 20000);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('keeps a header cut at the end of a chunk', async () => {
    const whole = 'Content-Type: x\r\n\r\n{}' + frame('{"ok":1}');
    const cut = whole.indexOf('Content-Length') + 4;
    assert.deepEqual((await run([whole.slice(0, cut), whole.slice(cut)])).bodies, ['{"ok":1}']);
  });

  it('joins a 5 MB body arriving in small chunks once', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(5 * 1024 * 1024) });
    const bytes = Buffer.from(frame(body));
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 16384) chunks.push(bytes.subarray(i, i + 16384));
    const started = Date.now();
    const { bodies } = await run(chunks);
    assert.equal(bodies[0].length, body.length);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});
