import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { normalizePythonName, pypiPurl, pypiSupport, type PypiDependencyDeclaration } from '../../../../server/src/ecosystems/pypi';
import { parsePep508 } from '../../../../server/src/ecosystems/pypi/pep508-requirement';
import { parseRequirementsFile } from '../../../../server/src/ecosystems/pypi/requirements-parser';

const parse = (text: string, path: string) => pypiSupport.parse(text, path) as { declarations: PypiDependencyDeclaration[]; problems: { message: string; span: { start: number; end: number } }[] };
const summary = (ds: readonly PypiDependencyDeclaration[]) => ds.map((d) => [d.name, d.versionSpec, d.group]);
const assertSpans = (text: string, ds: readonly PypiDependencyDeclaration[]) => {
  for (const d of ds) assert.equal(text.slice(d.nameSpan.start, d.nameSpan.end), d.name);
};

describe('requirements files', () => {
  const TEXT = [
    '# Runtime dependencies',
    '-r requirements/base.txt',
    '--constraint=constraints.txt',
    '--index-url https://pypi.org/simple',
    '',
    'Django>=4.2,<5.0  # LTS',
    'django-environ==0.11.2 \\',
    '    --hash=sha256:0ff95ab4344bfeff693836aa978e6840abef2e2f1145adff7735892711590c05',
    'psycopg2-binary>=2.9; sys_platform != "win32"',
    'celery[redis, msgpack]>=5.3',
    '-e git+https://github.com/acme/acme-auth.git@v1.2#egg=acme-auth',
    'https://files.acme.example/wheels/acme_metrics-0.4.0-py3-none-any.whl',
    './vendor/acme_legacy-1.0.tar.gz',
    'gunicorn @ https://github.com/benoitc/gunicorn/archive/refs/tags/21.2.0.zip',
    'requests#not-a-comment-without-space',
  ].join('\n');

  it('declares each requirement with the span of its name and skips options, editables, URLs and paths', () => {
    const { declarations, problems } = parse(TEXT, '/p/requirements.txt');
    assert.deepEqual(problems.map((p) => p.message), ["unexpected '#not-a-comment-without-space' after the package name"]);
    assert.deepEqual(summary(declarations), [
      ['Django', '>=4.2,<5.0', 'requirements'],
      ['django-environ', '==0.11.2', 'requirements'],
      ['psycopg2-binary', '>=2.9', 'requirements'],
      ['celery', '>=5.3', 'requirements'],
      ['gunicorn', '@ https://github.com/benoitc/gunicorn/archive/refs/tags/21.2.0.zip', 'requirements'],
      ['requests', undefined, 'requirements'],
    ]);
    assertSpans(TEXT, declarations);
    assert.deepEqual(declarations[3].extras, ['redis', 'msgpack']);
  });

  it('lists included and constraint files without reading them', () => {
    assert.deepEqual(parseRequirementsFile(TEXT, 'requirements').includes, [
      { kind: 'requirements', path: 'requirements/base.txt' },
      { kind: 'constraints', path: 'constraints.txt' },
    ]);
  });

  it('maps names back through line continuations and CRLF', () => {
    const text = 'flask\\\r\n>=3.0\r\nnumpy==1.26.4 \\\r\n  ; python_version >= "3.9"\r\n';
    const { declarations } = parse(text, '/p/requirements-dev.txt');
    assert.deepEqual(summary(declarations), [
      ['flask', '>=3.0', 'requirements-dev'],
      ['numpy', '==1.26.4', 'requirements-dev'],
    ]);
    assertSpans(text, declarations);
  });

  it('keeps a half-typed requirement and flags it', () => {
    const text = 'requests>=\nurllib3[socks\n[broken';
    const { declarations, problems } = parse(text, '/p/requirements.txt');
    assert.deepEqual(declarations.map((d) => d.name), ['requests', 'urllib3']);
    assert.deepEqual(problems.map((p) => text.slice(p.span.start, p.span.end)), ['requests>=', 'urllib3[socks', '[broken']);
  });
});

