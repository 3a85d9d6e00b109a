import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import { debianPackageLicense } from '../../licenses/debian-copyright';
import { DebianPackageDatabase } from '../../licenses/debian-package-database';
import type { LicenseEvidence } from '../ecosystem';
import type { InstalledDistribution } from './installed-distributions';

/** Said of every package found outside the project's own environment. */
export const SYSTEM_ORIGIN = 'system Python environment';

/**
 * The Python installation the interpreter on `PATH` (or the configured one, when it is not a virtual
 * environment) runs with: the folders `python3 -m site` lists as its `sys.path` site folders. They are derived
 * from the interpreter's prefix rather than asked of the interpreter, because running it would execute a
 * program the workspace may have chosen.
 */
export interface SystemPythonEnvironment {
  /** `/` on a running system; `OSPO_SYSTEM_ROOT` points elsewhere (an image mounted for inspection, tests). */
  readonly root: string;
  /** site-packages / dist-packages folders, under the root, in `sys.path` order. */
  readonly sitePackages: readonly string[];
}

export function findSystemPythonEnvironment(files: FileSource, env: Readonly<Record<string, string | undefined>>): SystemPythonEnvironment | undefined {
  const root = env.OSPO_SYSTEM_ROOT?.trim() || '/';
  const prefixes: string[] = [];
  const configured = env.VIRTUAL_ENV?.trim();
  if (configured) prefixes.push(configured);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir.startsWith('/') || !/\/s?bin\/?$/.test(dir)) continue;
    if (['python3', 'python'].some((name) => files.exists(path.join(root, dir, name)))) prefixes.push(path.dirname(dir.replace(/\/+$/, '')));
  }
  const sitePackages: string[] = [];
  for (const prefix of [...new Set(prefixes)]) {
    const inRoot = (p: string) => (configured && prefix === configured ? p : path.join(root, p));
    const lib = path.join(prefix, 'lib');
    const versions = (files.listDir(inRoot(lib)) ?? []).filter((name) => /^python3\.\d+$/.test(name)).sort().reverse();
    // Debian's order: /usr/local first (pip installs there), then the distribution's own folders.
    if (prefix === '/usr') for (const v of versions) sitePackages.push(inRoot(path.join('/usr/local/lib', v, 'dist-packages')));
    sitePackages.push(inRoot(path.join(lib, 'python3', 'dist-packages')));
    for (const v of versions) sitePackages.push(inRoot(path.join(lib, v, 'site-packages')), inRoot(path.join(lib, v, 'dist-packages')));
  }
  const existing = [...new Set(sitePackages)].filter((dir) => files.listDir(dir) !== undefined);
  return existing.length > 0 ? { root, sitePackages: existing } : undefined;
}

/**
 * The base installation a virtual environment also sees: `python3 -m venv --system-site-packages` writes
 * `include-system-site-packages = true` and the base interpreter's folder (`home`) into `pyvenv.cfg`, and
 * its `sys.path` then ends with the base installation's site folders.
 */
export function baseEnvironmentOfVenv(files: FileSource, venv: string, env: Readonly<Record<string, string | undefined>>): SystemPythonEnvironment | undefined {
  const config = files.readText(path.join(venv, 'pyvenv.cfg'));
  if (config === undefined) return undefined;
  const value = (key: string) => new RegExp(`^\\s*${key}\\s*=\\s*(.*?)\\s*$`, 'mi').exec(config)?.[1];
  if (value('include-system-site-packages')?.toLowerCase() !== 'true') return undefined;
  const home = value('home');
  if (!home || !path.isAbsolute(home)) return undefined;
  return findSystemPythonEnvironment(files, { OSPO_SYSTEM_ROOT: env.OSPO_SYSTEM_ROOT, PATH: home });
}

const PYTHON_METADATA_DIR = /-packages\/[^/]+\.(dist|egg)-info$/;

/**
 * What Debian's package database says of an installed distribution: the package that installed its metadata
 * folder, and the license of that package's `Files: *` paragraph in its machine-readable copyright file.
 * Read only for distributions of the system environment, whose files the system's package manager owns.
 */
export function debianEvidence(files: FileSource, system: SystemPythonEnvironment, distribution: InstalledDistribution): LicenseEvidence | undefined {
  const database = new DebianPackageDatabase(system.root, { name: 'python-metadata', marker: '-packages/', indexes: (p) => PYTHON_METADATA_DIR.test(p) });
  if (!database.exists()) return undefined;
  const listed = `/${path.relative(system.root, distribution.dir).split(path.sep).join('/')}`;
  const debianPackage = database.ownerOf(listed);
  if (!debianPackage) return undefined;
  const copyrightPath = database.copyrightPath(debianPackage);
  const text = files.readText(copyrightPath);
  const license = text === undefined ? undefined : debianPackageLicense(text);
  if (!license) return undefined;
  const origin = `${SYSTEM_ORIGIN}; Debian package ${debianPackage} states "${license.stated}"`;
  const source = { kind: 'installed', path: copyrightPath, origin } as const;
  return license.kind === 'spdx' ? { kind: 'declared', expression: license.expression, source } : { kind: 'custom', text: license.stated, source };
}

/** The same evidence, said to come from the system environment. */
export function fromSystem(evidence: LicenseEvidence): LicenseEvidence {
  if (evidence.kind === 'none' || (evidence.source.kind !== 'installed' && evidence.source.kind !== 'license-text') || evidence.source.origin) return evidence;
  return { ...evidence, source: { ...evidence.source, origin: SYSTEM_ORIGIN } };
}

/**
 * For a system package, Debian's recorded license wins over the distribution's metadata unless the metadata
 * states an exact `License-Expression` (PEP 639): a Debian maintainer reviews every file of the package for
 * the copyright file, while classifiers and the free-text `License` field are often vague ("BSD", "LGPL").
 */
export function systemPackageEvidence(metadata: LicenseEvidence, debian: LicenseEvidence | undefined, statesExpression: boolean): LicenseEvidence {
  const marked = fromSystem(metadata);
  if (statesExpression && marked.kind === 'declared') return marked;
  if (debian?.kind === 'declared') return debian;
  return marked.kind === 'none' && debian ? debian : marked;
}
