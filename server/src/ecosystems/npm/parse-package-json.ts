import type { DependencyDeclaration, ParsedManifest } from '../ecosystem';
import { readJsonDependencySections, type JsonDependencyEntry } from '../json-dependency-sections';
import { npmPurl } from './npm-purl';

/** The dependency sections npm installs from; `bundleDependencies` only lists names already declared. */
export const NPM_DEPENDENCY_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Specs that point at code in the workspace or on disk, not at a published package. */
const LOCAL_SPEC = /^(file|link|workspace|portal):/;

/** Reads a package.json as the editor holds it; a half-typed file still yields every dependency that parsed. */
export function parsePackageJson(text: string): ParsedManifest {
  const { entries, problems } = readJsonDependencySections(text, NPM_DEPENDENCY_GROUPS, 'package.json');
  const declarations = entries.flatMap((entry) => {
    const declaration = toDeclaration(entry);
    return declaration ? [declaration] : [];
  });
  return { declarations, problems };
}

function toDeclaration({ group, name, spec, nameSpan }: JsonDependencyEntry): DependencyDeclaration | undefined {
  if (spec !== undefined && LOCAL_SPEC.test(spec)) return undefined;
  // `"alias": "npm:real@^1"` installs `real` under the alias's folder.
  const alias = spec !== undefined ? /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec) : null;
  const realName = alias ? alias[1] : name;
  const versionSpec = alias ? alias[2] : spec;
  return { ecosystem: 'npm', name, purl: npmPurl(realName), ...(versionSpec !== undefined ? { versionSpec } : {}), group, nameSpan };
}
