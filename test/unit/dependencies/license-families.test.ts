import * as assert from 'node:assert/strict';
import { decidePackage, judgeLicense, type DecisionContext, type PackageVerdict } from '../../../server/src/dependencies/decide-package';
import { describeJudgement, describeRuling } from '../../../server/src/findings/render/policy-trail';
import type { LicenseEvidence, ResolvedPackage } from '../../../server/src/ecosystems/ecosystem';
import { defaultPolicy } from '../../../server/src/policy/default-policy';
import type { LicensePolicy, LicenseRule, Policy } from '../../../server/src/policy/policy-types';
import { licenseFamily } from '../../../server/src/spdx/license-families';

function rule(text: string): LicenseRule {
  if (text.startsWith('@')) return { kind: 'category', category: text.slice(1) as never, text };
  return { kind: 'license', id: text, text };
}

function policyWith(licenses: { allow?: string[]; review?: string[]; deny?: string[]; unknown?: LicensePolicy['unknown']; unlisted?: LicensePolicy['unlisted'] }): Policy {
  const base = defaultPolicy(undefined);
  return {
    ...base,
    licenses: {
      ...base.licenses,
      allow: (licenses.allow ?? []).map(rule),
      review: (licenses.review ?? []).map(rule),
      deny: (licenses.deny ?? []).map(rule),
      unknown: licenses.unknown ?? 'review',
      unlisted: licenses.unlisted ?? 'review',
    },
  };
}

const METADATA = '/venv/lib/python3.12/site-packages/pkg-1.0.dist-info/METADATA';
const declared = (expression: string): LicenseEvidence => ({ kind: 'declared', expression, source: { kind: 'installed', path: METADATA } });
const show = (p: string) => p.replace('/venv/lib/python3.12/site-packages/', '');

/** The policy trail of a verdict, as hovers and reports word it. */
const why = (verdict: PackageVerdict) => describeRuling(verdict.ruling, { displayPath: show });

function decide(expression: string, policy: Policy) {
  const pkg: ResolvedPackage = { ecosystem: 'pypi', name: 'pkg', purl: 'pkg:pypi/pkg', version: '1.0', license: declared(expression) };
  const context: DecisionContext = { policy, approvals: [], today: '2026-01-01', displayPath: show };
  return decidePackage(pkg, undefined, context);
}

