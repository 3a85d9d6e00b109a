import * as assert from 'node:assert/strict';
import { array, integer, map, object, oneOf, optional, string } from '../../../server/src/protocol/param-validator';
import { SERVER_COMMANDS, SERVER_COMMAND_NAMES, serverCommandKey } from '../../../server/src/protocol/ospo-protocol';
import { errorDetail, errorMessage, logUnknownError } from '../../../server/src/text/unknown-error';

describe('typed param validators', () => {
  const review = object({ index: integer, decision: oneOf('approved', 'rejected'), comment: optional(string), tags: optional(array(string)) });

  it('returns a copy with only the declared fields, absent optional fields left out', () => {
    const checked = review({ index: 2, decision: 'approved', extra: 'dropped', comment: null }, 'params');
    assert.deepEqual(checked, { ok: true, value: { index: 2, decision: 'approved' } });
  });

  it('names the path of the first bad value', () => {
    assert.deepEqual(review({ index: 1.5, decision: 'approved' }, 'params'), { ok: false, reason: 'params.index must be an integer' });
    assert.deepEqual(review({ index: 1, decision: 'maybe' }, 'params'), { ok: false, reason: 'params.decision must be one of "approved", "rejected"' });
    assert.deepEqual(review({ index: 1, decision: 'rejected', tags: ['a', 3] }, 'params'), { ok: false, reason: 'params.tags[1] must be a string' });
    assert.deepEqual(review([], 'params'), { ok: false, reason: 'params must be an object' });
  });

  it('fills defaults after checking', () => {
    const withDefault = map(object({ n: optional(integer) }), ({ n }) => n ?? 7);
    assert.deepEqual(withDefault({}, 'p'), { ok: true, value: 7 });
    assert.deepEqual(withDefault({ n: 'x' }, 'p'), { ok: false, reason: 'p.n must be an integer' });
  });
});

describe('the protocol declarations', () => {
  it('lists every server command once, each found by its name', () => {
    assert.equal(new Set(SERVER_COMMAND_NAMES).size, Object.keys(SERVER_COMMANDS).length);
    for (const name of SERVER_COMMAND_NAMES) assert.equal(SERVER_COMMANDS[serverCommandKey(name)!].name, name);
    assert.equal(serverCommandKey('ospo.server.nothing'), undefined);
  });

  it('completes a dependency a client built by hand from its package URL', () => {
    const checked = SERVER_COMMANDS.requestApproval.params({ subject: { purl: 'pkg:pypi/requests', name: 'requests' } }, 'arguments[0]');
    assert.deepEqual(checked, { ok: true, value: { subject: { kind: 'dependency', ecosystem: 'pypi', via: [], purl: 'pkg:pypi/requests', name: 'requests' } } });
  });
});

describe('unknown errors as text', () => {
  it('words anything that was thrown', () => {
    assert.equal(errorMessage(new TypeError('boom')), 'boom');
    assert.equal(errorMessage('plain'), 'plain');
    assert.equal(errorMessage({ message: 'from an object' }), 'from an object');
    assert.equal(errorMessage(undefined), 'undefined');
    assert.match(errorDetail(new Error('with stack')), /^Error: with stack\n\s+at /);
    const lines: string[] = [];
    logUnknownError((line) => lines.push(line), 'checking x.ts', 42);
    assert.deepEqual(lines, ['checking x.ts failed: 42']);
  });
});
