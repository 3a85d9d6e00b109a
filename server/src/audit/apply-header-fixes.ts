import * as fs from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write';
import { encodeSource } from '../io/read-source-text';
import { applyOffsetEdits } from '../text/text-edit';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import { planHeaderFixesWithGaps } from './plan-header-fixes';

export interface HeaderFixSummary {
  readonly changed: readonly string[];
  readonly created: readonly string[];
  readonly failed: ReadonlyArray<{ readonly relativePath: string; readonly reason: string }>;
}

/**
 * Applies the header fixes the editor would make to every selected file, each file by an atomic write in the
 * encoding it was read in. A file that changed since it was read is left alone. `dryRun` writes nothing.
 */
export function applyHeaderFixes(engine: WorkspaceEngine, options: { dryRun: boolean }): HeaderFixSummary {
  const plan = planHeaderFixesWithGaps(engine, { sidecars: true });
  const changed: string[] = [];
  const created: string[] = [];
  const failed = [...plan.unfixable];
  for (const fix of plan.fixes) {
    try {
      for (const fileEdit of fix.edits) {
        if (fileEdit.create) {
          if (fs.existsSync(fileEdit.path)) throw new Error(`${fileEdit.path} already exists`);
          if (!options.dryRun) writeFileAtomic(fileEdit.path, applyOffsetEdits('', fileEdit.edits));
          created.push(engine.relative(fileEdit.path));
          continue;
        }
        const before = encodeSource(fix.text, fix.encoding);
        const after = encodeSource(applyOffsetEdits(fix.text, fileEdit.edits), fix.encoding);
        if (!options.dryRun) {
          // Between planning and writing, an editor or another tool may have saved the file.
          if (!fs.readFileSync(fileEdit.path).equals(before)) throw new Error('changed while being fixed; run again');
          writeFileAtomic(fileEdit.path, after);
        }
        changed.push(fix.relativePath);
      }
    } catch (error) {
      failed.push({ relativePath: fix.relativePath, reason: (error as Error).message });
    }
  }
  return { changed, created, failed };
}
