import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { DependencyDeclaration, ManifestProblem, ParsedManifest } from '../ecosystem';
import { npmPurl } from './npm-purl';

/** The dependency sections npm installs from; `bundleDependencies` only lists names already declared. */
export const NPM_DEPENDENCY_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Specs that point at code in the workspace or on disk, not at a published package. */
const LOCAL_SPEC = /^(file|link|workspace|portal):/;

/**
 * Reads a package.json as the editor holds it. jsonc-parser recovers from errors, so a half-typed file still
 * yields every dependency whose entry parsed; syntax errors come back as problems.
 */
export function parsePackageJson(text: string): ParsedManifest {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ManifestProblem[] = errors.map((e) => ({
    message: `package.json syntax error: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
    span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  const declarations: DependencyDeclaration[] = [];
  if (!root || root.type !== 'object') return { declarations, problems };
  // A key still being typed (unterminated, or with no value yet) is not a dependency to judge.
  const brokenKeys = new Set(errors.map((e) => e.offset));

  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const group = keyNode?.value as string;
    if (!valueNode || !(NPM_DEPENDENCY_GROUPS as readonly string[]).includes(group)) continue;
    if (valueNode.type !== 'object') {
      problems.push({ message: `"${group}" must be an object`, span: nodeSpan(valueNode) });
      continue;
    }
    for (const entry of valueNode.children ?? []) {
      const [key, value] = entry.children ?? [];
      if (!key || !value || brokenKeys.has(key.offset)) continue;
      const declaration = readEntry(entry, group);
      if (declaration) declarations.push(declaration);
    }
  }
  return { declarations, problems };
}

function readEntry(entry: Node, group: string): DependencyDeclaration | undefined {
  const [keyNode, valueNode] = entry.children ?? [];
  if (!keyNode || typeof keyNode.value !== 'string' || keyNode.value === '') return undefined;
  const name = keyNode.value;
  const spec = valueNode?.type === 'string' ? (valueNode.value as string) : undefined;
  if (spec !== undefined && LOCAL_SPEC.test(spec)) return undefined;
  // `"alias": "npm:real@^1"` installs `real` under the alias's folder.
  const alias = spec !== undefined ? /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec) : null;
  const realName = alias ? alias[1] : name;
  const versionSpec = alias ? alias[2] : spec;
  return {
    ecosystem: 'npm',
    name,
    purl: npmPurl(realName),
    ...(versionSpec !== undefined ? { versionSpec } : {}),
    group,
    // Inside the quotes: the diagnostic underlines the name itself.
    nameSpan: { start: keyNode.offset + 1, end: keyNode.offset + keyNode.length - 1 },
  };
}

function nodeSpan(node: Node) {
  return { start: node.offset, end: node.offset + node.length };
}
