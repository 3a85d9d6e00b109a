import * as assert from 'node:assert/strict';
import { readApprovalsLog } from '../../../server/src/approvals/approvals-log';
import { appendApprovalRequestEdit } from '../../../server/src/approvals/append-approval';
import { ecosystemForManifest } from '../../../server/src/ecosystems/registry';
import { globLimitProblem } from '../../../server/src/policy/glob-limits';
import { readPolicyLayer } from '../../../server/src/policy/read-policy-layer';
import { compileReuseGlob } from '../../../server/src/reuse/reuse-glob';
import { encodeUriComponentSafely } from '../../../server/src/text/uri-component';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

function support(fileName: string) {
  const found = ecosystemForManifest(`/w/${fileName}`);
  if (!found) throw new Error(`no ecosystem for ${fileName}`);
  return found;
}

describe('hostile input', () => {
  describe('deeply nested JSON', () => {
    it('reports a 10,000-deep package.json at the bracket that goes too deep, instead of overflowing the stack', () => {
      const text = `{"dependencies": ${deep(10000)}}`;
      const parsed = support('package.json').parse(text, '/w/package.json');
      assert.equal(parsed.declarations.length, 0);
      assert.equal(parsed.problems.length, 1);
      assert.match(parsed.problems[0].message, /nested deeper than 256 levels/);
      assert.equal(parsed.problems[0].span.start, 17 + 255);
      assert.equal(parsed.problems[0].always, true);
    });

    it('reports a 10,000-deep policy as a policy problem', () => {
      const { problems } = readPolicyLayer('/w/.ospo/policy.json', `{"headers": {"include": ${deep(10000)}}}`);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /policy syntax error: nested deeper than 256 levels/);
    });

    it('reports a 10,000-deep approvals log, and refuses to append to it', () => {
      const text = `{"approvals": ${deep(10000)}}`;
      const log = readApprovalsLog('/w/.ospo/approvals.json', text);
      assert.deepEqual(log.entries, []);
      assert.match(log.problems[0].message, /nested deeper than 256 levels/);
      const edit = appendApprovalRequestEdit('/w/.ospo/approvals.json', text, { package: 'pkg:npm/a', requestedBy: 'x', requestedAt: '2026-01-01', justification: 'y' });
      assert.ok('error' in edit && /nested too deep/.test(edit.error));
    });

    it('still reads JSON nested within the limit', () => {
      const { problems } = readPolicyLayer('/w/.ospo/policy.json', `{"headers": {"include": ["**/*.ts"]}, "x": ${deep(200)}}`);
      assert.deepEqual(
        problems.map((p) => p.message.replace(/;.*/, '')),
        ['unknown key "x" in the policy'],
      );
    });
  });

  describe('files with hundreds of thousands of problems', () => {
    const mangled = `{"headers": {${'@ '.repeat(200000)}}}`;

    it('a policy reports its first 100 problems and counts the rest, and reading it does not overflow the stack', () => {
      // loadPolicy refuses a file this size outright; the layer reader must still cope with it.
      const started = Date.now();
      const { problems } = readPolicyLayer('/w/.ospo/policy.json', mangled);
      assert.equal(problems.length, 101);
      assert.match(problems[100].message, /^… and \d+ more problems in this policy file$/);
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    });

    it('so do an approvals log and a manifest', () => {
      const log = readApprovalsLog('/w/.ospo/approvals.json', `{"approvals": [${'@ '.repeat(200000)}]}`);
      assert.equal(log.problems.length, 101);
      assert.match(log.problems[100].message, /more problems in the approvals log$/);
      const parsed = support('package.json').parse(mangled, '/w/package.json');
      assert.equal(parsed.problems.length, 101);
    });
  });

  describe('lone surrogates', () => {
    it('builds a Package URL for a composer.json name with a lone surrogate instead of throwing URIError', () => {
      const parsed = support('composer.json').parse('{"require": {"a/\\ud800b": "^1.0"}}', '/w/composer.json');
      assert.equal(parsed.declarations.length, 1);
      assert.equal(parsed.declarations[0].purl, 'pkg:composer/a/%EF%BF%BDb');
    });

    it('encodes paired surrogates as UTF-8 and lone ones as U+FFFD', () => {
      assert.equal(encodeUriComponentSafely('\u{1F600}'), '%F0%9F%98%80');
      assert.equal(encodeUriComponentSafely('\udc00x\ud800'), '%EF%BF%BDx%EF%BF%BD');
    });
  });

  describe('policy globs', () => {
    it('refuses brace groups that expand to 2^30 patterns, at the entry', () => {
      const started = Date.now();
      const { layer, problems } = readPolicyLayer('/w/.ospo/policy.json', JSON.stringify({ headers: { include: ['{a,b}'.repeat(30), 'src/**/*.ts'] } }));
      assert.deepEqual(layer.headers.include, ['src/**/*.ts']);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /^headers\.include: the glob .* expands to more than 256 patterns$/);
      assert.ok(Date.now() - started < 200);
    });

    it('refuses 10,000 brackets, long globs and deep nesting in every glob the policy holds', () => {
      assert.match(globLimitProblem('['.repeat(10000))!, /characters long/);
      assert.match(globLimitProblem('['.repeat(20))!, /nests brackets/);
      assert.match(globLimitProblem('{'.repeat(20) + '}'.repeat(20))!, /nests braces/);
      assert.match(globLimitProblem('x{1..100000}')!, /expands to more than/);
      const { problems } = readPolicyLayer(
        '/w/.ospo/policy.json',
        JSON.stringify({ packages: { deny: [`pkg:npm/${'{a,b}'.repeat(12)}`] }, headers: { exclude: ['['.repeat(10000)], styles: { ['{x,y}'.repeat(10)]: 'c' } } }),
      );
      assert.deepEqual(
        problems.map((p) => p.message.split(':')[0]),
        ['packages.deny', 'headers.styles', 'headers.exclude'],
      );
    });

    it('accepts the globs real policies use', () => {
      for (const glob of ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', 'src/**/[a-z]*.py', '@acme/*', '!(node_modules)/**', 'v{1..9}/**']) {
        assert.equal(globLimitProblem(glob), undefined, glob);
      }
    });
  });

  describe('REUSE.toml globs', () => {
    it('matches a glob of many stars against a long path in linear time', () => {
      const matcher = compileReuseGlob('*a'.repeat(40) + 'b');
      const started = Date.now();
      assert.equal(matcher.test('a'.repeat(5000)), false);
      assert.ok(Date.now() - started < 200, `took ${Date.now() - started} ms`);
      assert.equal(compileReuseGlob('src/**/*.ts').test('src/a/b/c.ts'), true);
      assert.equal(compileReuseGlob('src/*.ts').test('src/a/c.ts'), false);
      assert.equal(compileReuseGlob('a\\*b').test('a*b'), true);
      assert.equal(compileReuseGlob('a\\*b').test('axb'), false);
    });
  });
});
