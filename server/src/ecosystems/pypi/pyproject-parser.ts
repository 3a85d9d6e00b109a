import type { ManifestProblem, ParsedManifest } from '../ecosystem';
import { flattenEntries, scanToml, strictTomlProblems, type TomlKeyPart, type TomlScan, type TomlValue } from '../../formats/toml-scanner';
import { parsePep508 } from './pep508-requirement';
import { pypiDeclaration, type PypiDependencyDeclaration } from './pypi-declaration';

export interface PythonTomlManifest extends ParsedManifest {
  readonly declarations: readonly PypiDependencyDeclaration[];
  /** Which tool the manifest is written for, to pick the matching lock file. */
  readonly tool: 'poetry' | 'uv' | 'pipenv' | 'pep621';
}

const text = (parts: readonly TomlKeyPart[]) => parts.map((p) => p.text);
const startsWith = (parts: readonly string[], prefix: readonly string[]) => prefix.every((p, i) => parts[i] === p);

/** Declarations from an array of PEP 508 strings (`[project] dependencies`, optional dependencies, groups). */
function fromSpecifierArray(value: TomlValue, group: string, out: PypiDependencyDeclaration[], problems: ManifestProblem[]): void {
  if (value.kind !== 'array') return;
  for (const item of value.items) {
    // `{ include-group = "test" }` in dependency groups names no package.
    if (item.kind !== 'string') continue;
    const parsed = parsePep508(item.value);
    if (!parsed.ok) {
      problems.push({ message: `not a requirement: ${parsed.error}`, span: item.span });
      continue;
    }
    if (parsed.warning) problems.push({ message: parsed.warning, span: item.span });
    const r = parsed.requirement;
    // Escapes in the string shift offsets; then the whole string is the best place for the diagnostic.
    const nameSpan = item.verbatim ? { start: item.contentSpan.start + r.nameStart, end: item.contentSpan.start + r.nameEnd } : item.contentSpan;
    out.push(pypiDeclaration(r.name, nameSpan, group, r.versionSpec ?? (r.url ? `@ ${r.url}` : undefined), r.extras));
  }
}

interface TableDependency {
  key: TomlKeyPart;
  spec?: TomlValue;
  fields: Map<string, TomlValue>;
}

/**
 * Dependencies written as `name = spec` under a table (Poetry, Pipfile), including the `[table.name]` form.
 * Returns them by the table prefix they were found under.
 */
function tableDependencies(scan: TomlScan, isTable: (path: readonly string[]) => string | undefined, prefixLength: (path: readonly string[]) => number): Map<string, TableDependency[]> {
  const byGroup = new Map<string, Map<string, TableDependency>>();
  const collect = (group: string, key: TomlKeyPart): TableDependency => {
    let table = byGroup.get(group);
    if (!table) byGroup.set(group, (table = new Map<string, TableDependency>()));
    let entry = table.get(key.text);
    if (!entry) table.set(key.text, (entry = { key, fields: new Map() }));
    return entry;
  };
  for (const table of scan.tables) {
    const names = text(table.header);
    const group = isTable(names);
    if (group !== undefined && names.length === prefixLength(names) + 1) collect(group, table.header[names.length - 1]);
  }
  for (const { path, value } of flattenEntries(scan)) {
    const names = text(path);
    const group = isTable(names);
    if (group === undefined) continue;
    const length = prefixLength(names);
    if (path.length <= length) continue;
    const entry = collect(group, path[length]);
    if (path.length === length + 1) entry.spec = value;
    else if (path.length === length + 2) entry.fields.set(path[length + 1].text, value);
  }
  return new Map([...byGroup].map(([group, table]) => [group, [...table.values()]]));
}

/** Reads `name = "^1.2"` / `name = { version = "…", extras = […] }` / `name = [ {…}, {…} ]` entries. */
function fromTableDependency(dep: TableDependency, group: string): PypiDependencyDeclaration | undefined {
  // An empty key (`"" = "*"`, or one being typed) names no package.
  if (dep.key.text.trim() === '' || dep.key.span.end <= dep.key.span.start) return undefined;
  let fields = dep.fields;
  let versionSpec: string | undefined;
  const spec = dep.spec?.kind === 'array' ? dep.spec.items.find((i) => i.kind === 'inline-table') : dep.spec;
  if (spec?.kind === 'string') versionSpec = spec.value;
  if (spec?.kind === 'inline-table') {
    fields = new Map(fields);
    for (const e of spec.entries) if (e.key.length === 1) fields.set(e.key[0].text, e.value);
  }
  // Local paths are the workspace's own code, not a dependency to approve.
  if (fields.has('path')) return undefined;
  const version = fields.get('version');
  if (version?.kind === 'string') versionSpec = version.value;
  const extrasValue = fields.get('extras');
  const extras = extrasValue?.kind === 'array' ? extrasValue.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
  return pypiDeclaration(dep.key.text, dep.key.span, group, versionSpec, extras);
}

