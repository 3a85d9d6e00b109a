import type { DependencyDeclaration, ParsedManifest } from '../ecosystem';
import { effectiveProperties, interpolate } from './pom-interpolation';
import { readPom, type PomDependency } from './pom-model';

/** A pom.xml declaration, with the artifacts it excludes from its own dependencies (`groupId:artifactId`, `*` allowed). */
export interface MavenDependencyDeclaration extends DependencyDeclaration {
  readonly exclusions: readonly string[];
}

export const mavenPurl = (groupId: string, artifactId: string): string => `pkg:maven/${groupId}/${artifactId}`;

/**
 * Declarations of a pom.xml: its `<dependencies>` (scope as the group) and the `import`-scoped BOMs of its
 * `<dependencyManagement>`, each on its `<artifactId>` text. Versions come from the element, else from the
 * POM's own dependencyManagement, with `${…}` filled from its properties; a version that needs a parent POM's
 * properties stays as written, for the resolver to complete.
 */
export function parsePom(text: string): ParsedManifest {
  const pom = readPom(text);
  const props = effectiveProperties([pom]);
  const coordinate = (value: string) => interpolate(value, props) ?? value;
  const key = (d: PomDependency) => `${coordinate(d.groupId)}:${coordinate(d.artifactId)}`;
  const managed = new Map<string, string>();
  for (const d of pom.managed) if (d.version && !managed.has(key(d))) managed.set(key(d), d.version);
  const declare = (dep: PomDependency, version: string | undefined): MavenDependencyDeclaration[] => {
    if (!dep.artifactSpan) return [];
    const groupId = coordinate(dep.groupId);
    const artifactId = coordinate(dep.artifactId);
    const versionSpec = version === undefined ? undefined : interpolate(version, props) ?? version;
    return [
      {
        ecosystem: 'maven',
        name: `${groupId}:${artifactId}`,
        purl: mavenPurl(groupId, artifactId),
        ...(versionSpec ? { versionSpec } : {}),
        group: dep.scope,
        nameSpan: dep.artifactSpan,
        exclusions: dep.exclusions.map((e) => `${e.groupId}:${e.artifactId}`),
      },
    ];
  };
  const declarations = [
    ...pom.dependencies.flatMap((d) => declare(d, d.version ?? managed.get(key(d)))),
    ...pom.managed.filter((d) => d.scope === 'import').flatMap((d) => declare(d, d.version)),
  ].sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  return { declarations, problems: pom.problems.map((p) => ({ message: `pom.xml: ${p.message}`, span: p.span })) };
}
