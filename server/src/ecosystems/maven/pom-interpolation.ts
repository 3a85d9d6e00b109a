import type { PomModel } from './pom-model';

/** Nested references (`${a}` whose value is `${b}`) are followed this many times, which also stops cycles. */
const MAX_EXPANSIONS = 8;

/**
 * Replaces `${name}` references from the properties. Undefined when a reference stays unresolved: a version
 * such as `${revision}` set on the command line is not knowable offline and must not be guessed.
 */
export function interpolate(value: string | undefined, properties: ReadonlyMap<string, string>): string | undefined {
  if (value === undefined) return undefined;
  let out = value;
  for (let depth = 0; depth < MAX_EXPANSIONS && out.includes('${'); depth++) {
    out = out.replace(/\$\{([^}]*)\}/g, (whole, name: string) => properties.get(name.trim()) ?? whole);
  }
  return out.includes('${') ? undefined : out;
}

/**
 * Properties as a POM sees them: its own over its parents' (nearest first in `chain`), plus the project's
 * coordinates under the names Maven gives them (`project.version`, the deprecated `pom.version` and `version`).
 */
export function effectiveProperties(chain: readonly PomModel[]): Map<string, string> {
  const props = new Map<string, string>();
  for (const pom of [...chain].reverse()) for (const [k, v] of pom.properties) props.set(k, v);
  const self = chain[0];
  if (self?.version) for (const key of ['project.version', 'pom.version', 'version']) props.set(key, self.version);
  if (self?.groupId) for (const key of ['project.groupId', 'pom.groupId', 'groupId']) props.set(key, self.groupId);
  if (self?.artifactId) props.set('project.artifactId', self.artifactId);
  if (self?.parent) {
    props.set('project.parent.version', self.parent.version);
    props.set('project.parent.groupId', self.parent.groupId);
  }
  return props;
}
