import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cargoSupport, type CargoDependencyDeclaration } from '../../../../server/src/ecosystems/cargo';
import { scanToml, flattenEntries } from '../../../../server/src/formats/toml-scanner';

const MANIFEST = `[package]
name = "acme-app"
version = "0.1.0"

[dependencies]
serde = { version = "1.0", features = ["derive"] } # comment
"quoted-name" = "2"
tokio.workspace = true
json = { version = "1.0.114", package = "serde_json" }
helper = { path = "../helper" }
regex = { git = "https://github.com/rust-lang/regex" }
features-first = { features = [
    "a",
    "b",
], version = "0.3" }

[dependencies.rand]
version = "0.8"

[dev-dependencies]
tempfile = "3"

[build-dependencies]
cc = "1.0"

[target.'cfg(unix)'.dependencies]
libc = "0.2"

[target.x86_64-pc-windows-msvc.dev-dependencies]
winapi = "0.3"

[workspace.dependencies]
anyhow = "1"
`;

const parse = (text: string) => cargoSupport.parse(text, '/w/Cargo.toml') as { declarations: CargoDependencyDeclaration[]; problems: { message: string; span: { start: number; end: number } }[] };

describe('Cargo.toml parsing', () => {
  it('declares dependencies of every table with the span of the key', () => {
    const { declarations, problems } = parse(MANIFEST);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      declarations.map((d) => [d.key, d.group]),
      [
        ['serde', 'dependencies'],
        ['quoted-name', 'dependencies'],
        ['tokio', 'dependencies'],
        ['json', 'dependencies'],
        ['regex', 'dependencies'],
        ['features-first', 'dependencies'],
        ['rand', 'dependencies'],
        ['tempfile', 'dev-dependencies'],
        ['cc', 'build-dependencies'],
        ['libc', 'target.cfg(unix).dependencies'],
        ['winapi', 'target.x86_64-pc-windows-msvc.dev-dependencies'],
        ['anyhow', 'workspace.dependencies'],
      ],
    );
    for (const d of declarations) assert.equal(MANIFEST.slice(d.nameSpan.start, d.nameSpan.end), d.key);
  });

  it('reads versions from strings, inline tables, dotted tables and multi-line inline arrays', () => {
    const byKey = new Map(parse(MANIFEST).declarations.map((d) => [d.key, d]));
    assert.equal(byKey.get('serde')!.versionSpec, '1.0');
    assert.equal(byKey.get('rand')!.versionSpec, '0.8');
    assert.equal(byKey.get('features-first')!.versionSpec, '0.3');
    assert.equal(byKey.get('regex')!.versionSpec, undefined);
  });

  it('names a renamed dependency by its real package while the diagnostic stays on the key', () => {
    const json = parse(MANIFEST).declarations.find((d) => d.key === 'json')!;
    assert.equal(json.name, 'serde_json');
    assert.equal(json.purl, 'pkg:cargo/serde_json');
    assert.equal(MANIFEST.slice(json.nameSpan.start, json.nameSpan.end), 'json');
  });

  it('leaves path dependencies out and marks inherited ones', () => {
    const { declarations } = parse(MANIFEST);
    assert.equal(declarations.some((d) => d.key === 'helper'), false);
    assert.equal(declarations.find((d) => d.key === 'tokio')!.inheritsWorkspace, true);
    assert.equal(declarations.find((d) => d.key === 'serde')!.inheritsWorkspace, false);
  });

  it('keeps the declarations that parse in a half-typed file', () => {
    const text = '[dependencies]\nserde = "1.0"\nreqw\ntokio = { version = "1", feat\nlog = "0.4\n[dev-dependencies]\ncriterion = "0.5"\n';
    const { declarations, problems } = parse(text);
    assert.deepEqual(declarations.map((d) => d.key), ['serde', 'reqw', 'tokio', 'log', 'criterion']);
    assert.equal(declarations.find((d) => d.key === 'tokio')!.versionSpec, '1');
    for (const d of declarations) assert.equal(text.slice(d.nameSpan.start, d.nameSpan.end), d.key);
    assert.ok(problems.length >= 3);
    const unterminated = problems.find((p) => p.message === 'unterminated string')!;
    assert.equal(text.slice(unterminated.span.start, unterminated.span.end), '"0.4');
  });

  it('reports a table defined twice, which only a strict reading sees', () => {
    const text = '[dependencies]\nserde = "1"\n\n[dependencies]\nlog = "0.4"\n';
    const { problems } = parse(text);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /invalid TOML/);
    assert.equal(text.slice(problems[0].span.start, problems[0].span.end).includes('dependencies'), true);
  });

  it('recognises Cargo.toml only', () => {
    assert.equal(cargoSupport.isManifest('Cargo.toml'), true);
    assert.equal(cargoSupport.isManifest('Cargo.lock'), false);
    assert.equal(cargoSupport.isManifest('cargo.toml'), false);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => void parse(text)), { numRuns: 300 });
  });

  it('never throws on TOML-shaped text, and every span lies inside the text', () => {
    const piece = fc.constantFrom('[', ']', '[[', '{', '}', '"', "'", '"""', "'''", '=', ',', '.', '#', '\n', '\r\n', ' ', 'dependencies', 'serde', '1.0', 'true', '\\', 'target', "'cfg(unix)'");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const { declarations, problems } = parse(text);
        for (const s of [...declarations.map((d) => d.nameSpan), ...problems.map((p) => p.span)]) assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end);
      }),
      { numRuns: 500 },
    );
  });
});

describe('tolerant TOML scanning', () => {
  it('gives quoted and dotted keys their unquoted spans', () => {
    const text = `[target."cfg(windows)".dependencies]\n'literal.key' = 1\na . b = 2\n`;
    const entries = flattenEntries(scanToml(text));
    assert.deepEqual(entries.map((e) => e.path.map((p) => p.text)), [
      ['target', 'cfg(windows)', 'dependencies', 'literal.key'],
      ['target', 'cfg(windows)', 'dependencies', 'a', 'b'],
    ]);
    for (const e of entries) for (const p of e.path) assert.equal(text.slice(p.span.start, p.span.end), p.text);
  });

  it('ends an unterminated array at the next table header and reads on', () => {
    const text = 'deps = [\n  "a",\n  "b",\n[next]\nk = "v"\n';
    const scan = scanToml(text);
    assert.deepEqual(scan.problems.map((p) => p.message), ['unterminated array']);
    assert.deepEqual(flattenEntries(scan).map((e) => e.path.map((p) => p.text).join('.')), ['deps', 'next.k']);
  });

  it('decodes escapes and multi-line strings', () => {
    const text = 'a = "x\\u00e9\\n"\nb = """\nline1\nline2"""\nc = \'\'\'raw\\n\'\'\'\n';
    const values = flattenEntries(scanToml(text)).map((e) => (e.value.kind === 'string' ? e.value.value : undefined));
    assert.deepEqual(values, ['x\u00e9\n', 'line1\nline2', 'raw\\n']);
  });
});
