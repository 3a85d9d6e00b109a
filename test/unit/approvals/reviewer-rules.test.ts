import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approvalEntryProblems, isListedReviewer, maybeSamePerson, mayApprove } from '../../../server/src/approvals/approval-validity';
import { readApprovalsLog } from '../../../server/src/approvals/approvals-log';
import { findApproval } from '../../../server/src/approvals/find-approval';
import { decidePackage } from '../../../server/src/dependencies/decide-package';
import { describeRuling } from '../../../server/src/findings/render/policy-trail';
import type { ResolvedPackage } from '../../../server/src/ecosystems/ecosystem';
import { chooseExpiry, DEFAULT_APPROVAL_EXPIRY, expiryDate, parseExpiryPeriod } from '../../../server/src/policy/approval-expiry';
import { defaultPolicy } from '../../../server/src/policy/default-policy';
import type { Policy } from '../../../server/src/policy/policy-types';
import { readPolicyLayer } from '../../../server/src/policy/read-policy-layer';
import { starterPolicyText } from '../../../server/src/policy/starter-policy';

const TODAY = '2026-12-03';

function log(entries: object[]) {
  return readApprovalsLog('/w/.ospo/approvals.json', JSON.stringify({ approvals: entries }, null, 2));
}

const GPL_REQUEST = { package: 'pkg:npm/gpl-lib', license: 'GPL-3.0-only', requestedBy: 'Dana Developer <dana@example.org>', requestedAt: '2026-12-01', justification: 'CLI wrapper.' };

function policyWith(approvals: Partial<Policy['approvals']> = {}): Policy {
  const base = defaultPolicy(undefined);
  return {
    ...base,
    licenses: { ...base.licenses, deny: [{ kind: 'license', id: 'GPL-3.0-only', text: 'GPL-3.0-only' }], review: [{ kind: 'license', id: 'MPL-2.0', text: 'MPL-2.0' }] },
    approvals: { ...base.approvals, ...approvals },
  };
}

function gplPackage(license = 'GPL-3.0-only'): ResolvedPackage {
  return { ecosystem: 'npm', name: 'gpl-lib', purl: 'pkg:npm/gpl-lib', version: '1.0.0', license: { kind: 'declared', expression: license, source: { kind: 'lockfile', path: '/w/package-lock.json' } } };
}

function decide(entries: object[], policy = policyWith()) {
  return decidePackage(gplPackage(), '^1.0.0', { policy, approvals: log(entries).entries, today: TODAY, displayPath: (p) => p.replace('/w/', '') });
}

