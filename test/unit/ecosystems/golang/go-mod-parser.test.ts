import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { golangSupport, parseGoModManifest } from '../../../../server/src/ecosystems/golang';
import { parseGoMod } from '../../../../server/src/ecosystems/golang/go-mod-parser';
import { escapeModulePath, escapeModuleVersion, golangPurl, unescapeModulePath } from '../../../../server/src/ecosystems/golang/module-path-escape';

const GO_MOD = `module example.com/acme/service

go 1.22.1

require github.com/BurntSushi/toml v1.3.2 // pinned for the config loader

require (
\t"github.com/fatih/color" v1.16.0
\tgithub.com/mattn/go-isatty v0.0.20 // indirect
\t// a comment line inside the block
\tgolang.org/x/sys v0.15.0 // indirect; needed by isatty
)

replace github.com/google/uuid v1.6.0 => github.com/acme-labs/uuid v1.6.1-acme.1
replace example.com/acme/shared => ../shared
exclude golang.org/x/sys v0.14.0
`;

describe('go.mod parsing', () => {
  it('declares every required module with the span of its path', () => {
    const parsed = parseGoModManifest(GO_MOD);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.declarations.map((d) => [d.name, d.versionSpec, d.group]),
      [
        ['github.com/BurntSushi/toml', 'v1.3.2', 'require'],
        ['github.com/fatih/color', 'v1.16.0', 'require'],
        ['github.com/mattn/go-isatty', 'v0.0.20', 'indirect'],
        ['golang.org/x/sys', 'v0.15.0', 'indirect'],
      ],
    );
    for (const d of parsed.declarations) assert.equal(GO_MOD.slice(d.nameSpan.start, d.nameSpan.end), d.name);
  });

  it('keeps the case of module paths in the purl', () => {
    const [toml] = parseGoModManifest(GO_MOD).declarations;
    assert.equal(toml.purl, 'pkg:golang/github.com/BurntSushi/toml');
    assert.equal(golangPurl('gopkg.in/yaml.v3'), 'pkg:golang/gopkg.in/yaml.v3');
  });

  it('reads replace and exclude directives', () => {
    const file = parseGoMod(GO_MOD);
    assert.deepEqual(file.replaces, [
      { oldPath: 'github.com/google/uuid', oldVersion: 'v1.6.0', target: { kind: 'module', path: 'github.com/acme-labs/uuid', version: 'v1.6.1-acme.1' } },
      { oldPath: 'example.com/acme/shared', oldVersion: undefined, target: { kind: 'directory', dir: '../shared' } },
    ]);
    assert.deepEqual(file.excludes, [{ path: 'golang.org/x/sys', version: 'v0.14.0' }]);
    assert.equal(file.modulePath, 'example.com/acme/service');
  });

  it('keeps exact spans with CRLF line endings', () => {
    const crlf = GO_MOD.replace(/\n/g, '\r\n');
    const parsed = parseGoModManifest(crlf);
    assert.equal(parsed.declarations.length, 4);
    for (const d of parsed.declarations) assert.equal(crlf.slice(d.nameSpan.start, d.nameSpan.end), d.name);
  });

  it('still declares a half-typed requirement and reports what is missing', () => {
    const text = 'module x\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgithub.com/spf13/pfl';
    const parsed = parseGoModManifest(text);
    assert.deepEqual(parsed.declarations.map((d) => [d.name, d.versionSpec]), [
      ['github.com/spf13/cobra', 'v1.8.0'],
      ['github.com/spf13/pfl', undefined],
    ]);
    const messages = parsed.problems.map((p) => p.message);
    assert.ok(messages.some((m) => m.includes('missing version for github.com/spf13/pfl')));
    assert.ok(messages.some((m) => m.includes('not closed')));
  });

  it('reports unknown directives and bad versions at their place', () => {
    const text = 'module x\nrequier github.com/a/b v1.0.0\nrequire github.com/c/d 1.0.0\n';
    const parsed = parseGoModManifest(text);
    const unknown = parsed.problems.find((p) => p.message.includes('unknown directive'));
    assert.equal(text.slice(unknown!.span.start, unknown!.span.end), 'requier');
    const badVersion = parsed.problems.find((p) => p.message.includes("starts with 'v'"));
    assert.equal(text.slice(badVersion!.span.start, badVersion!.span.end), '1.0.0');
  });

  it('recognises go.mod by name only', () => {
    assert.equal(golangSupport.isManifest('go.mod'), true);
    assert.equal(golangSupport.isManifest('go.sum'), false);
    assert.equal(golangSupport.isManifest('/repo/svc/go.mod'), true);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const parsed = golangSupport.parse(text, '/x/go.mod');
        for (const d of parsed.declarations) assert.equal(text.slice(d.nameSpan.start, d.nameSpan.end).length > 0, true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on go.mod-shaped text', () => {
    const line = fc.oneof(fc.constantFrom('require (', ')', 'replace (', 'module x', '// indirect', '=>', '"', '`'), fc.string({ maxLength: 20 }));
    fc.assert(fc.property(fc.array(line, { maxLength: 20 }), (lines) => void golangSupport.parse(lines.join('\n'), '/x/go.mod')), { numRuns: 300 });
  });
});

describe('module path escaping', () => {
  it('escapes upper-case letters as ! and the lower-case letter', () => {
    assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
    assert.equal(escapeModulePath('github.com/Azure/azure-sdk-for-go'), 'github.com/!azure/azure-sdk-for-go');
    assert.equal(escapeModuleVersion('v1.0.0-RC1'), 'v1.0.0-!r!c1');
  });

  it('round-trips any module path', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9._~/-]{1,40}$/), (p) => assert.equal(unescapeModulePath(escapeModulePath(p)), p)));
  });

  it('rejects text that is not a valid escaped path', () => {
    assert.equal(unescapeModulePath('github.com/Burnt'), undefined);
    assert.equal(unescapeModulePath('github.com/!'), undefined);
  });
});
