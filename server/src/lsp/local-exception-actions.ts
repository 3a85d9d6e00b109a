import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { isoDate } from '../approvals/find-approval';
import type { FileEdit, Finding, FindingCode } from '../findings/finding';
import { findMatchingPattern } from '../policy/package-pattern';
import { projectLicense } from '../policy/load-policy';
import { addHeaderExcludeEdit, addPackageExceptionEdit, exceptionPattern, removeListEntryEdit, type PolicyFileTarget } from '../policy/policy-file-edits';
import { starterPolicyText } from '../policy/starter-policy';
import { SERVER_COMMANDS } from '../protocol/ospo-protocol';
import { toDiagnostic, toWorkspaceEdit } from './to-lsp';
import type { Folder } from './workspace-folders';

/** Findings a package exception in the policy resolves: the package then passes whatever its license. */
const EXCEPTION_CODES: ReadonlySet<FindingCode> = new Set(['license-denied', 'license-needs-approval', 'license-unknown', 'approval-pending', 'approval-rejected']);
const HEADER_CODES: ReadonlySet<FindingCode> = new Set(['header-missing', 'header-license-mismatch']);

/**
 * Local, reviewable ways out beside "Request approval": edits of the policy file (or REUSE.toml) the team reviews
 * like code, and the rule's documentation.
 */
export function localExceptionActions(
  findings: readonly Finding[],
  params: CodeActionParams,
  folder: Folder,
  textOf: (filePath: string) => string | undefined,
  today: Date = new Date(),
): CodeAction[] {
  if (params.context.only && !params.context.only.includes(CodeActionKind.QuickFix)) return [];
  const { start, end } = params.range;
  const engine = folder.engine;
  const target: PolicyFileTarget = {
    path: engine.policyPath,
    text: textOf(engine.policyPath),
    starter: () => starterPolicyText(projectLicense(folder.root, engine.files)),
  };
  const asEdit = (edit: FileEdit) => toWorkspaceEdit([edit], (p) => textOf(p) ?? '');
  const actions: CodeAction[] = [];
  const documented = new Set<string>();
  for (const finding of findings) {
    if (finding.range.end.line < start.line || finding.range.start.line > end.line) continue;
    const diagnostics = [toDiagnostic(finding)];
    const subject = finding.subject;
    if (subject.kind === 'dependency' && EXCEPTION_CODES.has(finding.code)) {
      const pattern = exceptionPattern(subject.purl, subject.version);
      const comment = `${subject.license ?? 'no license found'} (${finding.code}): exception added ${isoDate(today)}; why:`;
      const edit = addPackageExceptionEdit(target, pattern, comment);
      if (edit) actions.push({ title: `Add a package exception to the policy (${pattern})`, kind: CodeActionKind.QuickFix, diagnostics, edit: asEdit(edit) });
    }
    if (subject.kind === 'dependency' && finding.code === 'package-denied') {
      const denied = findMatchingPattern(engine.policy.packages.deny, subject.purl, subject.version);
      const edit = denied ? removeListEntryEdit(target, ['packages', 'deny'], denied.text) : undefined;
      if (denied && edit) actions.push({ title: `Remove "${denied.text}" from packages.deny`, kind: CodeActionKind.QuickFix, diagnostics, edit: asEdit(edit) });
    }
    if (HEADER_CODES.has(finding.code)) {
      const exclusion = headerExclusion(finding, folder, target, textOf);
      if (exclusion) actions.push({ title: exclusion.title, kind: CodeActionKind.QuickFix, diagnostics, edit: asEdit(exclusion.edit) });
    }
    if (!documented.has(finding.code)) {
      documented.add(finding.code);
      actions.push({
        title: `Show rule documentation (${finding.code})`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        command: { title: 'Show rule documentation', command: SERVER_COMMANDS.showRuleDocumentation.name, arguments: [{ code: finding.code }] },
      });
    }
  }
  return actions;
}

/**
 * A project that uses REUSE.toml says in it what covers a file (the header check's own "Add an annotation"
 * fix, when it can name the license); any other project lists the file in `headers.exclude`.
 */
function headerExclusion(finding: Finding, folder: Folder, target: PolicyFileTarget, textOf: (p: string) => string | undefined): { title: string; edit: FileEdit } | undefined {
  const usesReuseToml = textOf(path.join(folder.root, 'REUSE.toml')) !== undefined;
  if (usesReuseToml && finding.fixes.some((f) => f.kind === 'edit' && f.edits.some((e) => path.basename(e.path) === 'REUSE.toml'))) return undefined;
  const relative = path.relative(folder.root, finding.path).split(path.sep).join('/');
  if (relative.startsWith('..')) return undefined;
  // A file name is matched literally: glob characters in it are put in brackets.
  const glob = relative.replace(/[*?[\]{}()!+@]/g, (c) => `[${c}]`);
  const edit = addHeaderExcludeEdit(target, glob);
  return edit ? { title: 'Exclude this file from header checks (headers.exclude)', edit } : undefined;
}
