import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';
import type { DependencyScope } from '../dependencies/dependency-scope';
import type { PackageRow } from '../dependencies/check-manifest';
import { formatSpdxExpression, parseSpdxExpression } from '../spdx/spdx-expression';
import { nodeCrypto } from '../io/lazy-crypto';

/** A package's license as an SBOM states it: an SPDX expression, a license named otherwise, or nothing known. */
export type SbomLicense =
  | { readonly kind: 'expression'; readonly expression: string }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'none' };

export interface SbomPackage {
  /** Versioned purl: the component's identity and its reference in the graph. */
  readonly ref: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly version?: string;
  readonly scope: DependencyScope;
  readonly license: SbomLicense;
  /** Where the license came from, as the report words it. */
  readonly licenseSource: string;
  readonly status: PackageRow['status'];
  /** The refs of the packages it depends on, sorted. */
  readonly dependsOn: readonly string[];
}

/** What both SBOM formats are built from: the audited project, every resolved package once, and the graph. */
export interface SbomInventory {
  readonly name: string;
  /** The project's direct dependencies (every manifest's), sorted. */
  readonly rootDependsOn: readonly string[];
  readonly packages: readonly SbomPackage[];
}

/** When and under which serial number a document is made: fixed when `SOURCE_DATE_EPOCH` asks for reproducible output. */
export interface DocumentStamp {
  readonly timestamp: Date;
  /** A UUID: random, or derived from the content when the timestamp is fixed. */
  readonly uuid: string;
}

/**
 * One inventory for the audited folders: packages found in several manifests are merged (runtime wins over dev,
 * every manifest's dependents are kept), and all lists are sorted so the same workspace gives the same document.
 */
export function sbomInventory(results: readonly AuditResult[]): SbomInventory {
  const packages = new Map<string, { row: PackageRow; scope: DependencyScope; dependents: Set<string> }>();
  const root = new Set<string>();
  for (const result of results) {
    for (const row of result.packages) {
      if (row.direct) root.add(row.ref);
      const known = packages.get(row.ref);
      if (!known) {
        packages.set(row.ref, { row, scope: row.scope, dependents: new Set(row.dependents) });
        continue;
      }
      if (row.scope === 'runtime') known.scope = 'runtime';
      for (const d of row.dependents) known.dependents.add(d);
      // A row with a license (or a decision that passed) says more than one without.
      if (known.row.license === undefined && row.license !== undefined) known.row = row;
    }
  }
  const dependsOn = new Map<string, Set<string>>();
  for (const [ref, { dependents }] of packages) {
    for (const parent of dependents) {
      if (!packages.has(parent)) continue;
      let children = dependsOn.get(parent);
      if (!children) dependsOn.set(parent, (children = new Set()));
      children.add(ref);
    }
  }
  const list = [...packages.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([ref, { row, scope }]): SbomPackage => ({
      ref,
      ecosystem: row.ecosystem,
      name: row.name,
      ...(row.version !== undefined ? { version: row.version } : {}),
      scope,
      license: sbomLicense(row),
      licenseSource: row.licenseSource,
      status: row.status,
      dependsOn: [...(dependsOn.get(ref) ?? [])].sort(compare),
    }));
  const first = results[0];
  return { name: first ? path.basename(first.root) : 'workspace', rootDependsOn: [...root].sort(compare), packages: list };
}

/** Code-point order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sbomLicense(row: PackageRow): SbomLicense {
  if (row.license === undefined || row.code === 'license-unknown') return { kind: 'none' };
  const parsed = parseSpdxExpression(row.license);
  return parsed.ok ? { kind: 'expression', expression: formatSpdxExpression(parsed.expression) } : { kind: 'named', name: row.license };
}

/**
 * `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) fixes the timestamp, and then
 * the UUID is derived from the content so that two runs on the same tree give byte-identical documents.
 */
export function documentStamp(content: string, env: Readonly<Record<string, string | undefined>>): DocumentStamp {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || !/^\d+$/.test(epoch.trim())) return { timestamp: new Date(), uuid: nodeCrypto().randomUUID() };
  const hex = nodeCrypto().createHash('sha256').update(content).digest('hex');
  // Shaped as a version 5 (name-based) UUID with the RFC 4122 variant.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { timestamp: new Date(Number(epoch.trim()) * 1000), uuid };
}