describe('approval reviewer rules', () => {
  it('treats identities that share an email or a name as possibly the same person', () => {
    assert.ok(maybeSamePerson('Dana Developer <dana@example.org>', 'D. <DANA@example.org>'));
    assert.ok(maybeSamePerson('Dana Developer <dana@example.org>', 'dana  developer'));
    assert.ok(maybeSamePerson('dana@example.org', 'Dana <dana@example.org>'));
    assert.ok(!maybeSamePerson('Dana Developer <dana@example.org>', 'Olga OSPO <olga@example.org>'));
  });

  it('grants the reviewer role only by a listed email, or a listed name when no email is listed', () => {
    const reviewers = ['olga@example.org', 'Legal Team'];
    assert.ok(isListedReviewer('Olga OSPO <olga@example.org>', reviewers));
    assert.ok(isListedReviewer('legal team', reviewers));
    assert.ok(!isListedReviewer('Olga <olga@evil.example>', reviewers), 'a name alone does not stand in for a listed email');
    assert.ok(!isListedReviewer('olga', reviewers));
  });

  it('a request keeps a denied license an error, with the pending request in the message', () => {
    const verdict = decide([{ ...GPL_REQUEST, status: 'requested' }]);
    assert.equal(verdict.kind, 'problem');
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'approval-pending');
    assert.equal(verdict.severity, 'error');
    assert.equal(verdict.pendingRule, 'license-denied');
    assert.match(describeRuling(verdict.ruling, { displayPath: (p) => p }), /; requested by Dana Developer <dana@example\.org> on 2026-12-01$/);
    const review = decidePackage(
      { ...gplPackage('MPL-2.0') },
      '^1.0.0',
      { policy: policyWith(), approvals: log([{ ...GPL_REQUEST, license: 'MPL-2.0', status: 'requested' }]).entries, today: TODAY, displayPath: (p) => p },
    );
    assert.ok(review.kind === 'problem' && review.severity === 'warning' && review.pendingRule === 'license-needs-approval');
  });

  it('does not count a self-approval, and says why on the finding and on the entry', () => {
    const entries = [{ ...GPL_REQUEST, status: 'approved', reviewedBy: 'Dana Developer <dana@example.org>', reviewedAt: '2026-12-02' }];
    const verdict = decide(entries);
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'license-denied');
    assert.equal(verdict.severity, 'error');
    assert.match(describeRuling(verdict.ruling, { displayPath: (p) => p }), /the approval does not count: Dana Developer <dana@example\.org> also requested it \(approvals\.allowSelfApproval is off\)/);
    const problems = approvalEntryProblems(log(entries).entries, policyWith().approvals, TODAY);
    assert.deepEqual(problems.map((p) => p.code), ['approval-invalid']);
    assert.match(problems[0].message, /^approval of pkg:npm\/gpl-lib does not count: Dana Developer/);
    // The problem points at the reviewedBy value.
    const text = JSON.stringify({ approvals: entries }, null, 2);
    assert.equal(text.slice(problems[0].span.start, problems[0].span.end), '"Dana Developer <dana@example.org>"');
    assert.equal(decide(entries, policyWith({ allowSelfApproval: true })).kind, 'pass');
  });

  it('counts an approval only from a listed reviewer when approvals.reviewers is set', () => {
    const policy = policyWith({ reviewers: ['olga@example.org'] });
    const bySam = [{ ...GPL_REQUEST, status: 'approved', reviewedBy: 'Sam <sam@example.org>' }];
    const verdict = decide(bySam, policy);
    assert.ok(verdict.kind === 'problem' && verdict.code === 'license-denied');
    assert.match(describeRuling(verdict.ruling, { displayPath: (p) => p }), /Sam <sam@example\.org> is not in approvals\.reviewers/);
    assert.equal(decide([{ ...GPL_REQUEST, status: 'approved', reviewedBy: 'Olga OSPO <olga@example.org>' }], policy).kind, 'pass');
    // Without a list, anyone but the requester counts; an approval naming no reviewer never does.
    assert.equal(decide(bySam).kind, 'pass');
    const anonymous = [{ ...GPL_REQUEST, status: 'approved' }];
    assert.equal(decide(anonymous).kind, 'problem');
    assert.match(approvalEntryProblems(log(anonymous).entries, policyWith().approvals, TODAY)[0].message, /names no reviewer/);
    assert.equal(findApproval(log(bySam).entries, { purl: 'pkg:npm/gpl-lib', version: '1.0.0' }, TODAY, policy.approvals).kind, 'not-counted');
  });

  it('tells a reviewer before they approve whether their approval would count', () => {
    const rules = policyWith({ reviewers: ['olga@example.org'] }).approvals;
    assert.deepEqual(mayApprove(GPL_REQUEST, 'Olga <olga@example.org>', rules), { ok: true });
    const self = mayApprove(GPL_REQUEST, 'Dana Developer <dana@example.org>', policyWith().approvals);
    assert.ok(!self.ok && /also requested it/.test(self.reason));
  });

  it('reports expired approvals on the log, at the expiry date', () => {
    const entries = [{ ...GPL_REQUEST, status: 'approved', reviewedBy: 'Olga', expires: '2026-12-02' }];
    const problems = approvalEntryProblems(log(entries).entries, policyWith().approvals, TODAY);
    assert.deepEqual(problems.map((p) => p.code), ['approval-expired']);
    assert.match(problems[0].message, /expired on 2026-12-02; renew it or remove the entry/);
    assert.deepEqual(approvalEntryProblems(log(entries).entries, policyWith().approvals, '2026-12-02'), [], 'the last day still counts');
  });
});

