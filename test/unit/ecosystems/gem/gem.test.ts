import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { gemspecLicense, gemSupport, lockFileFor, parseGemfile, readGemfileLock } from '../../../../server/src/ecosystems/gem';
import { CachingFileSource } from '../../../../server/src/io/file-source';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/gem');
const BLOG = path.join(FIXTURES, 'blog');
const GEMFILE = path.join(BLOG, 'Gemfile');
const GEM_HOME = path.join(FIXTURES, 'gem-home');

function context(env: Record<string, string | undefined> = { GEM_HOME }): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir: path.join(FIXTURES, 'no-home') };
}

function license(evidence: LicenseEvidence): string {
  if (evidence.kind === 'declared') return `${evidence.expression} (${evidence.source.kind} ${'path' in evidence.source ? path.relative(FIXTURES, evidence.source.path) : ''})`;
  if (evidence.kind === 'custom') return `custom: ${evidence.text}`;
  return 'none';
}

function resolveAll(ctx = context()) {
  const resolver = gemSupport.createResolver(GEMFILE, ctx);
  return new Map(gemSupport.parse(ctx.files.readText(GEMFILE)!, GEMFILE).declarations.map((d) => [d.name, resolver.resolve(d)]));
}

describe('Gemfile declarations', () => {
  it('reads gem statements with every constraint, groups from blocks and options, on the exact name', () => {
    const text = context().files.readText(GEMFILE)!;
    const parsed = parseGemfile(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end), d.group, d.versionSpec ?? null]),
      [
        ['sinatra', 'sinatra', 'default', '>= 3.1, < 5'],
        ['puma', 'puma', 'default', '~> 6.4'],
        ['nokogiri', 'nokogiri', 'default', '~> 1.16'],
        ['kramdown', 'kramdown', 'default', null],
        ['acme-auth', 'acme-auth', 'default', '2.3.0'],
        ['rspec', 'rspec', 'development,test', '~> 3.13'],
        ['byebug', 'byebug', 'development,test', null],
        ['rubocop', 'rubocop', 'development,lint', null],
        ['oj', 'oj', 'default', '~> 3.16'],
      ],
      'gemspec, path gems and commented-out gems declare nothing',
    );
  });

  it('keeps a # inside a string and a group: option alongside block groups', () => {
    const ok = 'group :test do\n  gem "capybara", git: "https://example.com/x.git#main", group: :ci\nend\n';
    assert.deepEqual(parseGemfile(ok).declarations.map((d) => [d.name, d.group]), [['capybara', 'test,ci']]);
  });

  it('reports an end without a block and reads on; CRLF line endings keep spans exact', () => {
    const text = 'end\r\ngem "rack", "~> 3.0"\r\n';
    const parsed = parseGemfile(text);
    assert.deepEqual(parsed.problems.map((p) => p.message), ['Gemfile: "end" without an open block']);
    const [rack] = parsed.declarations;
    assert.equal(text.slice(rack.nameSpan.start, rack.nameSpan.end), 'rack');
  });

  it('skips a gem whose name is still being typed', () => {
    assert.deepEqual(parseGemfile('gem "rai\ngem \'pg\'\n').declarations.map((d) => d.name), ['pg']);
  });

  it('is the manifest for Gemfile and gems.rb, each with its own lock file', () => {
    assert.equal(gemSupport.isManifest('Gemfile'), true);
    assert.equal(gemSupport.isManifest('gems.rb'), true);
    assert.equal(gemSupport.isManifest('Gemfile.lock'), false);
    assert.equal(lockFileFor('/p/Gemfile'), '/p/Gemfile.lock');
    assert.equal(lockFileFor('/p/gems.rb'), '/p/gems.locked');
  });

  it('never throws and keeps name spans on the name, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void gemSupport.parse(text, '/x/Gemfile')), { numRuns: 300 });
    const pieces = fc.constantFrom('gem ', '"rack"', "'pg'", ', "~> 1.0"', ', require: false', ',', '\n', 'group :test do\n', 'end\n', '# c', ' if x', 'do', '(', ')');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        for (const d of gemSupport.parse(text, '/x/Gemfile').declarations) assert.equal(text.slice(d.nameSpan.start, d.nameSpan.end), d.name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Gemfile.lock and gem specifications', () => {
  it('reads GEM and GIT specs, strips platforms from versions and keeps the first platform entry', () => {
    const lock = readGemfileLock(context().files.readText(path.join(BLOG, 'Gemfile.lock')));
    assert.deepEqual(lock.get('nokogiri'), { name: 'nokogiri', version: '1.16.0', lockedVersion: '1.16.0-x86_64-linux', dependencies: ['racc'] });
    assert.deepEqual(lock.get('kramdown')?.dependencies, ['rexml']);
    assert.equal(lock.get('acme-auth')?.version, '2.3.0');
    assert.equal(lock.has('DEPENDENCIES'), false);
  });

  it('reads the license forms RubyGems and authors write, several as OR', () => {
    assert.equal(gemspecLicense('s.licenses = ["Ruby".freeze, "BSD-2-Clause".freeze]'), 'Ruby OR BSD-2-Clause');
    assert.equal(gemspecLicense("spec.license = 'MIT'"), 'MIT');
    assert.equal(gemspecLicense('s.license = "Apache-2.0".freeze'), 'Apache-2.0');
    assert.equal(gemspecLicense('spec.licenses = %w[MIT Apache-2.0]'), 'MIT OR Apache-2.0');
    assert.equal(gemspecLicense('s.licenses = "GPL-2.0-only"'), 'GPL-2.0-only');
    assert.equal(gemspecLicense('s.licenses = []'), undefined);
    assert.equal(gemspecLicense('s.summary = "no license here"'), undefined);
  });
});

