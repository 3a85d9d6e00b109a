import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import { parseCoreMetadata, type CoreMetadata } from './core-metadata';
import { normalizePythonName } from './python-names';

/** A distribution installed in a virtual environment. */
export interface InstalledDistribution {
  /** Normalised (PEP 503). */
  readonly name: string;
  readonly version?: string;
  /** The `.dist-info` / `.egg-info` folder (or the single `.egg-info` file distutils wrote). */
  readonly dir: string;
  readonly metadataPath: string;
  readonly metadata: CoreMetadata;
}

/** Virtual environment folders looked for next to a manifest. */
export const VENV_NAMES = ['.venv', 'venv'] as const;

/**
 * site-packages folders of a virtual environment: `lib/python3.X/site-packages` on POSIX layouts (and `lib64`),
 * `Lib/site-packages` on Windows layouts.
 */
export function sitePackagesDirs(files: FileSource, venv: string): string[] {
  const dirs: string[] = [];
  for (const lib of ['lib', 'lib64']) {
    const libDir = path.join(venv, lib);
    for (const name of [...(files.listDir(libDir) ?? [])].sort().reverse()) {
      if (/^python\d+(\.\d+)?t?$/.test(name)) dirs.push(path.join(libDir, name, 'site-packages'));
    }
  }
  const windows = path.join(venv, 'Lib', 'site-packages');
  if (files.exists(windows)) dirs.push(windows);
  return dirs.filter((dir, i) => dirs.indexOf(dir) === i && files.listDir(dir) !== undefined);
}

/** `requests-2.31.0.dist-info` → name and version; wheel names escape `-` in the name as `_`. */
function parseMetadataDirName(dirName: string): { name: string; version?: string; metadataFile: string } | undefined {
  const match = /^(.+?)(?:-([^-]+?))?(?:-py\d[\d.]*)?\.(dist-info|egg-info)$/.exec(dirName);
  if (!match) return undefined;
  return { name: normalizePythonName(match[1]), version: match[2], metadataFile: match[3] === 'dist-info' ? 'METADATA' : 'PKG-INFO' };
}

/** Every distribution installed in the given site-packages folders, by normalised name; read lazily. */
export class InstalledDistributions {
  private byName?: Map<string, { dir: string; version?: string; metadataFile: string }[]>;
  private readonly loaded = new Map<string, InstalledDistribution | undefined>();

  constructor(
    private readonly files: FileSource,
    readonly sitePackages: readonly string[],
  ) {}

  private index(): Map<string, { dir: string; version?: string; metadataFile: string }[]> {
    if (this.byName) return this.byName;
    this.byName = new Map();
    for (const dir of this.sitePackages) {
      for (const entry of this.files.listDir(dir) ?? []) {
        const parsed = parseMetadataDirName(entry);
        if (!parsed) continue;
        const list = this.byName.get(parsed.name) ?? [];
        list.push({ dir: path.join(dir, entry), version: parsed.version, metadataFile: parsed.metadataFile });
        this.byName.set(parsed.name, list);
      }
    }
    return this.byName;
  }

  /**
   * The installed distribution of a package; with a version, only that version (an installed copy of another
   * version says nothing reliable about the locked one).
   */
  find(name: string, version?: string): InstalledDistribution | undefined {
    const candidates = this.index().get(normalizePythonName(name)) ?? [];
    for (const candidate of candidates) {
      const distribution = this.load(candidate.dir, candidate.metadataFile);
      if (!distribution) continue;
      if (version === undefined || distribution.version === undefined || sameVersion(distribution.version, version)) return distribution;
    }
    return undefined;
  }

  private load(dir: string, metadataFile: string): InstalledDistribution | undefined {
    if (this.loaded.has(dir)) return this.loaded.get(dir);
    // distutils wrote `.egg-info` as a single file holding the metadata itself (Debian's pexpect, ptyprocess).
    const single = metadataFile === 'PKG-INFO' && this.files.listDir(dir) === undefined;
    const metadataPath = single ? dir : path.join(dir, metadataFile);
    const text = this.files.readText(metadataPath);
    const metadata = text === undefined ? undefined : parseCoreMetadata(text);
    const fromDir = parseMetadataDirName(path.basename(dir));
    const distribution = metadata && {
      name: normalizePythonName(metadata.name ?? fromDir?.name ?? ''),
      version: metadata.version ?? fromDir?.version,
      dir,
      metadataPath,
      metadata,
    };
    this.loaded.set(dir, distribution);
    return distribution;
  }
}

/** PEP 440 spellings of one version compare equal (`1.0` and `1.0.0` do not: pins are written in full). */
function sameVersion(a: string, b: string): boolean {
  const canonical = (v: string) => v.trim().toLowerCase().replace(/^v/, '').replace(/[-_]/g, '.');
  return canonical(a) === canonical(b);
}
