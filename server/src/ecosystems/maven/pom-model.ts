import { childNamed, childrenNamed, scanXml, textAt, type XmlElement, type XmlProblem } from '../../formats/xml-scanner';
import type { OffsetSpan } from '../../text/line-index';

export interface PomCoordinates {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

export interface PomExclusion {
  readonly groupId: string;
  readonly artifactId: string;
}

/** A `<dependency>` as written: values may still hold `${property}` references. */
export interface PomDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version?: string;
  /** `compile` when absent, as Maven defaults it. */
  readonly scope: string;
  readonly type?: string;
  readonly optional: boolean;
  readonly exclusions: readonly PomExclusion[];
  /** The `<artifactId>` text: the diagnostic's place. */
  readonly artifactSpan?: OffsetSpan;
}

export interface PomLicense {
  readonly name?: string;
  readonly url?: string;
}

export interface PomModel {
  /** The project's own coordinates, group and version inherited from `<parent>` when not given. */
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly parent?: PomCoordinates & { readonly relativePath?: string };
  readonly properties: ReadonlyMap<string, string>;
  readonly dependencies: readonly PomDependency[];
  /** `<dependencyManagement>` entries, including `import`-scoped BOMs. */
  readonly managed: readonly PomDependency[];
  readonly licenses: readonly PomLicense[];
  readonly problems: readonly XmlProblem[];
}

function dependencyOf(element: XmlElement): PomDependency | undefined {
  const groupId = textAt(element, 'groupId');
  const artifact = childNamed(element, 'artifactId');
  // An <artifactId> without its end tag is still being typed: judging a half name would only mislead.
  if (!groupId || !artifact?.text || !artifact.closed) return undefined;
  const version = textAt(element, 'version');
  const type = textAt(element, 'type');
  const exclusions = childrenNamed(childNamed(element, 'exclusions'), 'exclusion').flatMap((e) => {
    const g = textAt(e, 'groupId');
    const a = textAt(e, 'artifactId');
    return g && a ? [{ groupId: g, artifactId: a }] : [];
  });
  return {
    groupId,
    artifactId: artifact.text,
    ...(version ? { version } : {}),
    scope: textAt(element, 'scope') ?? 'compile',
    ...(type ? { type } : {}),
    optional: textAt(element, 'optional') === 'true',
    exclusions,
    ...(artifact.textSpan ? { artifactSpan: artifact.textSpan } : {}),
  };
}

function dependenciesIn(container: XmlElement | undefined): PomDependency[] {
  return childrenNamed(childNamed(container, 'dependencies'), 'dependency').flatMap((d) => dependencyOf(d) ?? []);
}

/**
 * The parts of a POM that matter for dependencies and licenses, read tolerantly. Only the project's own
 * `<dependencies>` count: those under `<build><plugins>` are the build's tools, not the product's.
 */
export function readPom(text: string): PomModel {
  const { root, problems } = scanXml(text);
  const project = root?.name === 'project' ? root : undefined;
  const parentElement = childNamed(project, 'parent');
  const parentGroup = textAt(parentElement, 'groupId');
  const parentArtifact = textAt(parentElement, 'artifactId');
  const parentVersion = textAt(parentElement, 'version');
  // An empty <relativePath/> means "do not look in the workspace" (Maven's documented switch).
  const relativeElement = childNamed(parentElement, 'relativePath');
  const parent =
    parentGroup && parentArtifact && parentVersion
      ? { groupId: parentGroup, artifactId: parentArtifact, version: parentVersion, ...(relativeElement ? { relativePath: relativeElement.text } : {}) }
      : undefined;
  const properties = new Map<string, string>();
  for (const property of childNamed(project, 'properties')?.children ?? []) properties.set(property.name, property.text);
  const groupId = textAt(project, 'groupId') ?? parent?.groupId;
  const version = textAt(project, 'version') ?? parent?.version;
  const artifactId = textAt(project, 'artifactId');
  const rootProblem = root && !project ? [{ message: 'the root element of a POM must be <project>', span: { start: root.start, end: root.end } }] : [];
  return {
    ...(groupId ? { groupId } : {}),
    ...(artifactId ? { artifactId } : {}),
    ...(version ? { version } : {}),
    ...(parent ? { parent } : {}),
    properties,
    dependencies: dependenciesIn(project),
    managed: dependenciesIn(childNamed(project, 'dependencyManagement')),
    licenses: childrenNamed(childNamed(project, 'licenses'), 'license').flatMap((l) => {
      const name = textAt(l, 'name');
      const url = textAt(l, 'url');
      return name || url ? [{ ...(name ? { name } : {}), ...(url ? { url } : {}) }] : [];
    }),
    problems: [...problems, ...rootProblem],
  };
}