describe('RubyGems dependency resolution', () => {
  const resolved = resolveAll();
  const get = (name: string) => resolved.get(name)!;

  it('takes the locked version and the license of the installed specification in vendor/bundle', () => {
    const { pkg } = get('sinatra');
    assert.equal(pkg.version, '4.0.0');
    assert.equal(license(pkg.license), 'MIT (installed blog/vendor/bundle/ruby/3.3.0/specifications/sinatra-4.0.0.gemspec)');
  });

  it('follows the lock graph breadth-first, each gem once; gems absent from the lock have no version or license', () => {
    assert.deepEqual(
      get('sinatra').transitive.map((t) => [t.chain.join(' > '), t.pkg.version ?? null, t.pkg.license.kind]),
      [
        ['sinatra > mustermann', '3.0.0', 'declared'],
        ['sinatra > rack', '3.0.9', 'declared'],
        ['sinatra > rack-protection', '4.0.0', 'declared'],
        ['sinatra > tilt', '2.3.0', 'declared'],
        ['sinatra > mustermann > ruby2_keywords', '0.0.5', 'none'],
        ['sinatra > rack-protection > base64', null, 'none'],
      ],
    );
  });

  it('finds the specification of a platform-specific gem and reads several licenses as OR', () => {
    const nokogiri = get('nokogiri');
    assert.equal(nokogiri.pkg.version, '1.16.0');
    assert.equal(license(nokogiri.pkg.license), 'MIT (installed blog/vendor/bundle/ruby/3.3.0/specifications/nokogiri-1.16.0-x86_64-linux.gemspec)');
    assert.equal(license(nokogiri.transitive[0].pkg.license), 'Ruby OR BSD-2-Clause (installed blog/vendor/bundle/ruby/3.3.0/specifications/racc-1.7.3.gemspec)');
  });

  it('falls back to license files in the installed gem when its specification names none', () => {
    assert.equal(license(get('acme-auth').pkg.license), 'MIT (license-text blog/vendor/bundle/ruby/3.3.0/gems/acme-auth-2.3.0/LICENSE.txt)');
  });

  it('reads specifications of every Ruby in vendor/bundle and of GEM_HOME', () => {
    assert.equal(license(get('rubocop').pkg.license), 'MIT (installed blog/vendor/bundle/ruby/3.2.0/specifications/rubocop-1.60.2.gemspec)');
    assert.equal(license(get('oj').pkg.license), 'MIT (installed gem-home/specifications/oj-3.16.3.gemspec)');
    assert.equal(license(get('kramdown').transitive[0].pkg.license), 'BSD-2-Clause (installed gem-home/specifications/rexml-3.2.6.gemspec)');
    assert.equal(license(get('byebug').pkg.license), 'BSD-2-Clause (installed blog/vendor/bundle/ruby/3.3.0/specifications/byebug-11.1.3.gemspec)');
  });

  it('says which specifications it looked for when none is installed', () => {
    const oj = resolveAll(context({})).get('oj')!.pkg;
    assert.equal(oj.license.kind, 'none');
    assert.deepEqual(oj.license.kind === 'none' && oj.license.searched.map((p) => path.relative(FIXTURES, p)), [
      'blog/vendor/bundle/ruby/3.3.0/specifications/oj-3.16.3.gemspec',
      'blog/vendor/bundle/ruby/3.2.0/specifications/oj-3.16.3.gemspec',
    ]);
  });

  it('uses the newest installed specification of a gem that is not locked', () => {
    const ctx = context({ GEM_HOME });
    const declaration = parseGemfile('gem "rexml"').declarations[0];
    const pkg = gemSupport.createResolver(path.join(FIXTURES, 'no-lock', 'Gemfile'), ctx).resolve(declaration).pkg;
    assert.equal(pkg.version, undefined);
    // 3.2.10 is newer than 3.2.6, though it sorts before it as text.
    assert.equal(license(pkg.license), 'BSD-2-Clause OR Ruby (installed gem-home/specifications/rexml-3.2.10.gemspec)');
  });
});

