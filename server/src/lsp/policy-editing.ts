import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type Hover,
  type HoverParams,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { projectLicense } from '../policy/load-policy';
import { policyCompletions, type PolicyCompletionKind } from '../policy/policy-completions';
import { policyHover } from '../policy/policy-hover';
import { isBlankPolicy } from '../policy/read-policy-layer';
import { starterPolicyText } from '../policy/starter-policy';
import { LineIndex } from '../text/line-index';
import { packagesInUse } from '../workspace/packages-in-use';
import type { DocumentDiagnostics } from './document-diagnostics';
import { toDiagnostic, toWorkspaceEdit, uriToPath } from './to-lsp';
import type { Folder, WorkspaceFolders } from './workspace-folders';

const ITEM_KINDS: Readonly<Record<PolicyCompletionKind, CompletionItemKind>> = {
  license: CompletionItemKind.Value,
  exception: CompletionItemKind.Value,
  operator: CompletionItemKind.Operator,
  category: CompletionItemKind.EnumMember,
  'purl-type': CompletionItemKind.Module,
  package: CompletionItemKind.Reference,
  'base-policy': CompletionItemKind.File,
};

/** Completion, hovers and quick fixes in the folder's policy file and approvals log. */
export class PolicyEditing {
  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly diagnostics: DocumentDiagnostics,
  ) {}

  /** Which of the folder's policy inputs a document is, if any. */
  private roleOf(document: TextDocument): { folder: Folder; file: 'policy' | 'approvals' } | undefined {
    const filePath = uriToPath(document.uri);
    if (!filePath) return undefined;
    const folder = this.folders.folderFor(filePath);
    if (!folder.settings.enable) return undefined;
    const source = folder.engine.policyLoad.policy.source;
    // A base policy the workspace's policy extends is edited like the policy itself.
    if (filePath === folder.engine.policyPath || (source.kind === 'file' && source.chain.includes(filePath))) return { folder, file: 'policy' };
    if (filePath === folder.engine.approvalsPath) return { folder, file: 'approvals' };
    return undefined;
  }

  isPolicyDocument(document: TextDocument): boolean {
    return this.roleOf(document) !== undefined;
  }

  completion(document: TextDocument, params: CompletionParams): CompletionItem[] {
    const role = this.roleOf(document);
    if (!role) return [];
    const text = document.getText();
    const lines = new LineIndex(text);
    const offset = document.offsetAt(params.position);
    // Package names are resolved only when the cursor is where they are asked for.
    const items = policyCompletions(text, offset, role.file, []);
    const wantsPackages = items.some((i) => i.kind === 'purl-type');
    const all = wantsPackages ? policyCompletions(text, offset, role.file, packagesInUse(role.folder.engine)) : items;
    return all.map((item) => ({
      label: item.label,
      kind: ITEM_KINDS[item.kind],
      ...(item.description ? { labelDetails: { description: item.description } } : {}),
      ...(item.detail ? { detail: item.detail } : {}),
      ...(item.sortText ? { sortText: item.sortText } : {}),
      filterText: item.label,
      textEdit: { range: lines.rangeOf(item.span), newText: item.newText },
      ...(item.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    }));
  }

  hover(document: TextDocument, params: HoverParams): Hover | null {
    const role = this.roleOf(document);
    if (!role) return null;
    const text = document.getText();
    const hover = policyHover(text, document.offsetAt(params.position), role.file, role.folder.engine.policy, packagesInUse(role.folder.engine));
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: new LineIndex(text).rangeOf(hover.span) };
  }

  /** The fixes of the policy's own problems under the cursor, and "Insert starter policy" in an empty policy. */
  codeActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
    const role = this.roleOf(document);
    const filePath = uriToPath(document.uri);
    if (!role || !filePath || (params.context.only && !params.context.only.includes(CodeActionKind.QuickFix))) return [];
    const text = document.getText();
    const { start, end } = params.range;
    const actions: CodeAction[] = [];
    for (const finding of this.diagnostics.policyFindingsFor(filePath)) {
      if (finding.range.end.line < start.line || finding.range.start.line > end.line) continue;
      for (const fix of finding.fixes) {
        if (fix.kind !== 'edit') continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.preferred,
          diagnostics: [toDiagnostic(finding)],
          edit: toWorkspaceEdit(fix.edits, () => text),
        });
      }
    }
    if (role.file === 'policy' && (isBlankPolicy(text) || /^\s*\{\s*\}\s*$/.test(text))) {
      const starter = starterPolicyText(projectLicense(role.folder.root, role.folder.engine.files), text.includes('\r\n') ? '\r\n' : '\n');
      actions.push({
        title: 'Insert starter policy',
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        edit: toWorkspaceEdit([{ path: filePath, edits: [{ span: { start: 0, end: text.length }, newText: starter }] }], () => text),
      });
    }
    return actions;
  }
}
