import { findNodeAtLocation, modify, type JSONPath } from 'jsonc-parser';
import type { FileEdit } from '../findings/finding';
import { parseJsonTree } from '../text/json-tree';
import { applyOffsetEdits, type OffsetEdit } from '../text/text-edit';
import { DEFAULT_HEADER_EXCLUDE } from './default-policy';
import { removalSpan } from './read-policy-layer';
import { semver } from '../text/lazy-semver';

/**
 * Edits of the workspace's policy file that a quick fix proposes: reviewable text changes, never a setting that
 * lives only on one machine. Each works on the file as it is, or creates it from the starter policy.
 */
export interface PolicyFileTarget {
  readonly path: string;
  /** The file's current text; undefined when there is no policy file yet. */
  readonly text: string | undefined;
  /** The text a new policy file starts from. */
  readonly starter: () => string;
}

/** The package pattern of an exception: the purl, pinned to the version in use when that is a semver version. */
export function exceptionPattern(purl: string, version: string | undefined): string {
  const exact = version !== undefined && semver().valid(version, { loose: true }) !== null && semver().validRange(version, { loose: true }) !== null;
  return exact ? `${purl}@${version}` : purl;
}

/** Adds `pattern` to `packages.allow`, with a comment saying why it is there. */
export function addPackageExceptionEdit(target: PolicyFileTarget, pattern: string, comment: string): FileEdit | undefined {
  return appendToList(target, ['packages', 'allow'], pattern, comment);
}

/**
 * Adds a glob to `headers.exclude`. A policy that has no `headers.exclude` yet gets the default list with the
 * glob, since a list the file sets replaces the default one (vendored and generated code would be checked again).
 */
export function addHeaderExcludeEdit(target: PolicyFileTarget, glob: string): FileEdit | undefined {
  const text = target.text ?? target.starter();
  const tree = parseJsonTree(text, { allowTrailingComma: true, disallowComments: false });
  if (tree.kind !== 'parsed' || !tree.root || tree.errors.length) return undefined;
  if (findNodeAtLocation(tree.root, ['headers', 'exclude'])?.type === 'array') return appendToList(target, ['headers', 'exclude'], glob);
  return edited(target, text, modify(text, ['headers', 'exclude'], [...DEFAULT_HEADER_EXCLUDE, glob], { formattingOptions: formatting(text) }));
}

/** Removes the entry `entry` from the list at `list`, with its separating comma; undefined when the file does not hold it. */
export function removeListEntryEdit(target: PolicyFileTarget, list: JSONPath, entry: string): FileEdit | undefined {
  if (target.text === undefined) return undefined;
  const tree = parseJsonTree(target.text, { allowTrailingComma: true, disallowComments: false });
  if (tree.kind !== 'parsed' || !tree.root) return undefined;
  const item = findNodeAtLocation(tree.root, list)?.children?.find((node) => node.type === 'string' && node.value === entry);
  return item ? { path: target.path, edits: [{ span: removalSpan(item), newText: '' }] } : undefined;
}

/**
 * Appends to a list in the file's own layout (one line or one item per line); a list the file does not have
 * yet is created by jsonc-parser.
 */
function appendToList(target: PolicyFileTarget, list: JSONPath, value: string, comment?: string): FileEdit | undefined {
  const text = target.text ?? target.starter();
  const tree = parseJsonTree(text, { allowTrailingComma: true, disallowComments: false });
  // A policy that does not parse is left alone: an edit computed on a guess could land anywhere.
  if (tree.kind !== 'parsed' || !tree.root || tree.errors.length) return undefined;
  const existing = findNodeAtLocation(tree.root, list);
  if (existing?.children?.some((item) => item.value === value)) return undefined;
  // A block comment before the value is valid wherever the value lands.
  const literal = `${comment ? `/* ${comment.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')} */ ` : ''}${JSON.stringify(value)}`;
  if (existing?.type === 'array') {
    const items = existing.children ?? [];
    const last = items[items.length - 1];
    if (!last) return edited(target, text, [{ offset: existing.offset + 1, length: 0, content: literal }]);
    const at = last.offset + last.length;
    const lineStart = text.lastIndexOf('\n', last.offset) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const multiline = text.slice(existing.offset, items[0].offset).includes('\n');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return edited(target, text, [{ offset: at, length: 0, content: multiline ? `,${eol}${indent}${literal}` : `, ${literal}` }]);
  }
  const edits = modify(text, list, [value], { formattingOptions: formatting(text) });
  return edited(target, text, comment ? edits.map((e) => ({ ...e, content: e.content.replace(JSON.stringify(value), literal) })) : edits);
}

function edited(target: PolicyFileTarget, text: string, edits: ReadonlyArray<{ offset: number; length: number; content: string }>): FileEdit | undefined {
  if (!edits.length) return undefined;
  const offsetEdits: OffsetEdit[] = edits.map((e) => ({ span: { start: e.offset, end: e.offset + e.length }, newText: e.content }));
  if (target.text !== undefined) return { path: target.path, edits: offsetEdits };
  return { path: target.path, create: true, edits: [{ span: { start: 0, end: 0 }, newText: applyOffsetEdits(text, offsetEdits) }] };
}

function formatting(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
