/** Seeded generators of hostile inputs: every run with the same seed makes the same cases. */
export class Random {
  constructor(private state: number) {}
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Mostly small, sometimes large: 1…max on a log scale. */
  size(max: number): number {
    return Math.max(1, Math.floor(Math.exp(this.next() * Math.log(max))));
  }
}

/** The files the fuzzer writes: where each goes, and a valid sample to start from. */
export interface InputKind {
  readonly name: string;
  readonly file: string;
  readonly languageId: string;
  /** Checked as a document of its own (a manifest), or an input other documents are checked against. */
  readonly role: 'manifest' | 'input';
  readonly sample: string;
  /** Syntax tokens of the format, spliced in by mutations. */
  readonly tokens: readonly string[];
  /** A line that declares one more thing (a dependency, an entry), for "many entries" payloads. */
  readonly repeatLine?: (i: number) => string;
}

const JSON_TOKENS = ['{', '}', '[', ']', '"', ':', ',', 'null', 'true', '-1e999', '"\\ud800"', '"\\u0000"', '\\', '//', '/*', '*/'];

export const INPUT_KINDS: readonly InputKind[] = [
  {
    name: 'package.json',
    file: 'package.json',
    languageId: 'json',
    role: 'manifest',
    sample: '{\n  "name": "x",\n  "license": "MIT",\n  "dependencies": {\n    "left-pad": "^1.0.0",\n    "@scope/a": "1.2.3"\n  },\n  "devDependencies": { "b": "*" }\n}\n',
    tokens: [...JSON_TOKENS, '"dependencies"', '"license"', '"SEE LICENSE IN x"', '"licenses"', '"@"', '"npm:a@1"', '"file:../x"'],
  },
  {
    name: 'package-lock.json',
    file: 'package-lock.json',
    languageId: 'json',
    role: 'input',
    sample: '{"lockfileVersion":3,"packages":{"":{"dependencies":{"left-pad":"^1.0.0"}},"node_modules/left-pad":{"version":"1.3.0","license":"WTFPL","dependencies":{"b":"1"}},"node_modules/b":{"version":"1.0.0","license":"GPL-3.0-only"}}}\n',
    tokens: [...JSON_TOKENS, '"node_modules/', '"packages"', '"license"', '"version"', '"requires"'],
  },
  {
    name: 'requirements.txt',
    file: 'requirements.txt',
    languageId: 'pip-requirements',
    role: 'manifest',
    sample: 'requests==2.31.0\nflask>=2.0 ; python_version > "3.8"\n-r other.txt\n--index-url https://example.invalid/simple\nnumpy[extra]~=1.2  # comment\ngit+https://x/y.git#egg=z\n',
    tokens: ['==', '>=', '~=', ';', '[', ']', '#', '\\\n', '-r ', '-e ', '--', '@ ', 'https://', '"', "'", ' and ', ' or ', '('],
    repeatLine: (i) => `pkg${i}==1.0.${i}\n`,
  },
  {
    name: 'pyproject.toml',
    file: 'pyproject.toml',
    languageId: 'toml',
    role: 'manifest',
    sample: '[project]\nname = "x"\ndependencies = ["requests>=2", "flask"]\n[project.optional-dependencies]\ndev = ["pytest"]\n[tool.poetry.dependencies]\npython = "^3.9"\nrequests = { version = "^2", optional = true }\n',
    tokens: ['[', ']', '[[', ']]', '=', '"', "'", '"""', "'''", '{', '}', ',', '#', '\\', '\\u0000', '.', 'inf', '1979-05-27T07:32:00Z'],
    repeatLine: (i) => `p${i} = "^1.${i}"\n`,
  },
  {
    name: 'Pipfile',
    file: 'Pipfile',
    languageId: 'toml',
    role: 'manifest',
    sample: '[packages]\nrequests = "*"\nflask = {version = "==2.0"}\n[dev-packages]\npytest = "*"\n',
    tokens: ['[', ']', '=', '"', '{', '}', ',', '#', '\\'],
    repeatLine: (i) => `p${i} = "==1.${i}"\n`,
  },
  {
    name: 'go.mod',
    file: 'go.mod',
    languageId: 'go.mod',
    role: 'manifest',
    sample: 'module example.com/x\n\ngo 1.21\n\nrequire (\n\tgithub.com/a/b v1.2.3\n\tgolang.org/x/text v0.14.0 // indirect\n)\n\nreplace github.com/a/b => ../b\nexclude github.com/c/d v1.0.0\n',
    tokens: ['(', ')', '//', '/*', '*/', '"', '`', '=>', 'require', 'replace', ' v', '+incompatible', '\t', '!'],
    repeatLine: (i) => `require github.com/m${i}/n v1.0.${i}\n`,
  },
  {
    name: 'Cargo.toml',
    file: 'Cargo.toml',
    languageId: 'toml',
    role: 'manifest',
    sample: '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n[dependencies]\nserde = { version = "1", features = ["derive"] }\nrand = "0.8"\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2"\n[workspace.dependencies]\nlog = "0.4"\n',
    tokens: ['[', ']', '[[', ']]', '=', '"', "'", '"""', '{', '}', ',', '#', '\\', '.', 'workspace = true'],
    repeatLine: (i) => `c${i} = "0.${i}"\n`,
  },
  {
    name: 'pom.xml',
    file: 'pom.xml',
    languageId: 'xml',
    role: 'manifest',
    sample:
      '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>\n<properties><v>1.0</v></properties>\n<dependencies>\n<dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>${v}</version></dependency>\n</dependencies></project>\n',
    tokens: ['<', '>', '</', '/>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#0;', '&#x110000;', '${', '}', '${v}', '<dependency>', '</dependency>', '"', '<!DOCTYPE x [<!ENTITY a "b">]>'],
    repeatLine: (i) => `<dependency><groupId>g${i}</groupId><artifactId>a${i}</artifactId><version>1.${i}</version></dependency>\n`,
  },
  {
    name: 'csproj',
    file: 'app.csproj',
    languageId: 'xml',
    role: 'manifest',
    sample: '<Project Sdk="Microsoft.NET.Sdk">\n<ItemGroup>\n<PackageReference Include="Newtonsoft.Json" Version="13.0.1" />\n<PackageReference Include="Serilog"><Version>[2.0,3.0)</Version></PackageReference>\n</ItemGroup>\n</Project>\n',
    tokens: ['<', '>', '</', '/>', '<!--', '-->', '"', '$(', ')', '[', ']', '&lt;', 'Include=', 'Version='],
    repeatLine: (i) => `<PackageReference Include="P${i}" Version="1.${i}" />\n`,
  },
  {
    name: 'composer.json',
    file: 'composer.json',
    languageId: 'json',
    role: 'manifest',
    sample: '{"name": "a/b", "license": ["MIT", "GPL-2.0-or-later"], "require": {"php": ">=8", "monolog/monolog": "^2.0"}, "require-dev": {"phpunit/phpunit": "^10"}}\n',
    tokens: [...JSON_TOKENS, '"require"', '"a/\\ud800b"', '"ext-json"', '"/"'],
  },
  {
    name: 'Gemfile',
    file: 'Gemfile',
    languageId: 'ruby',
    role: 'manifest',
    sample: 'source "https://rubygems.org"\ngem "rails", "~> 7.0"\ngem \'pg\', \'>= 0.18\', group: :production\ngroup :test do\n  gem "rspec"\nend\ngemspec\n',
    tokens: ['"', "'", '%w[', ']', '%q{', '}', '#', ',', '\\', 'do', 'end', '#{', ':', '=>', '(', ')'],
    repeatLine: (i) => `gem "g${i}", "~> 1.${i}"\n`,
  },
  {
    name: 'Gemfile.lock',
    file: 'Gemfile.lock',
    languageId: 'plaintext',
    role: 'input',
    sample: 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (7.0.0)\n      actionpack (= 7.0.0)\n    actionpack (7.0.0)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  rails (~> 7.0)\n',
    tokens: ['(', ')', '\n    ', '\n      ', '!', 'GIT', 'PATH', 'specs:', ' (= ', '-x86_64-linux'],
  },
  {
    name: 'policy',
    file: '.ospo/policy.json',
    languageId: 'jsonc',
    role: 'input',
    sample:
      '{\n  "extends": [],\n  "licenses": { "allow": ["@permissive", "MIT"], "review": ["@reciprocal"], "deny": ["GPL-3.0-only"], "unknown": "review" },\n  "packages": { "allow": ["pkg:npm/left-pad"], "deny": ["pkg:npm/colors@>=1.4.1"], "private": ["pkg:npm/@acme/*"] },\n  "headers": { "include": ["**/*.ts"], "exclude": ["dist/**"], "license": "MIT", "copyrightHolder": "Acme", "styles": { "*.ts": "c" } },\n  "approvals": { "file": ".ospo/approvals.json" }\n}\n',
    tokens: [...JSON_TOKENS, '"{a,b}"', '"[[["', '"**/**/**"', '"@permissive"', '"pkg:npm/*"', '"../../x"', '"/etc/passwd"', '"https://x/{title}"'],
  },
  {
    name: 'approvals',
    file: '.ospo/approvals.json',
    languageId: 'jsonc',
    role: 'input',
    sample:
      '{\n  "approvals": [\n    { "package": "pkg:npm/left-pad", "version": "^1.0.0", "license": "WTFPL", "status": "approved", "requestedBy": "a", "requestedAt": "2026-01-01", "expires": "2030-01-01" },\n    { "package": "pkg:pypi/requests", "status": "requested" }\n  ]\n}\n',
    tokens: [...JSON_TOKENS, '"status"', '"approved"', '"expires"', '"pkg:"', '"9999-99-99"'],
  },
  {
    name: 'REUSE.toml',
    file: 'REUSE.toml',
    languageId: 'toml',
    role: 'input',
    sample: 'version = 1\n\n[[annotations]]\npath = ["src/**", "*.ts"]\nprecedence = "aggregate"\nSPDX-FileCopyrightText = "2026 Acme"\nSPDX-License-Identifier = "MIT"\n',
    tokens: ['[[annotations]]', 'path = ', '"*"', '"**"', '"\\\\*"', 'precedence = "override"', '[', ']', '"', '='],
  },
  {
    name: 'dep5',
    file: '.reuse/dep5',
    languageId: 'plaintext',
    role: 'input',
    sample: 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: x\n\nFiles: src/* *.ts\nCopyright: 2026 Acme\nLicense: MIT\n',
    tokens: ['Files: ', '*', '?', '\n ', '\n\n', 'License: ', 'Copyright: ', ':'],
  },
  {
    name: '.license',
    file: 'alive.ts.license',
    languageId: 'plaintext',
    role: 'input',
    sample: 'SPDX-FileCopyrightText: 2026 Acme\nSPDX-License-Identifier: MIT OR (Apache-2.0 WITH LLVM-exception)\n',
    tokens: ['SPDX-License-Identifier: ', 'SPDX-FileCopyrightText: ', '(', ')', ' AND ', ' OR ', ' WITH ', '+', 'LicenseRef-', 'REUSE-IgnoreStart', 'REUSE-IgnoreEnd'],
  },
];

/** Strings that broke parsers somewhere: control characters, lone surrogates, separators, huge repeats. */
const HOSTILE_STRINGS = ['\u0000', '\ud800', '\udc00', '\u2028', '\u2029', '\ufeff', '\r', '\r\n', '\t', '\u{1F600}', '%', '%ZZ', '..', '/', '\\', '${x}', '$(x)', '{{', 'NaN', '-0', '9'.repeat(400)];

/** Caps what one case may grow to, above the 5 MB a single file is checked up to. */
export const MAX_CASE_BYTES = 6 * 1024 * 1024;

/** A hostile variant of the kind's sample: structured payloads and random mutations. */
export function hostileText(kind: InputKind, random: Random, scale = 1): string {
  const big = (max: number) => random.size(Math.max(2, Math.round(max * scale)));
  let text = kind.sample;
  const payload = random.int(10);
  if (payload === 0) {
    // Deep nesting of the format's openers.
    const opener = random.pick(kind.tokens.filter((t) => /^[[{(<]/.test(t)).concat(['[']));
    text = splice(text, random.int(text.length + 1), opener.repeat(big(20000)));
  } else if (payload === 1 && kind.repeatLine) {
    let many = '';
    const count = big(20000);
    for (let i = 0; i < count; i++) many += kind.repeatLine(i);
    text = splice(text, text.lastIndexOf('\n', text.length - 2) + 1, many);
  } else if (payload === 2) {
    text = splice(text, random.int(text.length + 1), random.pick(HOSTILE_STRINGS).repeat(big(5000)));
  } else if (payload === 3) {
    // One huge line.
    text = splice(text, random.int(text.length + 1), random.pick(kind.tokens).repeat(big(100000)));
  }
  const mutations = random.size(12);
  for (let i = 0; i < mutations; i++) text = mutate(text, kind, random);
  return text.length > MAX_CASE_BYTES ? text.slice(0, MAX_CASE_BYTES) : text;
}

export function mutate(text: string, kind: InputKind, random: Random): string {
  const at = random.int(text.length + 1);
  switch (random.int(7)) {
    case 0:
      return splice(text, at, random.pick(kind.tokens));
    case 1:
      return splice(text, at, random.pick(HOSTILE_STRINGS));
    case 2:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + random.size(40)));
    case 3: {
      const end = Math.min(text.length, at + random.size(80));
      const piece = text.slice(at, end);
      return text.slice(0, end) + piece.repeat(random.size(50)) + text.slice(end);
    }
    case 4:
      return text.slice(0, at) + String.fromCharCode(random.int(0x10000)) + text.slice(at + 1);
    case 5:
      return text.slice(0, random.int(text.length + 1));
    default: {
      const from = random.int(text.length + 1);
      return splice(text, at, text.slice(from, from + random.size(60)));
    }
  }
}

function splice(text: string, at: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at);
}

/** Any JSON value, biased towards the shapes LSP params have. */
export function junkValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1.5, 2 ** 53, -0, 1e308]);
    case 2:
      return random.pick(['', 'file:///', 'file:///%', 'x', '\ud800', 'untitled:1', 'file:///etc/passwd', 'a'.repeat(random.size(10000))]);
    case 3:
      return random.chance(0.5);
    case 4:
      return undefined;
    case 5:
      return [];
    case 6:
      return Array.from({ length: random.size(5) }, () => junkValue(random, depth + 1));
    default: {
      const keys = ['textDocument', 'uri', 'position', 'line', 'character', 'range', 'start', 'end', 'context', 'diagnostics', 'only', 'contentChanges', 'text', 'version', 'event', 'added', 'removed', 'changes', 'command', 'arguments', 'settings', 'id', 'languageId'];
      const out: Record<string, unknown> = {};
      const count = random.size(6);
      for (let i = 0; i < count; i++) out[random.pick(keys)] = junkValue(random, depth + 1);
      return out;
    }
  }
}
