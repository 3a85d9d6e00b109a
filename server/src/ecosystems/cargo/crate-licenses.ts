import * as path from 'node:path';
import type { FileSource } from '../../io/file-source';
import type { LicenseEvidence, ResolveContext } from '../ecosystem';
import { readLicenseStatement } from '../../licenses/read-license-statement';
import { evidenceFromLicenseFiles, findLicenseFiles } from '../../licenses/license-file-evidence';
import { parseStrictToml } from '../../formats/strict-toml';

/** `$CARGO_HOME`, by default `~/.cargo`. */
export function cargoHomeDir(context: ResolveContext): string {
  return context.env.CARGO_HOME || path.join(context.homeDir, '.cargo');
}

/**
 * Folders that may hold a crate's sources, most specific first: vendored copies in the workspace (what
 * `cargo vendor` writes: `vendor/<name>`, or `vendor/<name>-<version>` when versions clash), then every
 * registry's extracted sources under `$CARGO_HOME/registry/src/<index>/<name>-<version>`.
 */
export function crateSourceDirs(files: FileSource, context: ResolveContext, workspaceDirs: readonly string[], name: string, version: string | undefined): string[] {
  const dirs: string[] = [];
  for (const root of workspaceDirs) {
    if (version) dirs.push(path.join(root, 'vendor', `${name}-${version}`));
    dirs.push(path.join(root, 'vendor', name));
  }
  if (version) {
    const registries = path.join(cargoHomeDir(context), 'registry', 'src');
    for (const index of [...(files.listDir(registries) ?? [])].sort()) dirs.push(path.join(registries, index, `${name}-${version}`));
  }
  return [...new Set(dirs)];
}

/** A top-level table of a Cargo.toml (published manifests are normalised: no inheritance left). */
function readTable(files: FileSource, manifestPath: string, table: string): Record<string, unknown> | undefined {
  const text = files.readText(manifestPath);
  if (text === undefined) return undefined;
  const parsed = parseStrictToml(text);
  if (!parsed.ok) return undefined;
  const pkg = parsed.value[table];
  return typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>) : undefined;
}

/**
 * A crate's license: the `license` field (SPDX; the legacy `MIT/Apache-2.0` form means OR), else the text
 * `license-file` points at, else license files in the crate folder, each through text detection.
 */
export function findCrateLicense(files: FileSource, context: ResolveContext, workspaceDirs: readonly string[], name: string, version: string | undefined): LicenseEvidence {
  const searched: string[] = [];
  for (const dir of crateSourceDirs(files, context, workspaceDirs, name, version)) {
    const manifestPath = path.join(dir, 'Cargo.toml');
    searched.push(dir);
    const pkg = readTable(files, manifestPath, 'package');
    if (!pkg) continue;
    // A `vendor/<name>` folder holds whichever version was vendored; only the locked one counts.
    if (version && typeof pkg.version === 'string' && pkg.version !== version) continue;
    return crateManifestLicense(files, dir, manifestPath, pkg);
  }
  return { kind: 'none', searched };
}

/**
 * The license of one of the workspace's own crates, from its Cargo.toml; `license.workspace = true` takes the
 * root's `[workspace.package] license`.
 */
export function findLocalCrateLicense(files: FileSource, crateDir: string, workspaceRoot: string | undefined): LicenseEvidence {
  const manifestPath = path.join(crateDir, 'Cargo.toml');
  const pkg = readTable(files, manifestPath, 'package');
  if (!pkg) return { kind: 'none', searched: [crateDir] };
  const inherited = (value: unknown) => typeof value === 'object' && value !== null && (value as Record<string, unknown>).workspace === true;
  if ((inherited(pkg.license) || inherited(pkg['license-file'])) && workspaceRoot) {
    const rootManifest = path.join(workspaceRoot, 'Cargo.toml');
    const workspace = readTable(files, rootManifest, 'workspace');
    const shared = workspace?.package;
    if (typeof shared === 'object' && shared !== null) {
      const merged = { ...pkg } as Record<string, unknown>;
      for (const field of ['license', 'license-file']) if (inherited(pkg[field])) merged[field] = (shared as Record<string, unknown>)[field];
      return crateManifestLicense(files, inherited(pkg['license-file']) ? workspaceRoot : crateDir, rootManifest, merged);
    }
  }
  return crateManifestLicense(files, crateDir, manifestPath, pkg);
}

function crateManifestLicense(files: FileSource, dir: string, manifestPath: string, pkg: Record<string, unknown>): LicenseEvidence {
  const source = { kind: 'installed', path: manifestPath } as const;
  let custom: LicenseEvidence | undefined;
  if (typeof pkg.license === 'string') {
    // Kept as written (`Apache-2.0 / MIT`, `MIT/Apache-2.0`): the verdict says how it was read.
    const statement = readLicenseStatement(pkg.license);
    if (statement.kind === 'spdx' || statement.kind === 'family') return { kind: 'declared', expression: pkg.license, source };
    custom = { kind: 'custom', text: statement.text, source };
  }
  if (typeof pkg['license-file'] === 'string') {
    const licenseFile = path.join(dir, pkg['license-file']);
    const detected = evidenceFromLicenseFiles(files, [licenseFile]);
    if (detected) return detected;
    custom ??= { kind: 'custom', text: `license file ${pkg['license-file']}`, source: { kind: 'installed', path: licenseFile } };
  }
  return custom ?? evidenceFromLicenseFiles(files, findLicenseFiles(files, dir)) ?? { kind: 'none', searched: [dir], installedAt: manifestPath };
}
