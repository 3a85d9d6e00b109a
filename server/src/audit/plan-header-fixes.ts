import * as path from 'node:path';
import type { FileEdit } from '../findings/finding';
import { isHeaderSelected } from '../headers/check-header';
import { readSourceText } from '../io/read-source-text';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import { walkWorkspace } from './walk-workspace';

export interface PlannedHeaderFix {
  readonly path: string;
  readonly relativePath: string;
  /** The text the edits apply to, as read now. */
  readonly text: string;
  readonly titles: readonly string[];
  readonly edits: readonly FileEdit[];
}

/** Files larger than this are left alone by bulk fixes: a header tool has no business rewriting them. */
const MAX_FIX_BYTES = 8 * 1024 * 1024;

/**
 * The header edits "fix all" would make across the workspace: for every selected file with a header finding,
 * the fixes marked for fix-all. Nothing is written; the caller previews and applies.
 */
export function planHeaderFixes(engine: WorkspaceEngine, options: { isCancelled?: () => boolean } = {}): PlannedHeaderFix[] {
  const headers = engine.policy.headers;
  const plans: PlannedHeaderFix[] = [];
  if (!headers.enabled) return plans;
  for (const relative of walkWorkspace(engine.root)) {
    if (options.isCancelled?.()) break;
    if (!isHeaderSelected(relative, headers)) continue;
    const absolute = path.join(engine.root, relative);
    const source = readSourceText(absolute, MAX_FIX_BYTES);
    if (source.kind !== 'text' || source.truncated) continue;
    const findings = engine.checkDocument(absolute, source.text).findings.filter((f) => f.code.startsWith('header-'));
    const fixes = findings.flatMap((f) => f.fixes).filter((fix) => fix.kind === 'edit' && fix.fixAll);
    if (!fixes.length) continue;
    plans.push({
      path: absolute,
      relativePath: relative,
      text: source.text,
      titles: fixes.map((f) => f.title),
      edits: fixes.flatMap((f) => (f.kind === 'edit' ? f.edits : [])),
    });
  }
  return plans;
}
