import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CorpusEntry } from './compare';

/** Where setup.sh installs what is not a Debian binary package. */
export const BENCH_CACHE = process.env.OSPO_BENCH_CACHE || path.join(os.homedir(), '.cache', 'ospo-guide-bench');

/** One project the audit runs on, with the environment a developer with those packages installed would have. */
export interface WorkspaceView {
  readonly label: string;
  readonly ecosystem: CorpusEntry['ecosystem'];
  readonly root: string;
  readonly env: Readonly<Record<string, string>>;
  /** Corpus entries whose package is not installed where this view expects it (setup could not fetch it). */
  readonly missing: readonly CorpusEntry[];
}

/** Debian's RubyGems integration: what `gem env` lists as GEM_PATH for the system Ruby. */
const DEBIAN_GEM_PATH = [
  '/usr/share/rubygems-integration/all',
  '/usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0',
  '/usr/share/rubygems-integration/3.1.0',
];

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The metadata folder (or file) an installed Debian python3-* package ships: `.dist-info` first, else `.egg-info`. */
function debianPythonMetadata(debianPackage: string): string | undefined {
  let listing: string;
  try {
    listing = execFileSync('dpkg', ['-L', debianPackage], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  const candidates = listing.split('\n').filter((line) => /\/dist-packages\/[^/]+\.(dist-info|egg-info)$/.test(line));
  return candidates.find((c) => c.endsWith('.dist-info')) ?? candidates[0];
}

/** npm: the project setup.sh installed, as a developer's checkout with node_modules. */
export function npmView(entries: readonly CorpusEntry[]): WorkspaceView {
  const root = path.join(BENCH_CACHE, 'npm');
  const missing = entries.filter((e) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', e.name, 'package.json'), 'utf8')) as { version?: string }).version !== e.version;
    } catch {
      return true;
    }
  });
  return { label: 'npm', ecosystem: 'npm', root, env: {}, missing };
}

/**
 * PyPI, two views of the same Debian packages. `venv`: a real virtual environment (made with
 * `python3 -m venv --system-site-packages`) whose site-packages holds each package's metadata folder, as `pip
 * install` leaves it. `system`: the same kind of environment with nothing installed in it, so the packages are
 * only in the system's dist-packages, as on a Debian machine where they come from apt.
 */
export function pypiViews(entries: readonly CorpusEntry[], workDir: string): WorkspaceView[] {
  const requirements = entries.map((e) => `${e.name}==${e.version}\n`).join('');
  const views: WorkspaceView[] = [];
  const metadata = new Map(entries.map((e) => [e, e.debianPackage ? debianPythonMetadata(e.debianPackage) : undefined]));
  const missing = entries.filter((e) => metadata.get(e) === undefined);
  for (const kind of ['venv', 'system'] as const) {
    const root = path.join(workDir, `pypi-${kind}`);
    writeFile(path.join(root, 'requirements.txt'), requirements);
    const venv = path.join(root, '.venv');
    execFileSync('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', '--without-pip', venv], { stdio: 'ignore' });
    if (kind === 'venv') {
      const libDir = path.join(venv, 'lib');
      const python = fs.readdirSync(libDir).find((d) => /^python3\.\d+$/.test(d));
      if (!python) throw new Error(`no lib/python3.X in ${venv}`);
      const sitePackages = path.join(libDir, python, 'site-packages');
      for (const source of metadata.values()) {
        if (source) fs.cpSync(source, path.join(sitePackages, path.basename(source)), { recursive: true });
      }
    }
    views.push({ label: kind === 'venv' ? 'PyPI (venv)' : 'PyPI (system)', ecosystem: 'pypi', root, env: {}, missing });
  }
  return views;
}

/** RubyGems: a Gemfile, and Debian's gem specifications on GEM_PATH as the system Ruby has them. */
export function gemView(entries: readonly CorpusEntry[], workDir: string): WorkspaceView {
  const root = path.join(workDir, 'gem');
  writeFile(path.join(root, 'Gemfile'), `source "https://rubygems.org"\n\n${entries.map((e) => `gem "${e.name}", "${e.version}"\n`).join('')}`);
  const missing = entries.filter((e) => !DEBIAN_GEM_PATH.some((dir) => fs.existsSync(path.join(dir, 'specifications', `${e.name}-${e.version}.gemspec`))));
  return { label: 'RubyGems', ecosystem: 'gem', root, env: { GEM_PATH: DEBIAN_GEM_PATH.join(path.delimiter) }, missing };
}

/** Cargo: a Cargo.toml with exact versions, and a CARGO_HOME whose registry sources are Debian's crates. */
export function cargoView(entries: readonly CorpusEntry[], workDir: string): WorkspaceView {
  const root = path.join(workDir, 'cargo');
  const cargoHome = path.join(workDir, 'cargo-home');
  const index = path.join(cargoHome, 'registry', 'src', 'index.crates.io-6f17d22bba15001f');
  fs.mkdirSync(index, { recursive: true });
  const missing: CorpusEntry[] = [];
  for (const e of entries) {
    const debian = path.join('/usr/share/cargo/registry', `${e.name}-${e.version}`);
    if (!fs.existsSync(path.join(debian, 'Cargo.toml'))) missing.push(e);
    else fs.symlinkSync(debian, path.join(index, `${e.name}-${e.version}`));
  }
  const dependencies = entries.map((e) => `${e.name} = "=${e.version}"\n`).join('');
  writeFile(path.join(root, 'Cargo.toml'), `[package]\nname = "ospo-accuracy"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n${dependencies}`);
  return { label: 'Cargo', ecosystem: 'cargo', root, env: { CARGO_HOME: cargoHome }, missing };
}

/** Module-cache escaping (golang/go#40424): an upper-case letter becomes `!` and its lower-case form. */
function escapeForModuleCache(text: string): string {
  return text.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/** Go: a go.mod requiring every module, and a GOMODCACHE laid out from Debian's source packages. */
export function goView(entries: readonly CorpusEntry[], workDir: string): WorkspaceView {
  const root = path.join(workDir, 'go');
  const modCache = path.join(workDir, 'gomodcache');
  const missing: CorpusEntry[] = [];
  for (const e of entries) {
    const source = path.join(BENCH_CACHE, 'debian-src', 'x', e.debianSource ?? '');
    if (!e.debianSource || !fs.existsSync(source)) {
      missing.push(e);
      continue;
    }
    const target = path.join(modCache, `${escapeForModuleCache(e.name)}@${escapeForModuleCache(e.version)}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(source, target);
  }
  writeFile(path.join(root, 'go.mod'), `module example.com/ospo-accuracy\n\ngo 1.21\n\nrequire (\n${entries.map((e) => `\t${e.name} ${e.version}\n`).join('')})\n`);
  return { label: 'Go', ecosystem: 'golang', root, env: { GOMODCACHE: modCache }, missing };
}

/** A folder whose `python3` is Debian's, put first on PATH, so anything that asks the interpreter asks that one. */
export function debianPythonBin(workDir: string): string {
  const bin = path.join(workDir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.symlinkSync('/usr/bin/python3', path.join(bin, 'python3'));
  fs.symlinkSync('/usr/bin/python3', path.join(bin, 'python'));
  return bin;
}
