import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import licenseTexts from 'spdx-license-list/full';

/**
 * Large projects of each ecosystem, generated into a temp folder: a manifest of the size a big real project
 * has, its lock file and the installed metadata (module cache, registry sources, site-packages) the server
 * reads licenses from. Real SPDX license texts stand in the places where the ecosystem has no metadata, so
 * the server does the text detection it does on a real machine.
 */
export interface LargeManifestProject {
  readonly label: string;
  readonly root: string;
  readonly manifest: string;
  /** Environment variables pointing the server at the generated caches. */
  readonly env: Record<string, string>;
  readonly text: string;
  /** The manifest after the i-th keystroke of an edit: a version typed digit by digit. */
  edit(i: number): string;
  dispose(): void;
}

const SPDX_IDS = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', 'MPL-2.0', 'GPL-3.0-only', '0BSD'];
/** License texts as packages ship them, with the copyright line filled in. */
function licenseText(i: number): string {
  const id = SPDX_IDS[i % SPDX_IDS.length];
  const text = (licenseTexts as Record<string, { licenseText: string }>)[id].licenseText;
  return text.replace('<year>', '2024').replace('<copyright holders>', `Author ${i}`);
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function project(label: string, manifestName: string, build: (root: string) => { text: string; env?: Record<string, string>; edit: (text: string, i: number) => string }): LargeManifestProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ospo-bench-lsp-'));
  const manifest = path.join(root, manifestName);
  const built = build(root);
  write(manifest, built.text);
  return {
    label,
    root,
    manifest,
    env: built.env ?? {},
    text: built.text,
    edit: (i) => built.edit(built.text, i),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** package.json with `direct` dependencies and a package-lock of `total` packages (each needing three more). */
export function npmProject(direct: number, total: number): LargeManifestProject {
  return project(`package.json, ${direct} direct / ${total} locked packages`, 'package.json', (root) => {
    const licenses = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'MPL-2.0', '(MIT OR Apache-2.0)', 'GPL-3.0-only'];
    const dependencies: Record<string, string> = {};
    const packages: Record<string, unknown> = { '': {} };
    for (let i = 0; i < total; i++) {
      const deps: Record<string, string> = {};
      for (let k = 1; k <= 3; k++) if (i * 3 + k < total) deps[`pkg-${i * 3 + k}`] = '^1.0.0';
      packages[`node_modules/pkg-${i}`] = { version: `1.${i % 10}.0`, license: licenses[i % licenses.length], dependencies: deps };
      if (i < direct) dependencies[`pkg-${i}`] = '^1.0.0';
    }
    write(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
    return {
      text: JSON.stringify({ name: 'bench', license: 'MIT', dependencies }, null, 2),
      edit: (text, i) => text.replace('"pkg-0": "^1.0.0"', `"pkg-0": "^1.${i}.0"`),
    };
  });
}

/**
 * go.mod requiring `count` modules, with the module cache `go mod download` leaves: each module's go.mod
 * (requiring a few of the others) and its extracted sources with a LICENSE.
 */
export function goProject(count: number): LargeManifestProject {
  return project(`go.mod, ${count} required modules with their module cache`, 'go.mod', (root) => {
    const cache = path.join(root, 'gomodcache');
    const modules = Array.from({ length: count }, (_, i) => ({ path: `github.com/org${i % 23}/module-${i}`, version: `v1.${i % 7}.${i % 5}` }));
    for (const [i, m] of modules.entries()) {
      const requires = [1, 2, 3].map((k) => modules[(i * 3 + k) % count]).filter((r) => r !== m);
      write(path.join(cache, 'cache', 'download', m.path, '@v', `${m.version}.mod`), `module ${m.path}\n\ngo 1.21\n\nrequire (\n${requires.map((r) => `\t${r.path} ${r.version}\n`).join('')})\n`);
      const dir = path.join(cache, `${m.path}@${m.version}`);
      write(path.join(dir, 'LICENSE'), licenseText(i));
      write(path.join(dir, 'go.mod'), `module ${m.path}\n`);
    }
    const text = `module example.com/bench\n\ngo 1.22\n\nrequire (\n${modules.map((m, i) => `\t${m.path} ${m.version}${i >= 40 ? ' // indirect' : ''}\n`).join('')})\n`;
    return {
      text,
      env: { GOMODCACHE: cache },
      edit: (t, i) => t.replace(`\t${modules[0].path} ${modules[0].version}\n`, `\t${modules[0].path} ${modules[0].version}\n\tgithub.com/typed/mod${'x'.repeat(i % 12)} v0.${i}.0\n`),
    };
  });
}

/**
 * Cargo.toml with `direct` dependencies, a Cargo.lock of `total` crates and the registry sources cargo extracts
 * under `$CARGO_HOME/registry/src`: a Cargo.toml with `license` for most crates, only a license file for some.
 */
export function cargoProject(direct: number, total: number): LargeManifestProject {
  return project(`Cargo.toml, ${direct} direct / ${total} locked crates with registry sources`, 'Cargo.toml', (root) => {
    const cargoHome = path.join(root, 'cargo-home');
    const registry = path.join(cargoHome, 'registry', 'src', 'index.crates.io-6f17d22bba15001f');
    const crates = Array.from({ length: total }, (_, i) => ({ name: `crate-${i}`, version: `1.${i % 9}.${i % 4}` }));
    const lock: string[] = ['version = 4\n'];
    lock.push(`[[package]]\nname = "bench"\nversion = "0.1.0"\ndependencies = [\n${crates.slice(0, direct).map((c) => ` "${c.name}",\n`).join('')}]\n`);
    for (const [i, c] of crates.entries()) {
      const deps = [1, 2, 3].map((k) => i * 3 + k).filter((k) => k < total).map((k) => crates[k].name);
      lock.push(`[[package]]\nname = "${c.name}"\nversion = "${c.version}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${'0'.repeat(64)}"\n${deps.length ? `dependencies = [\n${deps.map((d) => ` "${d}",\n`).join('')}]\n` : ''}`);
      const dir = path.join(registry, `${c.name}-${c.version}`);
      const licensed = i % 10 !== 9;
      write(
        path.join(dir, 'Cargo.toml'),
        `[package]\nname = "${c.name}"\nversion = "${c.version}"\nedition = "2021"\n${licensed ? `license = "${SPDX_IDS[i % SPDX_IDS.length]}"\n` : ''}description = "crate ${i}"\n\n[dependencies]\n${deps.map((d) => `${d} = "1"\n`).join('')}`,
      );
      if (!licensed) write(path.join(dir, 'LICENSE'), licenseText(i));
    }
    write(path.join(root, 'Cargo.lock'), lock.join('\n'));
    const text = `[package]\nname = "bench"\nversion = "0.1.0"\nedition = "2021"\nlicense = "MIT"\n\n[dependencies]\n${crates
      .slice(0, direct)
      .map((c) => `${c.name} = "${c.version.split('.').slice(0, 2).join('.')}"\n`)
      .join('')}`;
    return {
      text,
      env: { CARGO_HOME: cargoHome },
      edit: (t, i) => t.replace(`crate-0 = "1.0"\n`, `crate-0 = "1.${i}"\n`),
    };
  });
}

/** site-packages of a virtual environment with `count` distributions named `dist-<i>`, each requiring a few more. */
function writeVenv(root: string, count: number, version: (i: number) => string): void {
  const site = path.join(root, '.venv', 'lib', 'python3.11', 'site-packages');
  write(path.join(root, '.venv', 'pyvenv.cfg'), 'home = /nonexistent/bin\ninclude-system-site-packages = false\n');
  for (let i = 0; i < count; i++) {
    const info = path.join(site, `dist_${i}-${version(i)}.dist-info`);
    const requires = [1, 2].map((k) => i * 2 + k).filter((k) => k < count).map((k) => `Requires-Dist: dist-${k}>=1\n`);
    // Most state a license; some only ship the text, as many older packages do.
    const license = i % 6 === 5 ? `License-File: LICENSE\n` : i % 3 === 0 ? `License-Expression: ${SPDX_IDS[i % SPDX_IDS.length]}\n` : `Classifier: License :: OSI Approved :: MIT License\n`;
    write(path.join(info, 'METADATA'), `Metadata-Version: 2.4\nName: dist-${i}\nVersion: ${version(i)}\nSummary: distribution ${i}\n${license}${requires.join('')}\n`);
    if (i % 6 === 5) write(path.join(info, 'licenses', 'LICENSE'), licenseText(i));
  }
}

/** A requirements.txt of `lines` lines as pip-compile writes it (pins, hashes, `# via`), with the environment installed. */
export function requirementsProject(lines: number): LargeManifestProject {
  const perPackage = 5;
  const count = Math.floor(lines / perPackage);
  return project(`requirements.txt, ${lines} lines (${count} pinned packages) with site-packages`, 'requirements.txt', (root) => {
    const version = (i: number) => `2.${i % 13}.${i % 3}`;
    writeVenv(root, count, version);
    const out: string[] = ['#', '# This file is autogenerated by pip-compile with Python 3.11', '#'];
    for (let i = 0; i < count; i++) {
      out.push(`dist-${i}==${version(i)} \\`, `    --hash=sha256:${'a'.repeat(64)} \\`, `    --hash=sha256:${'b'.repeat(64)}`, `    # via`, `    #   dist-${Math.floor(i / 2)}`);
    }
    const text = out.join('\n') + '\n';
    return { text, edit: (t, i) => t.replace(`dist-0==${version(0)} \\`, `dist-0==${version(0)}${i} \\`) };
  });
}

/** pyproject.toml (Poetry) with `direct` dependencies and a poetry.lock of about `lines` lines, with the environment installed. */
export function poetryProject(direct: number, lines: number): LargeManifestProject {
  const perPackage = 14;
  const count = Math.floor(lines / perPackage);
  return project(`pyproject.toml, ${direct} direct / poetry.lock of ${lines} lines (${count} packages)`, 'pyproject.toml', (root) => {
    const version = (i: number) => `3.${i % 11}.${i % 4}`;
    writeVenv(root, count, version);
    const lock: string[] = ['# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n'];
    for (let i = 0; i < count; i++) {
      const deps = [1, 2].map((k) => i * 2 + k).filter((k) => k < count);
      lock.push(
        `[[package]]\nname = "dist-${i}"\nversion = "${version(i)}"\ndescription = "distribution ${i}"\noptional = false\npython-versions = ">=3.8"\nfiles = [\n    {file = "dist_${i}-${version(i)}-py3-none-any.whl", hash = "sha256:${'c'.repeat(64)}"},\n    {file = "dist_${i}-${version(i)}.tar.gz", hash = "sha256:${'d'.repeat(64)}"},\n]\n${deps.length ? `\n[package.dependencies]\n${deps.map((k) => `dist-${k} = ">=1"\n`).join('')}` : ''}`,
      );
    }
    lock.push(`[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "${'e'.repeat(64)}"\n`);
    write(path.join(root, 'poetry.lock'), lock.join('\n'));
    const text = `[tool.poetry]\nname = "bench"\nversion = "0.1.0"\ndescription = ""\nauthors = ["Bench <bench@example.com>"]\nlicense = "MIT"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n${Array.from(
      { length: direct },
      (_, i) => `dist-${i} = "^${version(i)}"\n`,
    ).join('')}`;
    return { text, edit: (t, i) => t.replace(`dist-0 = "^${version(0)}"\n`, `dist-0 = "^${version(0)}${i}"\n`) };
  });
}

/** composer.json with `direct` requirements, a composer.lock of `total` packages and their installed vendor folders. */
export function composerProject(direct: number, total: number): LargeManifestProject {
  return project(`composer.json, ${direct} direct / ${total} locked packages`, 'composer.json', (root) => {
    const packages = Array.from({ length: total }, (_, i) => {
      const require = Object.fromEntries([1, 2, 3].map((k) => i * 3 + k).filter((k) => k < total).map((k) => [`vendor${k % 17}/pkg-${k}`, '^1.0']));
      // Most locks copy the license; some packages state it only in their installed composer.json.
      const license = SPDX_IDS[i % SPDX_IDS.length];
      if (i % 5 === 4) write(path.join(root, 'vendor', `vendor${i % 17}`, `pkg-${i}`, 'composer.json'), JSON.stringify({ name: `vendor${i % 17}/pkg-${i}`, license }));
      return { name: `vendor${i % 17}/pkg-${i}`, version: `1.${i % 8}.0`, require: { php: '>=8.1', ...require }, ...(i % 5 === 4 ? {} : { license: [license] }) };
    });
    write(path.join(root, 'composer.lock'), JSON.stringify({ 'content-hash': 'bench', packages, 'packages-dev': [] }, null, 4));
    const text = JSON.stringify({ name: 'acme/bench', license: 'MIT', require: { php: '>=8.1', ...Object.fromEntries(packages.slice(0, direct).map((p) => [p.name, '^1.0'])) } }, null, 4);
    return { text, edit: (t, i) => t.replace('"vendor0/pkg-0": "^1.0"', `"vendor0/pkg-0": "^1.${i}"`) };
  });
}

/** Gemfile with `direct` gems, a Gemfile.lock of `total` gems and their installed specifications under vendor/bundle. */
export function gemProject(direct: number, total: number): LargeManifestProject {
  return project(`Gemfile, ${direct} direct / ${total} locked gems with specifications`, 'Gemfile', (root) => {
    const specs = path.join(root, 'vendor', 'bundle', 'ruby', '3.3.0', 'specifications');
    const gems = Array.from({ length: total }, (_, i) => ({ name: `gem-${i}`, version: `2.${i % 6}.${i % 3}` }));
    const lock: string[] = ['GEM', '  remote: https://rubygems.org/', '  specs:'];
    for (const [i, g] of gems.entries()) {
      lock.push(`    ${g.name} (${g.version})`);
      for (const k of [1, 2, 3].map((d) => i * 3 + d).filter((d) => d < total)) lock.push(`      ${gems[k].name} (>= 1.0)`);
      write(
        path.join(specs, `${g.name}-${g.version}.gemspec`),
        `# -*- encoding: utf-8 -*-\n# stub: ${g.name} ${g.version} ruby lib\n\nGem::Specification.new do |s|\n  s.name = "${g.name}".freeze\n  s.version = "${g.version}".freeze\n  s.licenses = ["${SPDX_IDS[i % SPDX_IDS.length]}".freeze]\n  s.require_paths = ["lib".freeze]\nend\n`,
      );
    }
    lock.push('', 'PLATFORMS', '  x86_64-linux', '', 'DEPENDENCIES', ...gems.slice(0, direct).map((g) => `  ${g.name}`), '', 'BUNDLED WITH', '   2.5.6', '');
    write(path.join(root, 'Gemfile.lock'), lock.join('\n'));
    const text = `source "https://rubygems.org"\n\nruby "3.3.0"\n\n${gems.slice(0, direct).map((g) => `gem "${g.name}", "~> ${g.version.split('.').slice(0, 2).join('.')}"\n`).join('')}`;
    return { text, edit: (t, i) => t.replace(`gem "gem-0", "~> 2.0"\n`, `gem "gem-0", "~> 2.${i}"\n`) };
  });
}

/** pom.xml with `direct` dependencies and a local Maven repository of `total` artifacts, each POM naming its license and needing a few more. */
export function mavenProject(direct: number, total: number): LargeManifestProject {
  return project(`pom.xml, ${direct} direct / ${total} artifacts in the local repository`, 'pom.xml', (root) => {
    const repository = path.join(root, 'm2');
    const licenses = [
      ['Apache License, Version 2.0', 'https://www.apache.org/licenses/LICENSE-2.0.txt'],
      ['MIT License', 'https://opensource.org/licenses/MIT'],
      ['Eclipse Public License 2.0', 'https://www.eclipse.org/legal/epl-2.0/'],
      ['BSD-3-Clause', 'https://opensource.org/licenses/BSD-3-Clause'],
    ];
    const artifacts = Array.from({ length: total }, (_, i) => ({ groupId: `org.bench.g${i % 13}`, artifactId: `artifact-${i}`, version: `1.${i % 9}.0` }));
    const dependency = (a: { groupId: string; artifactId: string }, version: string) =>
      `    <dependency>\n      <groupId>${a.groupId}</groupId>\n      <artifactId>${a.artifactId}</artifactId>\n      <version>${version}</version>\n    </dependency>\n`;
    for (const [i, a] of artifacts.entries()) {
      const [name, url] = licenses[i % licenses.length];
      const needs = [1, 2, 3].map((k) => i * 3 + k).filter((k) => k < total).map((k) => dependency(artifacts[k], artifacts[k].version));
      write(
        path.join(repository, ...a.groupId.split('.'), a.artifactId, a.version, `${a.artifactId}-${a.version}.pom`),
        `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>${a.groupId}</groupId>\n  <artifactId>${a.artifactId}</artifactId>\n  <version>${a.version}</version>\n  <licenses>\n    <license>\n      <name>${name}</name>\n      <url>${url}</url>\n    </license>\n  </licenses>\n  <dependencies>\n${needs.join('')}  </dependencies>\n</project>\n`,
      );
    }
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.bench</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n${artifacts
      .slice(0, direct)
      .map((a) => dependency(a, a.version))
      .join('')}  </dependencies>\n</project>\n`;
    const first = artifacts[0];
    return {
      text,
      env: { MAVEN_REPO_LOCAL: repository },
      // Typing a property name into the first dependency's version: each keystroke a new (unresolvable) version.
      edit: (t, i) => t.replace(`<artifactId>${first.artifactId}</artifactId>\n      <version>${first.version}</version>`, `<artifactId>${first.artifactId}</artifactId>\n      <version>${first.version}${i}</version>`),
    };
  });
}

/** An SDK-style .csproj with `direct` package references, its packages.lock.json of `total` packages and their nuspecs in the global packages folder. */
export function nugetProject(direct: number, total: number): LargeManifestProject {
  return project(`Bench.csproj, ${direct} direct / ${total} locked packages with nuspecs`, 'Bench.csproj', (root) => {
    const cache = path.join(root, 'nuget-packages');
    const packages = Array.from({ length: total }, (_, i) => ({ id: `Bench.Package${i}`, version: `1.${i % 7}.0` }));
    const locked: Record<string, unknown> = {};
    for (const [i, p] of packages.entries()) {
      const needs = [1, 2, 3].map((k) => i * 3 + k).filter((k) => k < total).map((k) => packages[k]);
      locked[p.id] = {
        type: i < direct ? 'Direct' : 'Transitive',
        ...(i < direct ? { requested: `[${p.version}, )` } : {}),
        resolved: p.version,
        contentHash: 'bench',
        ...(needs.length ? { dependencies: Object.fromEntries(needs.map((n) => [n.id, n.version])) } : {}),
      };
      const lower = p.id.toLowerCase();
      write(
        path.join(cache, lower, p.version, `${lower}.nuspec`),
        `<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">\n  <metadata>\n    <id>${p.id}</id>\n    <version>${p.version}</version>\n    <license type="expression">${SPDX_IDS[i % SPDX_IDS.length]}</license>\n  </metadata>\n</package>\n`,
      );
    }
    write(path.join(root, 'packages.lock.json'), JSON.stringify({ version: 2, dependencies: { 'net8.0': locked } }, null, 2));
    const text = `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n${packages
      .slice(0, direct)
      .map((p) => `    <PackageReference Include="${p.id}" Version="${p.version}" />\n`)
      .join('')}  </ItemGroup>\n</Project>\n`;
    const first = packages[0];
    return {
      text,
      env: { NUGET_PACKAGES: cache },
      edit: (t, i) => t.replace(`Include="${first.id}" Version="${first.version}"`, `Include="${first.id}" Version="${first.version}${i}"`),
    };
  });
}