describe('approval expiry', () => {
  it('reads periods and computes calendar dates', () => {
    assert.deepEqual(parseExpiryPeriod('12 months'), DEFAULT_APPROVAL_EXPIRY);
    assert.equal(expiryDate('2026-12-03', DEFAULT_APPROVAL_EXPIRY), '2027-12-03');
    const oneMonth = parseExpiryPeriod('1 month');
    assert.ok(!('error' in oneMonth));
    assert.equal(expiryDate('2027-01-31', oneMonth), '2027-02-28');
    const days = parseExpiryPeriod(90);
    assert.ok(!('error' in days));
    assert.equal(expiryDate('2026-12-03', days), '2027-03-03');
    assert.equal(expiryDate('2026-12-03', { kind: 'never', text: 'never' }), undefined);
    assert.ok('error' in parseExpiryPeriod('soon'));
    assert.ok('error' in parseExpiryPeriod(0));
  });

  it('takes the reviewer choice, or the policy default', () => {
    assert.deepEqual(chooseExpiry(undefined, TODAY, DEFAULT_APPROVAL_EXPIRY), { expires: '2027-12-03' });
    assert.deepEqual(chooseExpiry('2027-06-30', TODAY, DEFAULT_APPROVAL_EXPIRY), { expires: '2027-06-30' });
    assert.deepEqual(chooseExpiry('6 months', TODAY, DEFAULT_APPROVAL_EXPIRY), { expires: '2027-06-03' });
    assert.deepEqual(chooseExpiry('never', TODAY, DEFAULT_APPROVAL_EXPIRY), {});
    assert.match((chooseExpiry('2026-01-01', TODAY, DEFAULT_APPROVAL_EXPIRY) as { error: string }).error, /in the past/);
    assert.match((chooseExpiry('2027-02-30', TODAY, DEFAULT_APPROVAL_EXPIRY) as { error: string }).error, /not a date/);
  });

  it('reads approvals.reviewers, allowSelfApproval and defaultExpiry from the policy, and flags bad values', () => {
    const good = readPolicyLayer('/w/p.json', '{ "approvals": { "reviewers": ["olga@example.org", "Legal Team"], "allowSelfApproval": true, "defaultExpiry": "90 days" } }');
    assert.deepEqual(good.problems, []);
    assert.deepEqual(good.layer.approvals.reviewers, ['olga@example.org', 'Legal Team']);
    assert.equal(good.layer.approvals.allowSelfApproval, true);
    assert.deepEqual(good.layer.approvals.defaultExpiry, { kind: 'period', amount: 90, unit: 'days', text: '90 days' });
    const bad = readPolicyLayer('/w/p.json', '{ "approvals": { "reviewers": "olga", "allowSelfApproval": "yes", "defaultExpiry": "soon" } }');
    assert.deepEqual(
      bad.problems.map((p) => p.message).sort(),
      [
        'approvals.allowSelfApproval must be true or false',
        'approvals.defaultExpiry: "soon" is not a period; use e.g. "12 months", "90 days", "1 year" or "never"',
        'approvals.reviewers must be an array of strings',
      ],
    );
  });

  it('the policy schema the editor validates with knows the same approvals keys and offers valid expiry forms', () => {
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../server/schemas/policy.schema.json'), 'utf8'));
    const approvals = schema.properties.approvals;
    assert.deepEqual(Object.keys(approvals.properties).sort(), ['allowSelfApproval', 'defaultExpiry', 'file', 'requestUrl', 'reviewers']);
    // The server validates; the schema only describes, so that no problem is reported twice.
    assert.equal(approvals.additionalProperties, undefined);
    for (const text of approvals.properties.defaultExpiry.examples) assert.ok(!('error' in parseExpiryPeriod(text)), text);
  });

  it('the starter policy spells out the approval rules and reads without problems', () => {
    const text = starterPolicyText('MIT');
    assert.match(text, /\/\/ "reviewers": \[/);
    const { layer, problems } = readPolicyLayer('/w/.ospo/policy.json', text);
    assert.deepEqual(problems, []);
    assert.equal(layer.approvals.allowSelfApproval, false);
    assert.deepEqual(layer.approvals.defaultExpiry, DEFAULT_APPROVAL_EXPIRY);
  });
});
