import type * as vscode from 'vscode';

/**
 * The rule of one of our diagnostics. A diagnostic with a documentation link (`codeDescription`) reaches the
 * editor with its code as `{ value, target }`, not as the bare string.
 */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
