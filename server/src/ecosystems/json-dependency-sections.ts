import { printParseErrorCode } from 'jsonc-parser';
import { parseJsonTree } from '../text/json-tree';
import { capProblems } from '../text/problem-limit';
import type { ManifestProblem } from './ecosystem';
import type { OffsetSpan } from '../text/line-index';

export interface JsonDependencyEntry {
  readonly group: string;
  readonly name: string;
  /** The value when it is a string (a version or range). */
  readonly spec?: string;
  /** Inside the key's quotes: where the diagnostic goes. */
  readonly nameSpan: OffsetSpan;
}

/**
 * The entries of a JSON manifest's dependency objects (`dependencies`, `require`, …) as the editor holds the file.
 * jsonc-parser recovers from errors, so a half-typed file still yields every entry that parsed; a key still being
 * typed (unterminated, or without a value yet) is left out rather than judged.
 */
export function readJsonDependencySections(text: string, sections: readonly string[], fileLabel: string): { entries: JsonDependencyEntry[]; problems: ManifestProblem[] } {
  const tree = parseJsonTree(text, { allowTrailingComma: true, disallowComments: false });
  // The editor's own JSON check does not say this, so it is shown while editing too.
  if (tree.kind === 'too-deep') return { entries: [], problems: [{ message: `${fileLabel} ${tree.message}`, span: tree.span, always: true }] };
  const { root, errors } = tree;
  const problems: ManifestProblem[] = errors.map((e) => ({
    message: `${fileLabel} syntax error: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
    span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  const entries: JsonDependencyEntry[] = [];
  if (!root || root.type !== 'object') return { entries, problems: capManifestProblems(problems, fileLabel) };
  const brokenKeys = new Set(errors.map((e) => e.offset));
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const group: unknown = keyNode?.value;
    if (!valueNode || typeof group !== 'string' || !sections.includes(group)) continue;
    if (valueNode.type !== 'object') {
      problems.push({ message: `"${group}" must be an object`, span: { start: valueNode.offset, end: valueNode.offset + valueNode.length } });
      continue;
    }
    for (const entry of valueNode.children ?? []) {
      const [key, value] = entry.children ?? [];
      if (!key || !value || brokenKeys.has(key.offset) || typeof key.value !== 'string' || key.value === '') continue;
      entries.push({
        group,
        name: key.value,
        ...(value.type === 'string' ? { spec: value.value as string } : {}),
        nameSpan: { start: key.offset + 1, end: key.offset + key.length - 1 },
      });
    }
  }
  return { entries, problems: capManifestProblems(problems, fileLabel) };
}

function capManifestProblems(problems: readonly ManifestProblem[], fileLabel: string): ManifestProblem[] {
  return capProblems(problems, (first, count) => ({ span: first.span, message: `… and ${count} more problems in ${fileLabel}` }));
}
