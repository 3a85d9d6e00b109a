import { InlayHintKind, type InlayHint } from 'vscode-languageserver';
import type { DependencyNote } from '../dependencies/check-manifest';
import { isDependencyFinding, type Finding } from '../findings/finding';
import { diagnosticMessage } from '../findings/render/diagnostic-message';
import { inlayLabel } from '../findings/render/inlay-label';
import type { TextRange } from '../text/line-index';

/**
 * `MIT ✓` after each dependency, as version-lens extensions show versions: the license and the verdict at a
 * glance. One hint per dependency line, at the end of the line.
 */
export function dependencyInlayHints(text: string, findings: readonly Finding[], notes: readonly DependencyNote[], range: TextRange): InlayHint[] {
  const lines = text.split(/\r\n|\r|\n/);
  const byLine = new Map<number, InlayHint>();
  const place = (line: number, label: string, tooltip: string) => {
    if (line < range.start.line || line > range.end.line || byLine.has(line)) return;
    byLine.set(line, { position: { line, character: lines[line]?.length ?? 0 }, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip });
  };
  // Problems first: on a line with a finding, the hint shows the finding's verdict.
  for (const finding of findings) {
    if (isDependencyFinding(finding)) place(finding.range.start.line, inlayLabel(finding.facts, finding.alike?.length ?? 1), diagnosticMessage(finding));
  }
  for (const note of notes) place(note.range.start.line, inlayLabel(note.facts), inlayLabel(note.facts));
  return [...byLine.values()].sort((a, b) => a.position.line - b.position.line);
}
