import { childNamed, childrenNamed, scanXml, textAt, type XmlElement } from '../xml/xml-scanner';
import type { OffsetSpan } from '../../text/line-index';

export interface PomDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version?: string;
  readonly scope: string;
  readonly optional: boolean;
  /** Where `<artifactId>` text is: the diagnostic's place. */
  readonly artifactSpan?: OffsetSpan;
}

export interface PomLicense {
  readonly name?: string;
  readonly url?: string;
}

export interface PomModel {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly parent?: { readonly groupId: string; readonly artifactId: string; readonly version: string };
  readonly properties: ReadonlyMap<string, string>;
  readonly dependencies: readonly PomDependency[];
  readonly managed: readonly PomDependency[];
  readonly licenses: readonly PomLicense[];
  readonly problems: ReadonlyArray<{ readonly message: string; readonly span: OffsetSpan }>;
}

function dependencyOf(element: XmlElement): PomDependency | undefined {
  const groupId = textAt(element, 'groupId');
  const artifact = childNamed(element, 'artifactId');
  if (!groupId || !artifact?.text) return undefined;
  const version = textAt(element, 'version');
  return {
    groupId,
    artifactId: artifact.text,
    ...(version ? { version } : {}),
    scope: textAt(element, 'scope') ?? 'compile',
    optional: textAt(element, 'optional') === 'true',
    ...(artifact.textSpan ? { artifactSpan: artifact.textSpan } : {}),
  };
}

/** The parts of a POM that matter for dependencies and licenses, read tolerantly. */
export function readPom(text: string): PomModel {
  const { root, problems } = scanXml(text);
  const project = root?.name === 'project' ? root : undefined;
  const parentElement = childNamed(project, 'parent');
  const parent =
    textAt(parentElement, 'groupId') && textAt(parentElement, 'artifactId') && textAt(parentElement, 'version')
      ? { groupId: textAt(parentElement, 'groupId')!, artifactId: textAt(parentElement, 'artifactId')!, version: textAt(parentElement, 'version')! }
      : undefined;
  const properties = new Map<string, string>();
  for (const property of childNamed(project, 'properties')?.children ?? []) properties.set(property.name, property.text);
  const depsOf = (container: XmlElement | undefined) =>
    childrenNamed(childNamed(container, 'dependencies'), 'dependency').flatMap((d) => {
      const dep = dependencyOf(d);
      return dep ? [dep] : [];
    });
  const groupId = textAt(project, 'groupId') ?? parent?.groupId;
  const version = textAt(project, 'version') ?? parent?.version;
  const artifactId = textAt(project, 'artifactId');
  return {
    ...(groupId ? { groupId } : {}),
    ...(artifactId ? { artifactId } : {}),
    ...(version ? { version } : {}),
    ...(parent ? { parent } : {}),
    properties,
    dependencies: depsOf(project),
    managed: depsOf(childNamed(project, 'dependencyManagement')),
    licenses: childrenNamed(childNamed(project, 'licenses'), 'license').map((l) => ({
      ...(textAt(l, 'name') ? { name: textAt(l, 'name') } : {}),
      ...(textAt(l, 'url') ? { url: textAt(l, 'url') } : {}),
    })),
    problems: root && !project ? [...problems, { message: 'the root element of a POM must be <project>', span: { start: root.start, end: root.end } }] : problems,
  };
}

/** Replaces `${name}` from the properties (and `project.version`, `project.groupId`), a few levels deep. */
export function interpolate(value: string | undefined, properties: ReadonlyMap<string, string>): string | undefined {
  if (value === undefined) return undefined;
  let out = value;
  for (let depth = 0; depth < 5 && out.includes('${'); depth++) {
    out = out.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
  }
  return out.includes('${') ? undefined : out;
}

/** Properties as a POM sees them, its own over its parents', plus the project coordinates. */
export function effectiveProperties(chain: readonly PomModel[]): Map<string, string> {
  const props = new Map<string, string>();
  for (const pom of [...chain].reverse()) for (const [k, v] of pom.properties) props.set(k, v);
  const self = chain[0];
  if (self?.version) {
    props.set('project.version', self.version);
    props.set('pom.version', self.version);
    props.set('version', self.version);
  }
  if (self?.groupId) props.set('project.groupId', self.groupId);
  if (self?.parent?.version) props.set('project.parent.version', self.parent.version);
  return props;
}
