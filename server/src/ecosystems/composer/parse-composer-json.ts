import type { DependencyDeclaration, ParsedManifest } from '../ecosystem';
import { readJsonDependencySections } from '../json-dependency-sections';

/** Requirements on the platform, not on packages: PHP itself, extensions, system libraries, Composer's API. */
const PLATFORM = /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin|-runtime)?-api|composer)$/i;

export function composerPurl(name: string): string {
  const [vendor, pkg] = name.toLowerCase().split('/');
  return pkg ? `pkg:composer/${vendor}/${pkg}` : `pkg:composer/${vendor}`;
}

/** Reads `require` and `require-dev` of a composer.json as the editor holds it, with the names' offsets. */
export function parseComposerJson(text: string): ParsedManifest {
  const { entries, problems } = readJsonDependencySections(text, ['require', 'require-dev'], 'composer.json');
  const declarations: DependencyDeclaration[] = entries
    .filter((e) => !PLATFORM.test(e.name) && e.name.includes('/'))
    .map((e) => ({ ecosystem: 'composer', name: e.name, purl: composerPurl(e.name), ...(e.spec !== undefined ? { versionSpec: e.spec } : {}), group: e.group, nameSpan: e.nameSpan }));
  return { declarations, problems };
}
