import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { runAudit } from '../../../server/src/audit/run-audit';
import { isDependencyFinding, type DependencyFinding } from '../../../server/src/findings/finding';
import { cliLine } from '../../../server/src/findings/render/cli-line';
import { diagnosticMessage } from '../../../server/src/findings/render/diagnostic-message';
import { dependencyHover, findingHover } from '../../../server/src/findings/render/hover';
import { inlayLabel } from '../../../server/src/findings/render/inlay-label';
import { escapeMarkdown, markdownCode } from '../../../server/src/findings/render/markdown-text';
import { displayPathFor, renderContextFor } from '../../../server/src/findings/render/render-context';
import { findingReportWords } from '../../../server/src/findings/render/report-row';
import { sarifResult } from '../../../server/src/findings/render/sarif-result';
import { CachingFileSource } from '../../../server/src/io/file-source';
import { toJsonReport } from '../../../server/src/report/json-report';
import { WorkspaceEngine } from '../../../server/src/workspace/workspace-engine';
import { makeTempDir } from '../../support/temp-dirs';

const POLICY = `{
  "licenses": {
    "allow": ["MIT", "Apache-2.0"],
    "deny": ["GPL-3.0-or-later"]
  }
}
`;

/** A project whose lock file says what each package's license is, checked by the engine the editor uses. */
function project(): { root: string; engine: WorkspaceEngine; manifest: string } {
  const root = fs.realpathSync(makeTempDir('renderers'));
  fs.mkdirSync(path.join(root, '.ospo'));
  fs.writeFileSync(path.join(root, '.ospo/policy.json'), POLICY);
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { 'ffmpeg-static': '^5.2.0', '@img/sharp-wasm32': '^0.33.0' } }, null, 2));
  fs.writeFileSync(
    path.join(root, 'package-lock.json'),
    JSON.stringify({
      lockfileVersion: 3,
      packages: {
        'node_modules/ffmpeg-static': { version: '5.2.0', license: 'GPL-3.0-or-later' },
        'node_modules/@img/sharp-wasm32': { version: '0.33.5', license: 'Apache-2.0' },
      },
    }),
  );
  return { root, engine: new WorkspaceEngine({ root, files: new CachingFileSource(), trusted: true }), manifest: path.join(root, 'package.json') };
}

function check(p: ReturnType<typeof project>) {
  return p.engine.checkDocument(p.manifest, fs.readFileSync(p.manifest, 'utf8'), undefined, 'audit');
}

function ffmpegFinding(p: ReturnType<typeof project>): DependencyFinding {
  const finding = check(p).findings.find(isDependencyFinding);
  assert.ok(finding, 'ffmpeg-static has a finding');
  return finding;
}