describe('pyproject.toml', () => {
  const PEP621 = `[project]
name = "acme-etl"
dependencies = [
    "httpx[http2]>=0.27,<1",
    'pydantic ~= 2.6',
    "typing_extensions>=4.9; python_version < '3.12'",
    "acme.utils @ https://files.acme.example/acme.utils-0.2.0-py3-none-any.whl",
]

[project.optional-dependencies]
postgres = ["psycopg[binary]==3.1.18"]

[dependency-groups]
dev = ["ruff>=0.3", { include-group = "test" }]

[tool.uv]
dev-dependencies = ["mypy>=1.9"]
`;

  it('reads PEP 621 dependencies, optional dependencies, dependency groups and uv dev dependencies', () => {
    const { declarations, problems } = parse(PEP621, '/p/pyproject.toml');
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(declarations), [
      ['httpx', '>=0.27,<1', 'project.dependencies'],
      ['pydantic', '~= 2.6', 'project.dependencies'],
      ['typing_extensions', '>=4.9', 'project.dependencies'],
      ['acme.utils', '@ https://files.acme.example/acme.utils-0.2.0-py3-none-any.whl', 'project.dependencies'],
      ['psycopg', '==3.1.18', 'project.optional-dependencies.postgres'],
      ['ruff', '>=0.3', 'dependency-groups.dev'],
      ['mypy', '>=1.9', 'tool.uv.dev-dependencies'],
    ]);
    assertSpans(PEP621, declarations);
    assert.equal(declarations[3].purl, 'pkg:pypi/acme-utils');
    assert.deepEqual(declarations[0].extras, ['http2']);
  });

  const POETRY = `[tool.poetry]
name = "acme-service"

[tool.poetry.dependencies]
python = "^3.11"
requests = { version = "^2.31", extras = ["socks"] }
"Flask-Cors" = "4.0.0"
acme-shared = { path = "../shared", develop = true }
numpy = [
    { version = "<1.25", python = "<3.9" },
    { version = "^1.26", python = ">=3.9" },
]

[tool.poetry.dependencies.uvicorn]
version = "^0.29"
extras = ["standard"]

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.dev-dependencies]
black = "^24.2"
`;

  it('reads Poetry dependencies and groups, skipping python and path dependencies', () => {
    const { declarations, problems } = parse(POETRY, '/p/pyproject.toml');
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(declarations), [
      ['requests', '^2.31', 'tool.poetry.dependencies'],
      ['Flask-Cors', '4.0.0', 'tool.poetry.dependencies'],
      ['numpy', '<1.25', 'tool.poetry.dependencies'],
      ['uvicorn', '^0.29', 'tool.poetry.dependencies'],
      ['pytest', '^8.0', 'tool.poetry.group.dev'],
      ['black', '^24.2', 'tool.poetry.dev-dependencies'],
    ]);
    assertSpans(POETRY, declarations);
    assert.deepEqual(declarations[0].extras, ['socks']);
    assert.deepEqual(declarations[3].extras, ['standard']);
    assert.equal(declarations[1].purl, 'pkg:pypi/flask-cors');
  });

  it('keeps the dependencies typed so far in an unterminated array', () => {
    const text = '[project]\ndependencies = [\n    "rich>=13",\n    "typer\n\n[tool.ruff]\nline-length = 100\n';
    const { declarations, problems } = parse(text, '/p/pyproject.toml');
    assert.deepEqual(declarations.map((d) => d.name), ['rich']);
    assert.ok(problems.length > 0);
  });
});

describe('Pipfile', () => {
  const PIPFILE = `[[source]]
url = "https://pypi.org/simple"

[packages]
flask = "==3.0.2"
"ruamel.yaml" = {version = ">=0.18", extras = ["jinja2"]}
acme-tools = {path = "./tools", editable = true}

[dev-packages]
pytest-cov = "*"

[requires]
python_version = "3.12"
`;

  it('reads packages and dev-packages, including quoted names', () => {
    const { declarations, problems } = parse(PIPFILE, '/p/Pipfile');
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(declarations), [
      ['flask', '==3.0.2', 'packages'],
      ['ruamel.yaml', '>=0.18', 'packages'],
      ['pytest-cov', '*', 'dev-packages'],
    ]);
    assertSpans(PIPFILE, declarations);
  });
});

describe('Python manifest recognition and names', () => {
  it('recognises requirements files by name or by their folder', () => {
    assert.equal(pypiSupport.isManifest('requirements.txt'), true);
    assert.equal(pypiSupport.isManifest('requirements-dev.txt'), true);
    assert.equal(pypiSupport.isManifest('base.txt', '/repo/requirements/base.txt'), true);
    assert.equal(pypiSupport.isManifest('base.txt', '/repo/docs/base.txt'), false);
    assert.equal(pypiSupport.isManifest('pyproject.toml'), true);
    assert.equal(pypiSupport.isManifest('Pipfile'), true);
    assert.equal(pypiSupport.isManifest('Pipfile.lock'), false);
    assert.equal(pypiSupport.isManifest('notes.txt'), false);
  });

  it('normalises names as PEP 503 says', () => {
    assert.equal(normalizePythonName('Flask_Cors'), 'flask-cors');
    assert.equal(normalizePythonName('ruamel.yaml'), 'ruamel-yaml');
    assert.equal(normalizePythonName('Foo.-_Bar'), 'foo-bar');
    assert.equal(pypiPurl('Django'), 'pkg:pypi/django');
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/), (name) => assert.equal(normalizePythonName(normalizePythonName(name)), normalizePythonName(name))));
  });

  it('parses PEP 508 parts', () => {
    const result = parsePep508('  name[a, b] (>=1.0) ; os_name == "posix"');
    assert.ok(result.ok);
    if (result.ok) {
      assert.deepEqual({ ...result.requirement }, { name: 'name', nameStart: 2, nameEnd: 6, extras: ['a', 'b'], marker: 'os_name == "posix"', versionSpec: '>=1.0' });
    }
  });

  for (const [file, shape] of [
    ['/p/requirements.txt', fc.constantFrom('-r', '-c', '-e', '\\', '\n', '\r\n', '#', ' ', 'requests', '>=', '==', '[', ']', ';', '@', 'https://x', '--hash=sha256:ab', ',')],
    ['/p/pyproject.toml', fc.constantFrom('[project]', '[tool.poetry.dependencies]', 'dependencies', '=', '[', ']', '{', '}', '"', "'", ',', '\n', 'requests>=2', 'python', '#', 'version', '\\')],
    ['/p/Pipfile', fc.constantFrom('[packages]', '[dev-packages]', 'flask', '=', '"*"', '{', '}', '"', '\n', 'path', ',', '#')],
  ] as const) {
    it(`never throws on arbitrary or manifest-shaped text (${file.split('/').pop()})`, () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void parse(text, file)), { numRuns: 200 });
      fc.assert(
        fc.property(fc.array(shape, { maxLength: 40 }), (pieces) => {
          const text = pieces.join('');
          for (const d of parse(text, file).declarations) assert.ok(d.nameSpan.start >= 0 && d.nameSpan.end <= text.length && d.nameSpan.start < d.nameSpan.end);
        }),
        { numRuns: 300 },
      );
    });
  }
});
