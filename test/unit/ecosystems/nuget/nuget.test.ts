import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import type { LicenseEvidence, ResolveContext } from '../../../../server/src/ecosystems/ecosystem';
import { lowestApplicableVersion, normalizeNugetVersion, nugetSupport, parseProjectFile, readPackagesLock } from '../../../../server/src/ecosystems/nuget';
import { CachingFileSource } from '../../../../server/src/io/file-source';
import { readDeclared } from '../../../support/license-reading';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ecosystems/nuget/solution');
const HOME = path.join(FIXTURES, 'nuget-home');
const PACKAGES = path.join(HOME, '.nuget', 'packages');
const API = path.join(FIXTURES, 'src/Acme.Api/Acme.Api.csproj');
const TOOLS = path.join(FIXTURES, 'src/Acme.Tools/Acme.Tools.fsproj');

function context(env: Record<string, string | undefined> = {}): ResolveContext {
  return { files: new CachingFileSource(), env, homeDir: HOME };
}

function rows(file: string, ctx = context()) {
  const text = ctx.files.readText(file)!;
  return nugetSupport.parse(text, file).declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end), d.group, d.versionSpec ?? null]);
}

function resolveAll(file: string, ctx = context()) {
  const resolver = nugetSupport.createResolver(file, ctx);
  return new Map(nugetSupport.parse(ctx.files.readText(file)!, file).declarations.map((d) => [d.name, resolver.resolve(d)]));
}

function license(evidence: LicenseEvidence): string {
  if (evidence.kind === 'declared') return `${readDeclared(evidence.expression)} (${evidence.source.kind})`;
  if (evidence.kind === 'custom') return `custom: ${evidence.text}`;
  return 'none';
}

