import * as path from 'node:path';
import type { FileSource } from '../io/file-source';
import { placePath } from '../io/path-containment';

export type PolicyPackageResolution =
  | { readonly kind: 'found'; readonly path: string; readonly name: string; readonly version?: string; readonly packageDir: string }
  | { readonly kind: 'not-found'; readonly reason: string };

/** The policy a package names when the specifier names no file in it. */
const DEFAULT_ENTRY = 'policy.json';

/**
 * Finds a shared policy package as ESLint finds shareable configs: in `node_modules` of the folder holding the
 * policy that names it, then of each parent folder, up to the workspace root and no further, so that what
 * applies is what the workspace installed. The file must stay inside the package's folder after symbolic
 * links, and the package inside the workspace: an npm workspace link to a folder elsewhere is not followed.
 */
export function resolvePolicyPackage(
  spec: { readonly name: string; readonly subpath?: string },
  fromFile: string,
  workspaceRoot: string,
  files: FileSource,
): PolicyPackageResolution {
  const searched: string[] = [];
  for (const dir of foldersUpTo(path.dirname(fromFile), workspaceRoot)) {
    const packageDir = path.join(dir, 'node_modules', ...spec.name.split('/'));
    const manifestPath = path.join(packageDir, 'package.json');
    searched.push(path.join(dir, 'node_modules'));
    const manifestText = files.readText(manifestPath);
    if (manifestText === undefined && !files.exists(packageDir)) continue;
    const manifest = readManifest(manifestText);
    const entry = spec.subpath ?? entryOf(manifest);
    if (typeof entry !== 'string') return { kind: 'not-found', reason: entry.reason };
    const target = path.resolve(packageDir, entry);
    const placement = placePath(packageDir, target);
    if (placement.kind === 'outside') return { kind: 'not-found', reason: `${entry} leads outside the package ${spec.name}: ${placement.reason}` };
    const inWorkspace = placePath(workspaceRoot, target);
    if (inWorkspace.kind === 'outside') return { kind: 'not-found', reason: `the package ${spec.name} leads outside the workspace: ${inWorkspace.reason}` };
    if (!files.exists(target)) return { kind: 'not-found', reason: `${spec.name} has no ${entry} (${target})` };
    return { kind: 'found', path: target, name: spec.name, packageDir, ...(manifest?.version ? { version: manifest.version } : {}) };
  }
  const where = searched.length ? searched.map((s) => path.relative(workspaceRoot, s) || s).join(', ') : 'the workspace';
  return { kind: 'not-found', reason: `the package ${spec.name} is not installed (looked in ${where}); add it to devDependencies and install` };
}

/** The policy file's folder and its parents, while they are inside the workspace; the root when none is. */
function foldersUpTo(start: string, root: string): string[] {
  const resolvedRoot = path.resolve(root);
  const out: string[] = [];
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const rel = path.relative(resolvedRoot, dir);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) out.push(dir);
    if (rel === '' || path.dirname(dir) === dir) break;
  }
  return out.length ? out : [resolvedRoot];
}

interface PolicyPackageManifest {
  readonly version?: string;
  readonly ospo?: unknown;
  readonly main?: unknown;
}

function readManifest(text: string | undefined): PolicyPackageManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { version, ospo, main } = value as Record<string, unknown>;
    return { ...(typeof version === 'string' ? { version } : {}), ospo, main };
  } catch {
    return undefined;
  }
}

/** `ospo` names the policy; failing that a JSON `main`; failing that `policy.json`. */
function entryOf(manifest: PolicyPackageManifest | undefined): string | { reason: string } {
  if (manifest?.ospo !== undefined) {
    if (typeof manifest.ospo !== 'string' || manifest.ospo.trim() === '') return { reason: 'its package.json "ospo" field must name a policy file in the package' };
    return manifest.ospo;
  }
  if (typeof manifest?.main === 'string' && /\.jsonc?$/i.test(manifest.main)) return manifest.main;
  return DEFAULT_ENTRY;
}
