import { parseStrictToml } from '../../formats/strict-toml';
import { normalizePythonName } from './python-names';

/** An edge of a lock's graph: a dependency on a package, with the extras it asks of it. */
export interface LockedEdge {
  readonly name: string;
  readonly extras: readonly string[];
}

export interface LockedDistribution {
  /** Normalised (PEP 503). */
  readonly name: string;
  readonly version: string;
  readonly dependencies: readonly LockedEdge[];
  /** Dependencies that only an extra brings in, by extra. */
  readonly optional: ReadonlyMap<string, readonly LockedEdge[]>;
}

export interface PythonLock {
  readonly kind: 'poetry' | 'uv' | 'pipenv';
  readonly path: string;
  /** False for Pipfile.lock, which pins versions but records no graph. */
  readonly hasGraph: boolean;
  readonly packages: ReadonlyMap<string, readonly LockedDistribution[]>;
}

function index(distributions: LockedDistribution[]): Map<string, LockedDistribution[]> {
  const map = new Map<string, LockedDistribution[]>();
  for (const d of distributions) {
    const list = map.get(d.name);
    if (list) list.push(d);
    else map.set(d.name, [d]);
  }
  return map;
}

const record = (value: unknown): Record<string, unknown> | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `name (>=1.0)` or `name[extra] >=1` as Poetry writes extras' members. */
function edgeFromSpecifier(specifier: string): LockedEdge | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?/.exec(specifier);
  return match ? { name: normalizePythonName(match[1]), extras: (match[2] ?? '').split(',').map((e) => e.trim()).filter(Boolean) } : undefined;
}

/**
 * poetry.lock: `[[package]]` with `[package.dependencies]` (`name = "spec"` or `{ version, optional, extras }`)
 * and `[package.extras]` listing which optional dependencies each extra enables.
 */
export function readPoetryLock(text: string, path: string): PythonLock | undefined {
  const parsed = parseStrictToml(text);
  if (!parsed.ok || !Array.isArray(parsed.value.package)) return undefined;
  const distributions: LockedDistribution[] = [];
  for (const raw of parsed.value.package) {
    const entry = record(raw);
    if (!entry || typeof entry.name !== 'string' || typeof entry.version !== 'string') continue;
    const dependencies: LockedEdge[] = [];
    for (const [name, spec] of Object.entries(record(entry.dependencies) ?? {})) {
      const specs = Array.isArray(spec) ? spec : [spec];
      // An optional dependency only comes with one of the package's extras.
      if (specs.every((s) => record(s)?.optional === true)) continue;
      dependencies.push({ name: normalizePythonName(name), extras: [...new Set(specs.flatMap((s) => strings(record(s)?.extras)))] });
    }
    const optional = new Map<string, LockedEdge[]>();
    for (const [extra, members] of Object.entries(record(entry.extras) ?? {})) {
      optional.set(extra, strings(members).map(edgeFromSpecifier).filter((e): e is LockedEdge => e !== undefined));
    }
    distributions.push({ name: normalizePythonName(entry.name), version: entry.version, dependencies, optional });
  }
  return { kind: 'poetry', path, hasGraph: true, packages: index(distributions) };
}

function uvEdges(value: unknown): LockedEdge[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    const edge = record(raw);
    return edge && typeof edge.name === 'string' ? [{ name: normalizePythonName(edge.name), extras: strings(edge.extra) }] : [];
  });
}

/** uv.lock: `[[package]]` with `dependencies = [{ name, extra? }]` and `[package.optional-dependencies]`. */
export function readUvLock(text: string, path: string): PythonLock | undefined {
  const parsed = parseStrictToml(text);
  if (!parsed.ok || !Array.isArray(parsed.value.package)) return undefined;
  const distributions: LockedDistribution[] = [];
  for (const raw of parsed.value.package) {
    const entry = record(raw);
    // The project itself (a virtual or editable source) has no version of its own to report.
    if (!entry || typeof entry.name !== 'string') continue;
    const optional = new Map<string, LockedEdge[]>();
    for (const [extra, edges] of Object.entries(record(entry['optional-dependencies']) ?? {})) optional.set(extra, uvEdges(edges));
    distributions.push({ name: normalizePythonName(entry.name), version: typeof entry.version === 'string' ? entry.version : '', dependencies: uvEdges(entry.dependencies), optional });
  }
  return { kind: 'uv', path, hasGraph: true, packages: index(distributions) };
}

/** Pipfile.lock (JSON): `default` and `develop` map names to `{ "version": "==1.2.3" }`; no graph. */
export function readPipfileLock(text: string, path: string): PythonLock | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const root = record(parsed);
  if (!root) return undefined;
  const distributions: LockedDistribution[] = [];
  for (const section of ['default', 'develop']) {
    for (const [name, raw] of Object.entries(record(root[section]) ?? {})) {
      const version = record(raw)?.version;
      if (typeof version !== 'string') continue;
      distributions.push({ name: normalizePythonName(name), version: version.replace(/^===?/, ''), dependencies: [], optional: new Map() });
    }
  }
  return { kind: 'pipenv', path, hasGraph: false, packages: index(distributions) };
}