describe('NuGet project files', () => {
  it('reads PackageReference items on the id inside its quotes, PrivateAssets="all" as development', () => {
    assert.deepEqual(rows(API), [
      ['Polly', 'Polly', 'reference', null],
      ['Microsoft.Extensions.Logging', 'Microsoft.Extensions.Logging', 'reference', null],
      ['Dapper', 'Dapper', 'reference', '2.1.28'],
      ['StyleCop.Analyzers', 'StyleCop.Analyzers', 'development', null],
    ]);
  });

  it('reads a <Version> child element and Update= items', () => {
    assert.deepEqual(rows(TOOLS), [
      ['Humanizer.Core', 'Humanizer.Core', 'reference', null],
      ['FSharp.Data', 'FSharp.Data', 'reference', '[6.3.0, )'],
      ['FSharp.Core', 'FSharp.Core', 'reference', '8.0.100'],
      ['Acme.Internal.Telemetry', 'Acme.Internal.Telemetry', 'reference', '1.*'],
    ]);
  });

  it('reads Directory.Packages.props as central versions', () => {
    assert.deepEqual(rows(path.join(FIXTURES, 'Directory.Packages.props')).map((r) => [r[0], r[2], r[3]]), [
      ['Polly', 'central', '8.2.1'],
      ['Microsoft.Extensions.Logging', 'central', '8.0.0'],
      ['StyleCop.Analyzers', 'central', '1.1.118'],
      ['Humanizer.Core', 'central', '2.14.1'],
    ]);
  });

  it('skips ids still being typed or made of MSBuild expressions, and places a padded id exactly', () => {
    const text = '<Project><ItemGroup><PackageReference Include="" /><PackageReference Include="$(Pkg)" /><PackageReference Include=" Serilog " Version="3.1.1" /><PackageReference Include="Half</ItemGroup></Project>';
    const parsed = parseProjectFile(text);
    assert.deepEqual(parsed.declarations.map((d) => [d.name, text.slice(d.nameSpan.start, d.nameSpan.end)]), [['Serilog', 'Serilog']]);
    assert.ok(parsed.problems.length > 0);
  });

  it('is the manifest for C#, F# and VB projects and Directory.Packages.props', () => {
    for (const name of ['A.csproj', 'B.fsproj', 'C.vbproj', 'Directory.Packages.props']) assert.equal(nugetSupport.isManifest(name), true, name);
    for (const name of ['packages.lock.json', 'A.nuspec', 'Directory.Build.props']) assert.equal(nugetSupport.isManifest(name), false, name);
  });

  it('never throws on arbitrary project text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void nugetSupport.parse(text, '/x/a.csproj')), { numRuns: 300 });
    const pieces = fc.constantFrom('<Project>', '</Project>', '<PackageReference', ' Include="', 'Pkg', '"', ' Version="1.0"', '/>', '>', '<Version>', '</Version>', '</PackageReference>', '&amp;', '<!--', '-->');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 50 }), (parts) => {
        const text = parts.join('');
        for (const d of nugetSupport.parse(text, '/x/a.csproj').declarations) assert.equal(text.slice(d.nameSpan.start, d.nameSpan.end), d.name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('NuGet versions', () => {
  it('normalizes versions as the global packages folder names them', () => {
    assert.deepEqual(['1.0', '2.1.0.0', '1.2.3.4', '01.02.03', '1.0.0-Beta+abc'].map(normalizeNugetVersion), ['1.0.0', '2.1.0', '1.2.3.4', '1.2.3', '1.0.0-beta']);
  });

  it('takes the lowest applicable version of a range and refuses floating or open-below ranges', () => {
    assert.deepEqual(['1.2.3', '[1.2.3]', '[1.2.3, )', '[1.0,2.0)', '(1.0,)', '1.*', '$(V)', ''].map(lowestApplicableVersion), ['1.2.3', '1.2.3', '1.2.3', '1.0', undefined, undefined, undefined, undefined]);
  });

  it('reads packages.lock.json across frameworks, skipping project references, and reports a broken one', () => {
    const lock = readPackagesLock(context().files.readText(path.join(FIXTURES, 'src/Acme.Api/packages.lock.json')));
    assert.equal(lock.packages.get('polly')?.version, '8.2.1');
    assert.deepEqual(lock.packages.get('polly')?.dependencies, ['Polly.Core']);
    assert.equal(lock.packages.has('acme.domain'), false);
    assert.match(readPackagesLock('{ "dependencies": ').problem ?? '', /could not be read/);
  });
});

describe('NuGet dependency resolution', () => {
  const api = resolveAll(API);
  const tools = resolveAll(TOOLS);

  it('takes versions from packages.lock.json and licenses from the nuspec expression', () => {
    const polly = api.get('Polly')!;
    assert.equal(polly.pkg.version, '8.2.1');
    assert.equal(license(polly.pkg.license), 'BSD-3-Clause (installed)');
    assert.equal(polly.pkg.license.kind === 'declared' && polly.pkg.license.source.kind === 'installed' && polly.pkg.license.source.path, path.join(PACKAGES, 'polly', '8.2.1', 'polly.nuspec'));
  });

  it('identifies a <license type="file"> by its text, pointing at the file', () => {
    const { license: evidence } = api.get('Microsoft.Extensions.Logging')!.pkg;
    assert.equal(license(evidence), 'MIT (license-text)');
    assert.equal(evidence.kind === 'declared' && 'path' in evidence.source && evidence.source.path, path.join(PACKAGES, 'microsoft.extensions.logging', '8.0.0', 'LICENSE.TXT'));
  });

  it('reports a license file it cannot identify as custom', () => {
    assert.equal(license(tools.get('Humanizer.Core')!.pkg.license), 'custom: license file docs/LICENSE.md in the package');
  });

  it('maps legacy licenseUrl values of licenses.nuget.org, apache.org and opensource.org, and keeps other URLs as custom', () => {
    const logging = api.get('Microsoft.Extensions.Logging')!;
    assert.equal(license(logging.transitive.find((t) => t.pkg.name === 'Microsoft.Extensions.DependencyInjection')!.pkg.license), 'MIT (installed)');
    assert.equal(license(api.get('Dapper')!.pkg.license), 'Apache-2.0 (installed)');
    assert.equal(license(api.get('StyleCop.Analyzers')!.pkg.license), 'custom: https://github.com/DotNetAnalyzers/StyleCopAnalyzers/blob/master/LICENSE');
    assert.equal(license(tools.get('Humanizer.Core')!.transitive[0].pkg.license), 'MIT (installed)');
  });

  it('builds the transitive graph from the lock file, each package once by its shortest chain', () => {
    assert.deepEqual(
      api.get('Microsoft.Extensions.Logging')!.transitive.map((t) => `${t.chain.join(' > ')}@${t.pkg.version}`),
      [
        'Microsoft.Extensions.Logging > Microsoft.Extensions.DependencyInjection@8.0.0',
        'Microsoft.Extensions.Logging > Microsoft.Extensions.Logging.Abstractions@8.0.0',
        'Microsoft.Extensions.Logging > Microsoft.Extensions.DependencyInjection > Microsoft.Extensions.DependencyInjection.Abstractions@8.0.0',
      ],
    );
  });

  it('takes a version from the nearest Directory.Packages.props when there is no lock, and the graph from the nuspec', () => {
    const humanizer = tools.get('Humanizer.Core')!;
    assert.equal(humanizer.pkg.version, '2.14.1');
    assert.deepEqual(
      humanizer.transitive.map((t) => [t.pkg.name, t.pkg.version ?? null]),
      [
        ['System.ComponentModel.Annotations', '5.0.0'],
        ['NetStandard.Library', null],
      ],
      'every framework group, each id once; an exclusive lower bound gives no version',
    );
  });

  it('resolves the lowest version of a range and reports no license for a floating version', () => {
    assert.equal(license(tools.get('FSharp.Data')!.pkg.license), 'Apache-2.0 (installed)');
    const telemetry = tools.get('Acme.Internal.Telemetry')!.pkg;
    assert.equal(telemetry.version, undefined);
    assert.deepEqual(telemetry.license, { kind: 'none', searched: [path.join(PACKAGES, 'acme.internal.telemetry')] });
  });

  it('honours NUGET_PACKAGES over the home folder', () => {
    const elsewhere = resolveAll(API, context({ NUGET_PACKAGES: path.join(FIXTURES, 'no-such-cache') }));
    assert.deepEqual(elsewhere.get('Polly')!.pkg.license, { kind: 'none', searched: [path.join(FIXTURES, 'no-such-cache', 'polly', '8.2.1', 'polly.nuspec')] });
    const explicit = resolveAll(API, { files: new CachingFileSource(), env: { NUGET_PACKAGES: PACKAGES }, homeDir: '/nonexistent' });
    assert.equal(license(explicit.get('Polly')!.pkg.license), 'BSD-3-Clause (installed)');
  });
});
