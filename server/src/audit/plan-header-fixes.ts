import * as path from 'node:path';
import { diagnosticMessage } from '../findings/render/diagnostic-message';
import type { FileEdit } from '../findings/finding';
import { isHeaderSelected } from '../headers/check-header';
import { readSourceText, type SourceEncoding } from '../io/read-source-text';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import { walkWorkspace } from './walk-workspace';

export interface PlannedHeaderFix {
  readonly path: string;
  readonly relativePath: string;
  /** The text the edits apply to, as read now, and how it is encoded on disk. */
  readonly text: string;
  readonly encoding: SourceEncoding;
  readonly titles: readonly string[];
  readonly edits: readonly FileEdit[];
}

/** Files larger than this are left alone by bulk fixes: a header tool has no business rewriting them. */
const MAX_FIX_BYTES = 8 * 1024 * 1024;

export interface HeaderFixPlan {
  readonly fixes: PlannedHeaderFix[];
  /** Files with a header finding that no edit can fix, and why. */
  readonly unfixable: Array<{ readonly relativePath: string; readonly reason: string }>;
}

/**
 * The header edits "fix all" would make across the workspace: for every selected file with a header finding,
 * the fixes marked for fix-all (with `sidecars`, also the `.license` files for files that cannot hold
 * comments). Nothing is written; the caller previews and applies.
 */
export function planHeaderFixes(engine: WorkspaceEngine, options: { isCancelled?: () => boolean; sidecars?: boolean } = {}): PlannedHeaderFix[] {
  return planHeaderFixesWithGaps(engine, options).fixes;
}

export function planHeaderFixesWithGaps(engine: WorkspaceEngine, options: { isCancelled?: () => boolean; sidecars?: boolean } = {}): HeaderFixPlan {
  const headers = engine.policy.headers;
  const plans: PlannedHeaderFix[] = [];
  const unfixable: HeaderFixPlan['unfixable'] = [];
  if (!headers.enabled) return { fixes: plans, unfixable };
  for (const relative of walkWorkspace(engine.root)) {
    if (options.isCancelled?.()) break;
    if (!isHeaderSelected(relative, headers)) continue;
    const absolute = path.join(engine.root, relative);
    const source = readSourceText(absolute, MAX_FIX_BYTES);
    if (source.kind !== 'text') continue;
    const findings = engine.checkDocument(absolute, source.text).findings.filter((f) => f.code.startsWith('header-'));
    if (!findings.length) continue;
    if (source.truncated) {
      unfixable.push({ relativePath: relative, reason: `larger than ${MAX_FIX_BYTES / 1024 / 1024} MiB; left alone` });
      continue;
    }
    const fixes = findings.flatMap((f) => f.fixes).filter((fix) => fix.kind === 'edit' && (fix.fixAll || (options.sidecars === true && fix.preferred)));
    if (!fixes.length) {
      unfixable.push({ relativePath: relative, reason: findings.map(diagnosticMessage).join('; ') });
      continue;
    }
    plans.push({
      path: absolute,
      relativePath: relative,
      text: source.text,
      encoding: source.encoding,
      titles: fixes.map((f) => f.title),
      edits: fixes.flatMap((f) => (f.kind === 'edit' ? f.edits : [])),
    });
  }
  return { fixes: plans, unfixable };
}
