import { CodeActionKind, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver';
import { SERVER_COMMAND_NAMES } from '../protocol/ospo-protocol';
import { TOOL_VERSION } from '../tool-version';

// What the server offers, kept apart from the code that does it: `initialize` is answered with this alone, before
// the engine is loaded (see server.ts).

/** The code action kind of "fix all OSPO Guide problems", asked for by `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ospo`;

/** Characters that open a completion in a policy file: a quoted value, a scope, a path, a word. */
export const POLICY_COMPLETION_TRIGGERS = ['"', '@', '/', ' '];

export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: POLICY_COMPLETION_TRIGGERS, resolveProvider: false },
      inlayHintProvider: true,
      executeCommandProvider: { commands: [...SERVER_COMMAND_NAMES] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'OSPO Guide', version: TOOL_VERSION },
  };
}