describe('renderers word a dependency finding', () => {
  it('the diagnostic: the package and the decision, in one short line', () => {
    const finding = ffmpegFinding(project());
    assert.equal(finding.facts.rule, 'license-denied');
    assert.equal(diagnosticMessage(finding), 'ffmpeg-static: GPL-3.0-or-later is denied by policy');
  });

  it('the hover: evidence, verdict and the deciding entry, with what it quotes escaped', () => {
    const p = project();
    const hover = findingHover(ffmpegFinding(p), p.engine.renderContext());
    assert.match(hover, /^`ffmpeg-static@5\.2\.0` · `pkg:npm\/ffmpeg-static`/);
    assert.match(hover, /\*\*License:\*\* GPL-3\.0-or-later — from package-lock\.json/);
    assert.match(hover, /\*\*Why:\*\* GPL-3\.0-or-later is in licenses\.deny/);
    assert.match(hover, /\*\*Policy:\*\* `licenses\.deny: GPL-3\.0-or-later` in \.ospo\/policy\.json:4/);
    const sharp = check(p).notes.find((n) => n.facts.package.name === '@img/sharp-wasm32')!;
    const allowed = dependencyHover(sharp.facts, p.engine.renderContext());
    assert.match(allowed, /`@img\/sharp-wasm32@0\.33\.5` · `pkg:npm\/@img\/sharp-wasm32`/);
    assert.doesNotMatch(allowed, /%40/);
    assert.match(allowed, /\*\*Allowed\*\*/);
  });

  it('the CLI line: the message, then what the hover would say and the entry that decided, with its line', () => {
    const p = project();
    const finding = ffmpegFinding(p);
    assert.equal(
      cliLine(finding, p.engine.renderContext()),
      'package.json:3:6  error  license-denied  ffmpeg-static: GPL-3.0-or-later is denied by policy — GPL-3.0-or-later from package-lock.json: GPL-3.0-or-later is in licenses.deny (decided by licenses.deny "GPL-3.0-or-later" in .ospo/policy.json:4)',
    );
  });

  it('the SARIF result: the message with the policy trail, and the entry as a related location', () => {
    const p = project();
    const result = sarifResult(ffmpegFinding(p), p.root, 0, p.engine.renderContext()) as {
      message: { text: string };
      relatedLocations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { charOffset: number; charLength: number } } }>;
    };
    assert.equal(result.message.text, 'ffmpeg-static: GPL-3.0-or-later is denied by policy. GPL-3.0-or-later from package-lock.json: GPL-3.0-or-later is in licenses.deny.');
    const [related] = result.relatedLocations;
    assert.equal(related.physicalLocation.artifactLocation.uri, '.ospo/policy.json');
    const { charOffset, charLength } = related.physicalLocation.region;
    assert.equal(POLICY.slice(charOffset, charOffset + charLength), '"GPL-3.0-or-later"');
  });

  it('the report row: the message, the policy trail, and the entries with their lines', async () => {
    const p = project();
    const finding = ffmpegFinding(p);
    assert.deepEqual(findingReportWords(finding, p.engine.renderContext()), {
      message: 'ffmpeg-static: GPL-3.0-or-later is denied by policy',
      why: 'GPL-3.0-or-later from package-lock.json: GPL-3.0-or-later is in licenses.deny',
    });
    const json = toJsonReport(await runAudit(p.engine));
    assert.deepEqual(json.findings.find((f) => f.code === 'license-denied')!.policyEntries, [{ key: 'licenses.deny', text: 'GPL-3.0-or-later', file: '.ospo/policy.json', line: 4 }]);
    assert.equal(json.packages.find((r) => r.name === '@img/sharp-wasm32')!.why, 'Apache-2.0 from package-lock.json: Apache-2.0 is in licenses.allow');
  });

  it('the inlay hint: the license and a mark', () => {
    const p = project();
    assert.equal(inlayLabel(ffmpegFinding(p).facts), 'GPL-3.0-or-later ✗');
    assert.equal(inlayLabel(check(p).notes[0].facts), 'Apache-2.0 ✓');
    const transitive = { ...ffmpegFinding(p).facts, chain: ['video-kit', 'ffmpeg-static'] };
    assert.equal(inlayLabel(transitive), 'via ffmpeg-static: GPL-3.0-or-later ✗', 'a transitive license is not passed off as the dependency\'s own');
    assert.equal(inlayLabel(transitive, 12), '✗ 12 packages it brings in');
  });
});

describe('shown paths and quoted Markdown', () => {
  it('shows a path inside the folder relative to it, under home from ~, and elsewhere absolute', () => {
    assert.equal(displayPathFor('/w/app', '/w/app/.venv/lib/METADATA', '/home/dana'), '.venv/lib/METADATA');
    assert.equal(displayPathFor('/w/app', '/home/dana/.cargo/registry/src/x/LICENSE', '/home/dana'), '~/.cargo/registry/src/x/LICENSE');
    assert.equal(displayPathFor('/w/app', '/usr/share/doc/python3-six/copyright', '/home/dana'), '/usr/share/doc/python3-six/copyright');
  });

  it('shows any path below the folder as path.relative would, whatever its segments', () => {
    const segment = fc.constantFrom('a', 'b c', '.', '..', '', 'node_modules', '.venv', '@s', 'ü');
    fc.assert(
      fc.property(fc.constantFrom('/w/app', '/w/app/', '/w/./app', '/'), fc.array(segment, { maxLength: 6 }), (root, segments) => {
        const absolute = `${root.replace(/\/$/, '')}/${segments.join('/')}`;
        const relative = path.relative(root, absolute);
        const expected =
          relative === '' ? path.basename(absolute) : !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.relative('/home/dana', absolute).startsWith('..') ? absolute : `~/${path.relative('/home/dana', absolute)}`;
        assert.equal(displayPathFor(root, absolute, '/home/dana'), expected);
      }),
    );
  });

  it('reads the line of a policy entry from the file it is written in', () => {
    const p = project();
    const ctx = renderContextFor(p.root);
    const start = POLICY.indexOf('"MIT"');
    assert.deepEqual(ctx.rangeOf({ path: path.join(p.root, '.ospo/policy.json'), span: { start, end: start + 5 } }), {
      start: { line: 2, character: 14 },
      end: { line: 2, character: 19 },
    });
  });

  it('escapes what could become emphasis, a link or a mailto', () => {
    assert.equal(escapeMarkdown('ffmpeg-static@5.2.0'), 'ffmpeg-static\\@5.2.0');
    assert.equal(escapeMarkdown('*a* [b](c) <d> node_modules'), '\\*a\\* \\[b\\](c) \\<d\\> node\\_modules');
    assert.equal(markdownCode('a`b'), '``a`b``');
  });
});
