import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { DependencyDeclaration, ManifestProblem, ParsedManifest } from '../ecosystem';

/** Requirements on the platform, not on packages: PHP itself, extensions, system libraries, Composer's API. */
const PLATFORM = /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin|-runtime)?-api|composer)$/i;

export function composerPurl(name: string): string {
  const [vendor, pkg] = name.toLowerCase().split('/');
  return pkg ? `pkg:composer/${vendor}/${pkg}` : `pkg:composer/${vendor}`;
}

/** Reads `require` and `require-dev` of a composer.json as the editor holds it, with the names' offsets. */
export function parseComposerJson(text: string): ParsedManifest {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ManifestProblem[] = errors.map((e) => ({
    message: `composer.json syntax error: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
    span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  const declarations: DependencyDeclaration[] = [];
  if (!root || root.type !== 'object') return { declarations, problems };
  const brokenKeys = new Set(errors.map((e) => e.offset));
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const group = keyNode?.value;
    if (!valueNode || (group !== 'require' && group !== 'require-dev')) continue;
    if (valueNode.type !== 'object') {
      problems.push({ message: `"${group}" must be an object`, span: { start: valueNode.offset, end: valueNode.offset + valueNode.length } });
      continue;
    }
    for (const entry of valueNode.children ?? []) {
      const [key, value] = entry.children ?? [];
      if (!key || !value || brokenKeys.has(key.offset) || typeof key.value !== 'string') continue;
      const name = key.value;
      if (PLATFORM.test(name) || !name.includes('/')) continue;
      declarations.push({
        ecosystem: 'composer',
        name,
        purl: composerPurl(name),
        ...(value.type === 'string' ? { versionSpec: value.value as string } : {}),
        group,
        nameSpan: { start: key.offset + 1, end: key.offset + key.length - 1 },
      });
    }
  }
  return { declarations, problems };
}
