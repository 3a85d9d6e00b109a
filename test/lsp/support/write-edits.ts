import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

/** Applies a WorkspaceEdit to the files on disk, as an editor that saves at once would: the test's `onApplyEdit`. */
export function writeEditsToDisk(edit: WorkspaceEdit): boolean {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') return false;
      const file = URI.parse(change.uri).fsPath;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (!fs.existsSync(file)) fs.writeFileSync(file, '');
      continue;
    }
    const file = URI.parse(change.textDocument.uri).fsPath;
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const lines = text.split(/(?<=\n)/);
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).join('').length + p.character;
    let out = text;
    for (const e of [...(change.edits as TextEdit[])].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
      out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
    }
    fs.writeFileSync(file, out);
  }
  return true;
}
