import { encodeUriComponentSafely } from '../../text/uri-component';
import type { DependencyDeclaration, ManifestProblem, ParsedManifest } from '../ecosystem';
import type { OffsetSpan } from '../../text/line-index';
import { flattenEntries, scanToml, strictTomlProblems, type TomlKeyPart, type TomlScan, type TomlValue } from '../../formats/toml-scanner';

/** A Cargo dependency as written, before local (path) dependencies are dropped. */
export interface CargoDependencyEntry {
  /** The key in the manifest: the name the code uses. */
  readonly key: string;
  readonly keySpan: OffsetSpan;
  /** The crate on the registry: `package = "…"` when renamed, else the key. */
  readonly packageName: string;
  readonly versionSpec?: string;
  readonly group: string;
  /** `path = "…"`: a crate of the workspace itself. */
  readonly path?: string;
  readonly git?: string;
  /** `foo.workspace = true`: the details live in the workspace root's `[workspace.dependencies]`. */
  readonly inheritsWorkspace: boolean;
}

/** A declaration carrying what the resolver needs from the manifest beyond the common fields. */
export interface CargoDependencyDeclaration extends DependencyDeclaration {
  readonly ecosystem: 'cargo';
  /** The key as written; differs from `name` when the dependency is renamed. */
  readonly key: string;
  readonly inheritsWorkspace: boolean;
}

export interface CargoManifestScan {
  readonly packageName?: string;
  readonly isWorkspaceRoot: boolean;
  readonly dependencies: readonly CargoDependencyEntry[];
  readonly problems: readonly ManifestProblem[];
}

const DEPENDENCY_TABLES: Readonly<Record<string, string>> = {
  dependencies: 'dependencies',
  'dev-dependencies': 'dev-dependencies',
  dev_dependencies: 'dev-dependencies',
  'build-dependencies': 'build-dependencies',
  build_dependencies: 'build-dependencies',
};

/**
 * How many leading key parts name a dependency table, and the group it reports: `[dependencies]`,
 * `[target.'cfg(unix)'.dev-dependencies]`, `[workspace.dependencies]`.
 */
function dependencyTablePrefix(path: readonly TomlKeyPart[]): { length: number; group: string } | undefined {
  const first = path[0]?.text;
  if (first !== undefined && DEPENDENCY_TABLES[first]) return { length: 1, group: DEPENDENCY_TABLES[first] };
  if (first === 'target' && path.length >= 3 && DEPENDENCY_TABLES[path[2].text]) {
    return { length: 3, group: `target.${path[1].text}.${DEPENDENCY_TABLES[path[2].text]}` };
  }
  if (first === 'workspace' && path[1]?.text === 'dependencies') return { length: 2, group: 'workspace.dependencies' };
  return undefined;
}

interface Collected {
  key: TomlKeyPart;
  group: string;
  spec?: TomlValue;
  fields: Map<string, TomlValue>;
}

/** The dependency entries of a Cargo.toml, local ones included; never throws. */
export function scanCargoManifest(text: string): CargoManifestScan {
  const scan: TomlScan = scanToml(text);
  const collected = new Map<string, Collected>();
  const collect = (group: string, key: TomlKeyPart): Collected => {
    const id = `${group}\u0000${key.text}`;
    let entry = collected.get(id);
    if (!entry) {
      entry = { key, group, fields: new Map() };
      collected.set(id, entry);
    }
    return entry;
  };
  let packageName: string | undefined;
  let isWorkspaceRoot = false;

  // `[dependencies.serde]` headers declare a dependency even before any field is typed under them.
  for (const table of scan.tables) {
    if (table.header[0]?.text === 'workspace') isWorkspaceRoot = true;
    const prefix = dependencyTablePrefix(table.header);
    if (prefix && table.header.length === prefix.length + 1) collect(prefix.group, table.header[prefix.length]);
  }
  for (const { path, value } of flattenEntries(scan)) {
    if (path.length === 2 && path[0].text === 'package' && path[1].text === 'name' && value.kind === 'string') packageName = value.value;
    if (path[0]?.text === 'workspace') isWorkspaceRoot = true;
    const prefix = dependencyTablePrefix(path);
    if (!prefix || path.length <= prefix.length) continue;
    const entry = collect(prefix.group, path[prefix.length]);
    const rest = path.slice(prefix.length + 1);
    if (rest.length === 0) entry.spec = value;
    else if (rest.length === 1) entry.fields.set(rest[0].text, value);
  }

  const dependencies: CargoDependencyEntry[] = [];
  for (const entry of collected.values()) {
    const fields = new Map(entry.fields);
    let versionSpec: string | undefined;
    if (entry.spec?.kind === 'string') versionSpec = entry.spec.value;
    else if (entry.spec?.kind === 'inline-table') for (const e of entry.spec.entries) if (e.key.length === 1) fields.set(e.key[0].text, e.value);
    const str = (name: string): string | undefined => {
      const v = fields.get(name);
      return v?.kind === 'string' ? v.value : undefined;
    };
    versionSpec ??= str('version');
    const workspace = fields.get('workspace');
    dependencies.push({
      key: entry.key.text,
      keySpan: entry.key.span,
      packageName: str('package') ?? entry.key.text,
      versionSpec,
      group: entry.group,
      path: str('path'),
      git: str('git'),
      inheritsWorkspace: workspace?.kind === 'scalar' && workspace.raw === 'true',
    });
  }
  dependencies.sort((a, b) => a.keySpan.start - b.keySpan.start);
  return { packageName, isWorkspaceRoot, dependencies, problems: [...scan.problems, ...strictTomlProblems(text, scan)] };
}

export function cargoPurl(crateName: string): string {
  return `pkg:cargo/${encodeUriComponentSafely(crateName)}`;
}

/**
 * Declarations of a Cargo.toml. Path dependencies are the workspace's own crates and are left out; an
 * inherited dependency (`foo.workspace = true`) is declared under its key, and the resolver reads the rest
 * from the workspace root.
 */
export function parseCargoManifest(text: string): ParsedManifest {
  try {
    const scan = scanCargoManifest(text);
    const declarations: CargoDependencyDeclaration[] = scan.dependencies
      .filter((d) => d.path === undefined)
      .map((d) => ({
        ecosystem: 'cargo',
        name: d.packageName,
        purl: cargoPurl(d.packageName),
        versionSpec: d.versionSpec,
        group: d.group,
        nameSpan: d.keySpan,
        key: d.key,
        inheritsWorkspace: d.inheritsWorkspace,
      }));
    return { declarations, problems: scan.problems };
  } catch (error) {
    return { declarations: [], problems: [{ message: `could not read Cargo.toml: ${(error as Error).message}`, span: { start: 0, end: 0 } }] };
  }
}
