import * as assert from 'node:assert/strict';
import { appendApprovalRequestEdit, lastJustificationSpan, reviewApprovalEdit } from '../../../server/src/approvals/append-approval';
import { readApprovalsLog } from '../../../server/src/approvals/approvals-log';
import { findApproval as find } from '../../../server/src/approvals/find-approval';
import { applyOffsetEdits } from '../../../server/src/text/text-edit';

const LOG = `{
  // Reviewed by the OSPO.
  "approvals": [
    { "package": "pkg:npm/a", "version": "^1.0.0", "license": "MPL-2.0", "status": "approved", "requestedBy": "Dev <dev@example.org>", "reviewedBy": "Olga <olga@example.org>", "expires": "2030-01-01" },
    { "package": "pkg:npm/b", "status": "requested" },
    { "package": "pkg:npm/c", "status": "approved", "reviewedBy": "Olga", "expires": "2020-01-01" },
    { "package": "pkg:npm/d", "status": "rejected", "comment": "no" },
    { "package": "not a purl", "status": "approved" }
  ]
}
`;

const ANYONE_BUT_THE_REQUESTER = { reviewers: [], allowSelfApproval: false } as const;

describe('approvals log', () => {
  const log = readApprovalsLog('/w/.ospo/approvals.json', LOG);
  const findApproval = (entries: Parameters<typeof find>[0], query: Parameters<typeof find>[1], today: string) => find(entries, query, today, ANYONE_BUT_THE_REQUESTER);

  it('reads entries and reports broken ones', () => {
    assert.equal(log.entries.length, 4);
    assert.equal(log.problems.length, 1);
    assert.match(log.problems[0].message, /Package URL/);
  });

  it('decides by the latest matching entry, version range and license', () => {
    const today = '2026-11-24';
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/a', version: '1.2.0', license: 'MPL-2.0' }, today).kind, 'approved');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/a', version: '2.0.0', license: 'MPL-2.0' }, today).kind, 'none');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/a', versionSpec: '^1.2.0', license: 'MPL-2.0' }, today).kind, 'approved');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/a', versionSpec: '>=1.0.0', license: 'MPL-2.0' }, today).kind, 'none');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/a', version: '1.2.0', license: 'GPL-3.0-only' }, today).kind, 'license-changed');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/b' }, today).kind, 'requested');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/c' }, today).kind, 'expired');
    assert.equal(findApproval(log.entries, { purl: 'pkg:npm/d' }, today).kind, 'rejected');
  });

  it('appends a request keeping comments and formatting', () => {
    const edit = appendApprovalRequestEdit('/w/.ospo/approvals.json', LOG, {
      package: 'pkg:npm/e',
      version: '^3.0.0',
      license: 'EPL-2.0',
      requestedBy: 'Dev <dev@example.org>',
      requestedAt: '2026-11-24',
      justification: 'Needed.',
    });
    assert.ok(!('error' in edit));
    const after = applyOffsetEdits(LOG, 'error' in edit ? [] : edit.edits);
    assert.ok(after.startsWith('{\n  // Reviewed by the OSPO.\n'));
    const reread = readApprovalsLog('x', after);
    assert.equal(reread.entries.at(-1)!.package, 'pkg:npm/e');
    assert.equal(reread.entries.at(-1)!.status, 'requested');
    assert.equal(reread.entries.length, 5);
  });

  it('finds where the justification of an entry recorded without one is to be written', () => {
    const edit = appendApprovalRequestEdit('/w/.ospo/approvals.json', LOG, { package: 'pkg:npm/e', requestedBy: 'Dev', requestedAt: '2026-11-24', justification: '' });
    const after = applyOffsetEdits(LOG, 'error' in edit ? [] : edit.edits);
    const span = lastJustificationSpan(after)!;
    assert.equal(span.start, span.end);
    assert.equal(after.slice(span.start - '"justification": "'.length, span.start + 1), '"justification": ""');
    assert.ok(span.start > after.lastIndexOf('pkg:npm/e'), 'in the appended entry');
    assert.equal(lastJustificationSpan('{"approvals": []}'), undefined);
  });

  it('creates the log when it does not exist, and keeps CRLF line endings', () => {
    const created = appendApprovalRequestEdit('/w/a.json', undefined, { package: 'pkg:npm/x', requestedBy: 'a', requestedAt: '2026-01-01', justification: 'j' });
    assert.ok(!('error' in created) && created.create);
    const crlf = LOG.replace(/\n/g, '\r\n');
    const edit = appendApprovalRequestEdit('/w/a.json', crlf, { package: 'pkg:npm/x', requestedBy: 'a', requestedAt: '2026-01-01', justification: 'j' });
    const after = applyOffsetEdits(crlf, 'error' in edit ? [] : edit.edits);
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
  });

  it('records a review on the entry', () => {
    const edit = reviewApprovalEdit('/w/a.json', LOG, { index: 1, status: 'approved', reviewedBy: 'Olga', reviewedAt: '2026-11-24', comment: 'ok', expires: '2027-11-24' });
    const after = applyOffsetEdits(LOG, edit.edits);
    const entry = readApprovalsLog('x', after).entries.find((e) => e.package === 'pkg:npm/b')!;
    assert.deepEqual([entry.status, entry.reviewedBy, entry.reviewedAt, entry.comment, entry.expires], ['approved', 'Olga', '2026-11-24', 'ok', '2027-11-24']);
    assert.ok(after.includes('// Reviewed by the OSPO.'));
  });
});