describe('installed specifications RubyGems wrote with NUL bytes', () => {
  const DEBIAN_GEMS = path.join(FIXTURES, 'debian-gems');
  const resolveOne = (name: string) =>
    gemSupport.createResolver(path.join(FIXTURES, 'no-lock', 'Gemfile'), context({ GEM_PATH: DEBIAN_GEMS })).resolve(parseGemfile(`gem "${name}"`).declarations[0]).pkg;

  it('reads a gemspec whose # stub: lines hold NUL separators as text', () => {
    const files = new CachingFileSource();
    const text = files.readText(path.join(DEBIAN_GEMS, 'specifications', 'json-2.6.3.gemspec'));
    assert.ok(text?.includes('\u0000'), 'the real json specification holds NULs in its stub line');
    assert.equal(gemspecLicense(text!), 'Ruby');
  });

  it('resolves json, faraday and ox from their real Debian specifications', () => {
    assert.equal(license(resolveOne('json').license), 'Ruby (installed debian-gems/specifications/json-2.6.3.gemspec)');
    assert.equal(license(resolveOne('faraday').license), 'MIT (installed debian-gems/specifications/faraday-1.1.0.gemspec)');
    assert.equal(license(resolveOne('ox').license), 'MIT (installed debian-gems/specifications/ox-2.14.9.gemspec)');
  });

  it('falls back to the license file in the gem folder when a NUL-stub specification names no license', () => {
    const pkg = resolveOne('curb');
    assert.equal(license(pkg.license), 'Ruby (license-text debian-gems/gems/curb-0.9.0/LICENSE)');
  });

  it('still treats NUL bytes as binary outside stub lines and outside gemspecs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-gem-nul-'));
    try {
      const stub = '# stub: x 1.0 ruby lib\u0000ext\n';
      fs.writeFileSync(path.join(dir, 'x-1.0.gemspec'), `${stub}s.licenses = ["MIT"]\n`);
      fs.writeFileSync(path.join(dir, 'y-1.0.gemspec'), `${stub}s.licenses = ["MIT"]\u0000\n`);
      fs.writeFileSync(path.join(dir, 'LICENSE'), stub);
      const files = new CachingFileSource();
      assert.ok(files.readText(path.join(dir, 'x-1.0.gemspec')));
      assert.equal(files.readText(path.join(dir, 'y-1.0.gemspec')), undefined);
      assert.equal(files.readText(path.join(dir, 'LICENSE')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