/**
 * pyproject.toml: PEP 621 `[project]` dependencies and optional dependencies, PEP 735 `[dependency-groups]`,
 * Poetry's `[tool.poetry.dependencies]`, groups and legacy `dev-dependencies`, and uv's legacy
 * `[tool.uv] dev-dependencies`.
 */
export function parsePyproject(source: string): PythonTomlManifest {
  try {
    const scan = scanToml(source);
    const declarations: PypiDependencyDeclaration[] = [];
    const problems: ManifestProblem[] = [...scan.problems];
    let usesPoetry = false;
    let usesUv = false;
    for (const { path, value } of flattenEntries(scan)) {
      const names = text(path);
      if (startsWith(names, ['tool', 'poetry'])) usesPoetry = true;
      if (startsWith(names, ['tool', 'uv'])) usesUv = true;
      if (names.length === 2 && startsWith(names, ['project', 'dependencies'])) fromSpecifierArray(value, 'project.dependencies', declarations, problems);
      else if (names.length === 3 && startsWith(names, ['project', 'optional-dependencies'])) fromSpecifierArray(value, `project.optional-dependencies.${names[2]}`, declarations, problems);
      else if (names.length === 2 && names[0] === 'dependency-groups') fromSpecifierArray(value, `dependency-groups.${names[1]}`, declarations, problems);
      else if (names.length === 3 && startsWith(names, ['tool', 'uv', 'dev-dependencies'])) fromSpecifierArray(value, 'tool.uv.dev-dependencies', declarations, problems);
    }
    for (const table of scan.tables) if (startsWith(text(table.header), ['tool', 'poetry'])) usesPoetry = true;

    const poetryGroup = (names: readonly string[]): string | undefined => {
      if (startsWith(names, ['tool', 'poetry', 'dependencies'])) return 'tool.poetry.dependencies';
      if (startsWith(names, ['tool', 'poetry', 'dev-dependencies'])) return 'tool.poetry.dev-dependencies';
      if (startsWith(names, ['tool', 'poetry', 'group']) && names.length >= 5 && names[4] === 'dependencies') return `tool.poetry.group.${names[3]}`;
      return undefined;
    };
    const poetryPrefix = (names: readonly string[]) => (names[2] === 'group' ? 5 : 3);
    for (const [group, deps] of tableDependencies(scan, poetryGroup, poetryPrefix)) {
      for (const dep of deps) {
        // `python` states the supported interpreter, not a package.
        if (group === 'tool.poetry.dependencies' && dep.key.text.toLowerCase() === 'python') continue;
        const declaration = fromTableDependency(dep, group);
        if (declaration) declarations.push(declaration);
      }
    }
    problems.push(...strictTomlProblems(source, scan));
    declarations.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
    return { declarations, problems, tool: usesPoetry ? 'poetry' : usesUv ? 'uv' : 'pep621' };
  } catch (error) {
    return { declarations: [], problems: [{ message: `could not read pyproject.toml: ${(error as Error).message}`, span: { start: 0, end: 0 } }], tool: 'pep621' };
  }
}

/** Pipfile: `[packages]` and `[dev-packages]` (https://pipenv.pypa.io/en/latest/pipfile.html). */
export function parsePipfile(source: string): PythonTomlManifest {
  try {
    const scan = scanToml(source);
    const declarations: PypiDependencyDeclaration[] = [];
    const group = (names: readonly string[]) => (names[0] === 'packages' || names[0] === 'dev-packages' ? names[0] : undefined);
    for (const [name, deps] of tableDependencies(scan, group, () => 1)) {
      for (const dep of deps) {
        const declaration = fromTableDependency(dep, name);
        if (declaration) declarations.push(declaration);
      }
    }
    declarations.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
    return { declarations, problems: [...scan.problems, ...strictTomlProblems(source, scan)], tool: 'pipenv' };
  } catch (error) {
    return { declarations: [], problems: [{ message: `could not read the Pipfile: ${(error as Error).message}`, span: { start: 0, end: 0 } }], tool: 'pipenv' };
  }
}
