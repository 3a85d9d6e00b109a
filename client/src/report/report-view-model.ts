import * as path from 'node:path';
import type { Severity } from '../../../server/src/findings/finding';
import type { AuditReport } from '../../../server/src/protocol/ospo-protocol';

/** What the person narrowed the report to; the page's controls send it, the view model applies it. */
export interface ReportFilter {
  /** Hide allowed and approved packages. */
  readonly problemsOnly: boolean;
  /** A rule code, e.g. `license-denied`. */
  readonly rule?: string;
  /** A purl type, e.g. `npm`. */
  readonly ecosystem?: string;
}

export const NO_FILTER: ReportFilter = { problemsOnly: false };

/** One dependency row: every field the page shows, plus where the row leads. */
export interface DependencyRow {
  readonly root: string;
  /** The folder's name, unique within the workspace; shown on every row when there is more than one folder. */
  readonly folder: string;
  readonly name: string;
  readonly purl: string;
  readonly ecosystem: string;
  readonly version: string;
  readonly license: string;
  readonly licenseSource: string;
  readonly status: 'allowed' | 'approved' | 'problem';
  readonly code?: string;
  readonly severity?: Severity;
  readonly manifest: string;
  readonly line: number;
  /** A request is pending for this package: the row offers Approve and Reject. */
  readonly pendingApproval: boolean;
}

/** One finding that is not a dependency's (headers, license texts, policy, manifests). */
export interface FindingRow {
  readonly root: string;
  readonly folder: string;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly ecosystem?: string;
}

export interface ReportView {
  readonly multiRoot: boolean;
  /** Every severity, over all findings, whatever the filter. */
  readonly counts: { readonly error: number; readonly warning: number; readonly information: number; readonly total: number };
  readonly packageCount: number;
  readonly dependencies: readonly DependencyRow[];
  readonly headerFindings: readonly FindingRow[];
  readonly otherFindings: readonly FindingRow[];
  /** The choices the filter offers: the rules and ecosystems that occur in this audit. */
  readonly rules: readonly string[];
  readonly ecosystems: readonly string[];
  readonly filter: ReportFilter;
  readonly restricted: boolean;
  readonly notLoaded: ReadonlyArray<{ readonly folder: string; readonly parts: readonly string[] }>;
}

/** Findings about a dependency: they show in the dependency table, not in the lists below it. */
const DEPENDENCY_CODES = /^(license-(denied|needs-approval|unknown)|package-denied|approval-(pending|rejected))$/;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/** Errors first, then warnings, information, and packages that pass. */
function severityOrder(severity: Severity | undefined): number {
  return severity === undefined ? 3 : SEVERITY_ORDER[severity];
}

/**
 * A name per folder that tells them apart: the base name, or as many trailing path segments as it takes when two
 * folders share a base name (`a/lib`, `b/lib`).
 */
export function folderNames(roots: readonly string[]): Map<string, string> {
  const segments = roots.map((root) => root.split(/[\\/]+/).filter(Boolean));
  const names = new Map<string, string>();
  roots.forEach((root, i) => {
    let depth = 1;
    const nameAt = (parts: string[], d: number) => parts.slice(-d).join('/') || root;
    while (depth < segments[i].length && segments.some((other, j) => j !== i && nameAt(other, depth) === nameAt(segments[i], depth))) depth++;
    names.set(root, nameAt(segments[i], depth));
  });
  return names;
}

function compareRows(a: { severity?: Severity; folder: string; file: string; line: number; label: string }, b: typeof a): number {
  return (
    severityOrder(a.severity) - severityOrder(b.severity) ||
    a.folder.localeCompare(b.folder) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.label.localeCompare(b.label)
  );
}

/** The report as the page shows it: rows named by folder, filtered, and sorted so errors come first. */
export function buildReportView(data: AuditReport, filter: ReportFilter = NO_FILTER): ReportView {
  const names = folderNames(data.folders.map((f) => f.root));
  const counts = { error: 0, warning: 0, information: 0, total: 0 };
  const rules = new Set<string>();
  const ecosystems = new Set<string>();
  const dependencies: DependencyRow[] = [];
  const headerFindings: FindingRow[] = [];
  const otherFindings: FindingRow[] = [];
  let packageCount = 0;

  for (const folder of data.folders) {
    const name = names.get(folder.root) ?? path.basename(folder.root);
    for (const finding of folder.findings) {
      counts[finding.severity]++;
      counts.total++;
      rules.add(finding.code);
      if (DEPENDENCY_CODES.test(finding.code)) continue;
      const ecosystem = finding.dependency?.ecosystem;
      if (filter.rule !== undefined && finding.code !== filter.rule) continue;
      if (filter.ecosystem !== undefined && ecosystem !== filter.ecosystem) continue;
      const row: FindingRow = { root: folder.root, folder: name, code: finding.code, severity: finding.severity, message: finding.message, file: finding.file, line: finding.line, ...(ecosystem ? { ecosystem } : {}) };
      (finding.code.startsWith('header-') ? headerFindings : otherFindings).push(row);
    }
    for (const p of folder.packages) {
      packageCount++;
      ecosystems.add(p.ecosystem);
      if (p.code) rules.add(p.code);
      if (filter.problemsOnly && p.status !== 'problem') continue;
      if (filter.rule !== undefined && p.code !== filter.rule) continue;
      if (filter.ecosystem !== undefined && p.ecosystem !== filter.ecosystem) continue;
      dependencies.push({
        root: folder.root,
        folder: name,
        name: p.direct || p.via.length < 2 ? p.name : `${p.name} (via ${p.via.slice(0, -1).join(' > ')})`,
        purl: p.purl,
        ecosystem: p.ecosystem,
        version: p.version ?? '',
        license: p.license ?? 'unknown',
        licenseSource: p.licenseSource,
        status: p.status,
        ...(p.code ? { code: p.code } : {}),
        ...(p.status === 'problem' ? { severity: p.severity ?? 'error' } : {}),
        manifest: p.manifest,
        line: p.line,
        pendingApproval: p.code === 'approval-pending',
      });
    }
  }
  const byRow = (r: DependencyRow) => ({ severity: r.severity, folder: r.folder, file: r.manifest, line: r.line, label: r.name });
  const byFinding = (r: FindingRow) => ({ severity: r.severity, folder: r.folder, file: r.file, line: r.line, label: r.message });
  return {
    multiRoot: data.folders.length > 1,
    counts,
    packageCount,
    dependencies: dependencies.sort((a, b) => compareRows(byRow(a), byRow(b))),
    headerFindings: headerFindings.sort((a, b) => compareRows(byFinding(a), byFinding(b))),
    otherFindings: otherFindings.sort((a, b) => compareRows(byFinding(a), byFinding(b))),
    rules: [...rules].sort(),
    ecosystems: [...ecosystems].sort(),
    filter,
    restricted: data.restricted,
    notLoaded: data.folders.filter((f) => f.notLoaded.length).map((f) => ({ folder: names.get(f.root) ?? f.root, parts: f.notLoaded })),
  };
}

/** The filter the page sent, checked: the page's messages are not trusted input. */
export function readReportFilter(value: unknown): ReportFilter {
  if (typeof value !== 'object' || value === null) return NO_FILTER;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);
  const rule = text(v.rule);
  const ecosystem = text(v.ecosystem);
  return { problemsOnly: v.problemsOnly === true, ...(rule ? { rule } : {}), ...(ecosystem ? { ecosystem } : {}) };
}
