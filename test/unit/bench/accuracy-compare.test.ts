import * as assert from 'node:assert/strict';
import { compareWithCorpus, reportedVerdict, reviewerVerdict, sameExpression, type CorpusEntry, type ReportedPackage } from '../../bench/accuracy/compare';
import { defaultPolicy } from '../../../server/src/policy/default-policy';
import type { Policy } from '../../../server/src/policy/policy-types';

const policy = defaultPolicy(undefined);

function entry(name: string, license: string, ecosystem: CorpusEntry['ecosystem'] = 'pypi'): CorpusEntry {
  return { ecosystem, name, version: '1.0.0', license, reason: 'test' };
}

function row(name: string, fields: Partial<ReportedPackage>, ecosystem = 'pypi'): ReportedPackage {
  return { ecosystem, name, direct: true, status: 'allowed', ...fields };
}

describe('accuracy benchmark comparison', () => {
  it('judges the reviewer’s license with the policy, as a declared license would be', () => {
    assert.equal(reviewerVerdict('MIT', policy), 'allowed');
    assert.equal(reviewerVerdict('Apache-2.0 OR GPL-3.0-only', policy), 'allowed');
    assert.equal(reviewerVerdict('MIT AND MPL-2.0', policy), 'license-needs-approval');
    assert.equal(reviewerVerdict('LicenseRef-Vendor-Terms', policy), 'license-needs-approval');
    const denyGpl: Policy = {
      ...policy,
      licenses: { ...policy.licenses, deny: [...policy.licenses.deny, { kind: 'category', category: 'restricted', text: '@restricted' }] },
    };
    assert.equal(reviewerVerdict('GPL-2.0-or-later', denyGpl), 'license-denied');
  });

  it('reports a reviewed license that is not an expression as a corpus error, not as a tool mismatch', () => {
    const { figures, corpusErrors } = compareWithCorpus('pypi', [entry('babel', 'BSD License')], [row('babel', { license: 'BSD-3-Clause' })], policy);
    assert.equal(figures.packages, 0);
    assert.equal(corpusErrors.length, 1);
    assert.equal(corpusErrors[0].entry.name, 'babel');
  });

  it('counts "unknown, so review" as wrong for a copyleft package whose reviewed license needs approval', () => {
    const rows = [row('paramiko', { status: 'problem', code: 'license-unknown', license: 'LGPL' })];
    const { figures } = compareWithCorpus('pypi', [entry('paramiko', 'LGPL-2.1-or-later')], rows, policy);
    assert.equal(figures.right, 0);
    assert.equal(figures.unknown, 1);
    assert.equal(figures.outcomes[0].ours, 'license-unknown');
    assert.equal(figures.outcomes[0].reviewer, 'license-needs-approval');
  });

  it('counts a permissive package flagged only because its metadata is vague, and a copyleft one let through', () => {
    const rows = [
      row('Babel', { status: 'problem', code: 'license-unknown', license: 'BSD License' }),
      row('domain_name', { status: 'allowed', license: 'BSD-2-Clause OR MPL-2.0' }, 'gem'),
    ];
    const pypi = compareWithCorpus('pypi', [entry('babel', 'BSD-3-Clause')], rows, policy).figures;
    assert.equal(pypi.permissiveFlagged, 1);
    const gem = compareWithCorpus('gem', [entry('domain_name', 'BSD-2-Clause AND MPL-2.0', 'gem')], rows, policy).figures;
    assert.equal(gem.copyleftPassed, 1);
    assert.equal(gem.copyleft, 1);
    assert.equal(gem.copyleftRight, 0);
    assert.equal(gem.right, 0);
  });

  it('matches Python names as PEP 503 does and ignores transitive rows', () => {
    const rows = [
      row('ruamel-yaml', { status: 'problem', code: 'license-unknown', direct: false }),
      row('Ruamel_Yaml', { status: 'allowed', license: 'MIT' }),
    ];
    const { figures } = compareWithCorpus('pypi', [entry('ruamel.yaml', 'MIT')], rows, policy);
    assert.equal(figures.right, 1);
    assert.equal(figures.sameExpression, 1);
  });

  it('leaves a package the report does not list as not reported, which counts as unknown', () => {
    const { figures } = compareWithCorpus('cargo', [entry('serde', 'MIT OR Apache-2.0', 'cargo')], [], policy);
    assert.equal(figures.outcomes[0].ours, undefined);
    assert.equal(figures.unknown, 1);
    assert.equal(figures.right, 0);
  });

  it('compares expressions regardless of operand order and deprecated ids', () => {
    assert.equal(sameExpression('Apache-2.0 OR MIT', 'MIT OR Apache-2.0'), true);
    assert.equal(sameExpression('GPL-2.0', 'GPL-2.0-only'), true);
    assert.equal(sameExpression('MIT OR BSD-2-Clause', 'MIT AND BSD-2-Clause'), false);
    assert.equal(sameExpression(undefined, 'MIT'), false);
    assert.equal(sameExpression('Apache 2.0', 'Apache-2.0'), false);
  });

  it('reads approved rows as allowed and any other problem by its finding code', () => {
    assert.equal(reportedVerdict(row('x', { status: 'approved' })), 'allowed');
    assert.equal(reportedVerdict(row('x', { status: 'problem', code: 'license-denied' })), 'license-denied');
  });
});