describe('license families', () => {
  it('takes its members from the SPDX list by id prefix', () => {
    const bsd = licenseFamily('BSD')!.members;
    for (const id of ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause', 'BSD-3-Clause-Clear', 'BSD-2-Clause-Patent']) assert.ok(bsd.includes(id), id);
    assert.deepEqual(licenseFamily('GPL')!.members, ['GPL-1.0-only', 'GPL-1.0-or-later', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only', 'GPL-3.0-or-later']);
    assert.deepEqual(licenseFamily('Apache')!.members, ['Apache-1.0', 'Apache-1.1', 'Apache-2.0']);
    assert.ok(licenseFamily('LGPL')!.members.every((id) => id.startsWith('LGPL-')));
    assert.ok(licenseFamily('AGPL')!.members.length >= 2, 'a family of forbidden licenses keeps all of them');
  });

  it('leaves out variants that add a field-of-use restriction to an otherwise free family', () => {
    assert.ok(!licenseFamily('BSD')!.members.includes('BSD-3-Clause-No-Military-License'));
  });
});

describe('verdicts on a family statement', () => {
  it('lets "BSD License" pass when every BSD variant is allowed, saying the variant is unknown', () => {
    const verdict = decide('BSD License', defaultPolicy(undefined));
    assert.equal(verdict.kind, 'pass');
    assert.match(why(verdict), /^BSD License from installed pkg-1\.0\.dist-info\/METADATA, "BSD License" names the BSD family, not the variant \(variant not stated; every BSD variant is allowed here\)$/);
  });

  it('does not let "BSD License" pass when BSD-2-Clause is allowed but BSD-4-Clause is denied', () => {
    const policy = policyWith({ allow: ['BSD-2-Clause', 'BSD-3-Clause', '@notice'], deny: ['BSD-4-Clause'] });
    const verdict = decide('BSD License', policy);
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'license-needs-approval');
    assert.match(why(verdict), /BSD-2-Clause, .* are allowed; BSD-4-Clause is denied; an approval can record which variant it is/);
  });

  it('judges a GPL package as GPL when the policy denies every GPL, never as unknown', () => {
    const policy = policyWith({ allow: ['MIT'], deny: ['@restricted'] });
    for (const text of ['GPL', 'GNU GPL', 'GNU General Public License (GPL)']) {
      const verdict = decide(text, policy);
      assert.ok(verdict.kind === 'problem', text);
      assert.equal(verdict.code, 'license-denied', text);
      assert.match(why(verdict), /every GPL variant is denied here/);
    }
  });

  it('takes the strictest verdict when no variant is allowed', () => {
    const policy = policyWith({ review: ['GPL-2.0-only', 'GPL-2.0-or-later'], deny: ['GPL-1.0-only', 'GPL-1.0-or-later', 'GPL-3.0-only', 'GPL-3.0-or-later'] });
    const verdict = decide('GPL', policy);
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'license-denied');
    assert.match(why(verdict), /GPL-2\.0-only, GPL-2\.0-or-later need approval; .* are denied; no variant is allowed, so the strictest verdict stands/);
  });

  it('reviews an LGPL or Apache family statement like its members under the default policy', () => {
    const lgpl = decide('GNU Library or Lesser General Public License (LGPL)', defaultPolicy(undefined));
    assert.ok(lgpl.kind === 'problem');
    assert.equal(lgpl.code, 'license-needs-approval');
    assert.match(why(lgpl), /every LGPL variant needs approval here/);
    assert.equal(decide('Apache Software License', defaultPolicy(undefined)).kind, 'pass');
  });

  it('weighs a family inside a choice with each member', () => {
    const policy = policyWith({ allow: ['Ruby'], deny: ['@restricted'] });
    assert.equal(decide('Ruby or GPL', policy).kind, 'pass');
  });
});

describe('verdicts on mapped names', () => {
  it('says what a license was mapped from', () => {
    const verdict = decide('Apache 2.0', defaultPolicy(undefined));
    assert.equal(verdict.kind, 'pass');
    assert.equal(verdict.license, 'Apache-2.0');
    assert.match(why(verdict), /^Apache-2\.0 from installed pkg-1\.0\.dist-info\/METADATA, mapped from "Apache 2\.0": Apache-2\.0 is in licenses\.allow/);
  });

  it('says how a repaired expression was read', () => {
    const verdict = judgeLicense(declared('Apache-2.0 / MIT'), defaultPolicy(undefined));
    assert.equal(verdict.license, 'Apache-2.0 OR MIT');
    assert.match(describeJudgement(verdict, { displayPath: show }), /read "Apache-2\.0 \/ MIT" as Apache-2\.0 OR MIT/);
  });

  it('needs approval, not unknown, for a choice whose known options all need approval', () => {
    const verdict = decide('Nonstandard OR GPL-2.0 OR GPL-3.0', defaultPolicy(undefined));
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'license-needs-approval');
    assert.match(why(verdict), /alternative "Nonstandard" not recognised/);
  });

  it('leaves a choice to licenses.unknown when every known option is denied', () => {
    const verdict = decide('Nonstandard OR AGPL-3.0', defaultPolicy(undefined));
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'license-unknown');
  });

  it('keeps names nobody recognises unknown', () => {
    const verdict = decide('Acme Commercial License', defaultPolicy(undefined));
    assert.ok(verdict.kind === 'problem');
    assert.equal(verdict.code, 'license-unknown');
  });
});
