import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readApprovalsLog } from '../../../server/src/approvals/approvals-log';
import { readCargoLock } from '../../../server/src/ecosystems/cargo/cargo-lock-reader';
import { readComposerLock } from '../../../server/src/ecosystems/composer/composer-lock';
import { readGemfileLock } from '../../../server/src/ecosystems/gem/gemfile-lock';
import { readNpmLock } from '../../../server/src/ecosystems/npm/npm-package-graph';
import { readPackagesLock } from '../../../server/src/ecosystems/nuget/packages-lock';
import { parseCoreMetadata } from '../../../server/src/ecosystems/pypi/core-metadata';
import { readPipfileLock, readPoetryLock, readUvLock } from '../../../server/src/ecosystems/pypi/python-lock-readers';
import { ecosystemForManifest } from '../../../server/src/ecosystems/registry';
import { readHeader } from '../../../server/src/headers/read-header';
import { readPolicyLayer } from '../../../server/src/policy/read-policy-layer';
import { readDep5 } from '../../../server/src/reuse/dep5';
import { readReuseToml } from '../../../server/src/reuse/reuse-toml';
import { INPUT_KINDS, mutate, Random } from '../../fuzz/payloads';

/** Text near a valid sample of the format: where parsers' edge cases live. Random text rarely reaches them. */
function nearSample(sampleName: string): fc.Arbitrary<string> {
  const kind = INPUT_KINDS.find((k) => k.name === sampleName)!;
  return fc.tuple(fc.integer(), fc.integer({ min: 1, max: 20 }), fc.string({ unit: 'grapheme-composite', maxLength: 40 }), fc.nat()).map(([seed, steps, extra, at]) => {
    const random = new Random(seed);
    let text = kind.sample;
    for (let i = 0; i < steps; i++) text = mutate(text, kind, random);
    const where = at % (text.length + 1);
    return text.slice(0, where) + extra + text.slice(where);
  });
}

/** Any string, including lone surrogates and control characters, or a mutated sample. */
const anyText = (sampleName: string) => fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), nearSample(sampleName));

const RUNS = { numRuns: 300, seed: 4242 };

describe('parsers return or report, never throw, on any input', () => {
  const manifests: Array<[string, string]> = [
    ['package.json', 'package.json'],
    ['requirements.txt', 'requirements.txt'],
    ['pyproject.toml', 'pyproject.toml'],
    ['Pipfile', 'Pipfile'],
    ['go.mod', 'go.mod'],
    ['Cargo.toml', 'Cargo.toml'],
    ['pom.xml', 'pom.xml'],
    ['app.csproj', 'csproj'],
    ['composer.json', 'composer.json'],
    ['Gemfile', 'Gemfile'],
  ];
  for (const [file, sample] of manifests) {
    it(`${file}: declarations and problems, with spans inside the text`, () => {
      const support = ecosystemForManifest(`/w/${file}`)!;
      fc.assert(
        fc.property(anyText(sample), (text) => {
          const parsed = support.parse(text, `/w/${file}`);
          for (const d of parsed.declarations) assert.ok(d.nameSpan.start >= 0 && d.nameSpan.end <= text.length && d.nameSpan.start <= d.nameSpan.end);
          for (const p of parsed.problems) assert.ok(p.span.start >= 0 && p.span.start <= text.length);
        }),
        RUNS,
      );
    });
  }

  it('lock files and installed metadata', () => {
    fc.assert(
      fc.property(anyText('package-lock.json'), (text) => void readNpmLock('/w/package-lock.json', text)),
      RUNS,
    );
    fc.assert(fc.property(anyText('Gemfile.lock'), (text) => void readGemfileLock(text)), RUNS);
    fc.assert(
      fc.property(anyText('Cargo.toml'), (text) => {
        readCargoLock(text);
        readPoetryLock(text, '/w/poetry.lock');
        readUvLock(text, '/w/uv.lock');
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyText('composer.json'), (text) => {
        readComposerLock(text);
        readPackagesLock(text);
        readPipfileLock(text, '/w/Pipfile.lock');
      }),
      RUNS,
    );
    fc.assert(fc.property(anyText('requirements.txt'), (text) => void parseCoreMetadata(text)), RUNS);
  });

  it('the policy and the approvals log: problems have spans inside the text', () => {
    fc.assert(
      fc.property(anyText('policy'), (text) => {
        for (const p of readPolicyLayer('/w/.ospo/policy.json', text).problems) assert.ok(p.span.start >= 0 && p.span.start <= text.length);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyText('approvals'), (text) => {
        for (const p of readApprovalsLog('/w/.ospo/approvals.json', text).problems) assert.ok(p.span.start >= 0 && p.span.start <= text.length);
      }),
      RUNS,
    );
  });

  it('REUSE.toml, dep5 and license headers', () => {
    fc.assert(fc.property(anyText('REUSE.toml'), (text) => void readReuseToml('/w/REUSE.toml', '/w', text)), RUNS);
    fc.assert(
      fc.property(anyText('dep5'), fc.string({ maxLength: 40 }), (text, file) => {
        for (const paragraph of readDep5(text)) paragraph.patterns.forEach((p) => p.test(file));
      }),
      RUNS,
    );
    fc.assert(fc.property(anyText('.license'), (text) => void readHeader(text)), RUNS);
  });
});
