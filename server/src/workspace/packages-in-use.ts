import * as path from 'node:path';
import type { PackageRow } from '../dependencies/check-manifest';
import { ecosystemForManifest } from '../ecosystems/registry';
import type { WorkspaceEngine } from './workspace-engine';

/** Folders that hold other people's code or build output, never a manifest of the project's own. */
const SKIPPED = new Set(['node_modules', 'vendor', 'target', 'dist', 'build', 'out', 'coverage', '__pycache__']);
/** Bounds the walk: completion and hovers ask for this, and must answer at typing speed. */
const MAX_FOLDERS = 200;
/** How long an answer is reused: long enough for a burst of keystrokes, short enough to follow edits. */
const FRESH_MS = 5_000;

const cache = new WeakMap<WorkspaceEngine, { readonly at: number; readonly rows: readonly PackageRow[] }>();

/**
 * The packages this workspace folder uses, direct and transitive, as its manifests at the root and one folder
 * down resolve them (a monorepo's `packages/*` one level deeper is left out to stay quick). For completion of
 * package names in the policy and the approvals log, and for hovers that count what a rule affects.
 */
export function packagesInUse(engine: WorkspaceEngine, now = Date.now()): readonly PackageRow[] {
  const cached = cache.get(engine);
  if (cached && now - cached.at < FRESH_MS) return cached.rows;
  const rows: PackageRow[] = [];
  const seen = new Set<string>();
  for (const manifest of manifests(engine)) {
    const text = engine.files.readText(manifest);
    if (text === undefined) continue;
    try {
      for (const row of engine.checkDocument(manifest, text, undefined, 'audit').packages) {
        const key = `${row.purl}@${row.version ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push(row);
      }
    } catch {
      // A manifest that cannot be checked just offers nothing; its own diagnostics say why.
    }
  }
  cache.set(engine, { at: now, rows });
  return rows;
}

function* manifests(engine: WorkspaceEngine): Generator<string> {
  const folders = [engine.root];
  for (const entry of engine.files.listDir(engine.root) ?? []) {
    if (entry.startsWith('.') || SKIPPED.has(entry)) continue;
    const full = path.join(engine.root, entry);
    if (engine.files.listDir(full) !== undefined) folders.push(full);
    if (folders.length >= MAX_FOLDERS) break;
  }
  for (const folder of folders) {
    for (const entry of engine.files.listDir(folder) ?? []) {
      const full = path.join(folder, entry);
      if (ecosystemForManifest(full)) yield full;
    }
  }
}
