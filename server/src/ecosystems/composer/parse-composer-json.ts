import { encodeUriComponentSafely } from '../../text/uri-component';
import type { DependencyDeclaration, ParsedManifest } from '../ecosystem';
import { readJsonDependencySections } from '../json-dependency-sections';

/** Requirements on the platform rather than on packages: PHP itself, its extensions, system libraries, Composer's APIs. */
const PLATFORM = /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin|-runtime)?-api|composer)$/i;

/** `pkg:composer/<vendor>/<name>`; Composer names are case-insensitive and purls spell them in lower case. */
export function composerPurl(name: string): string {
  const [vendor, pkg] = name.toLowerCase().split('/');
  return pkg ? `pkg:composer/${encodeUriComponentSafely(vendor)}/${encodeUriComponentSafely(pkg)}` : `pkg:composer/${encodeUriComponentSafely(vendor)}`;
}

/**
 * `require` and `require-dev` of a composer.json as the editor holds it, each on the package name inside its
 * quotes. Platform requirements are skipped, as is a key that is not yet a `vendor/name` (still being typed).
 */
export function parseComposerJson(text: string): ParsedManifest {
  const { entries, problems } = readJsonDependencySections(text, ['require', 'require-dev'], 'composer.json');
  const declarations: DependencyDeclaration[] = entries
    .filter((e) => !PLATFORM.test(e.name) && /^[^\s/]+\/[^\s/]+$/.test(e.name))
    .map((e) => ({ ecosystem: 'composer', name: e.name, purl: composerPurl(e.name), ...(e.spec !== undefined ? { versionSpec: e.spec } : {}), group: e.group, nameSpan: e.nameSpan }));
  return { declarations, problems };
}
