import type { AuditReport, ReportApproval, ReportPackage } from './read-audit-report';

/** A license as the inventory groups by it: the expression as reported, or `unknown`. */
export const UNKNOWN_LICENSE = 'unknown';

export interface InventoryPackage {
  readonly purl: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly versions: readonly string[];
  readonly licenses: readonly string[];
  /** The worst status any repository reports for it. */
  readonly status: ReportPackage['status'];
  /** The finding codes that made it a problem somewhere. */
  readonly codes: readonly string[];
  readonly repositories: readonly string[];
  /** Which versions each repository uses, and what its policy made of them there. */
  readonly usages: readonly PackageUsage[];
  /** A direct dependency of at least one repository. */
  readonly direct: boolean;
}

export interface PackageUsage {
  readonly repository: string;
  readonly versions: readonly string[];
  readonly status: ReportPackage['status'];
}

export interface InventoryApproval extends ReportApproval {
  readonly repository: string;
}

export interface InventoryRepository {
  readonly name: string;
  readonly sources: readonly string[];
  readonly commit?: string;
  readonly date?: string;
  readonly packages: number;
  readonly problems: number;
  readonly findings: AuditReport['findings'];
}

export interface LicenseTotal {
  readonly license: string;
  readonly packages: number;
  readonly repositories: number;
}

export interface Inventory {
  readonly repositories: readonly InventoryRepository[];
  readonly packages: readonly InventoryPackage[];
  readonly pendingApprovals: readonly InventoryApproval[];
  readonly expiredApprovals: readonly InventoryApproval[];
  readonly licenses: readonly LicenseTotal[];
  /** Things the reader should know about the inputs (a report without a repository name, a repeated one). */
  readonly notes: readonly string[];
}

const STATUS_RANK: Readonly<Record<ReportPackage['status'], number>> = { allowed: 0, approved: 1, problem: 2 };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Merges the reports of many repositories into one view. Packages are one row per Package URL (without version)
 * whatever the repository; reports naming the same repository (a monorepo audited per folder) are combined.
 * The order of the input does not change the output.
 */
export function mergeInventory(reports: readonly AuditReport[]): Inventory {
  const notes: string[] = [];
  const repos = new Map<string, { sources: string[]; commit?: string; date?: string; purls: Set<string>; problems: Set<string>; findings: { error: number; warning: number; information: number } }>();
  const packages = new Map<
    string,
    { first: ReportPackage; versions: Set<string>; licenses: Set<string>; status: ReportPackage['status']; codes: Set<string>; usages: Map<string, { versions: Set<string>; status: ReportPackage['status'] }>; direct: boolean }
  >();
  const pending: InventoryApproval[] = [];
  const expired: InventoryApproval[] = [];

  for (const report of [...reports].sort((a, b) => byText(a.repository, b.repository) || byText(a.source, b.source))) {
    if (!report.repositoryNamed) notes.push(`${report.source} names no repository; "${report.repository}" (its file name) stands in`);
    if (report.approvals === undefined) notes.push(`${report.source} lists no approvals (written by an older ospo-guide)`);
    let repo = repos.get(report.repository);
    if (!repo) {
      repo = { sources: [], purls: new Set(), problems: new Set(), findings: { error: 0, warning: 0, information: 0 } };
      repos.set(report.repository, repo);
    }
    repo.sources.push(report.source);
    if (report.commit) repo.commit ??= report.commit;
    if (report.date && (!repo.date || report.date > repo.date)) repo.date = report.date;
    for (const severity of ['error', 'warning', 'information'] as const) repo.findings[severity] += report.findings[severity];

    for (const row of report.packages) {
      repo.purls.add(row.purl);
      if (row.status === 'problem') repo.problems.add(row.purl);
      let entry = packages.get(row.purl);
      if (!entry) {
        entry = { first: row, versions: new Set(), licenses: new Set(), status: row.status, codes: new Set(), usages: new Map(), direct: false };
        packages.set(row.purl, entry);
      }
      if (row.version) entry.versions.add(row.version);
      entry.licenses.add(row.license ?? UNKNOWN_LICENSE);
      if (STATUS_RANK[row.status] > STATUS_RANK[entry.status]) entry.status = row.status;
      if (row.code && row.status === 'problem') entry.codes.add(row.code);
      let usage = entry.usages.get(report.repository);
      if (!usage) entry.usages.set(report.repository, (usage = { versions: new Set(), status: row.status }));
      if (row.version) usage.versions.add(row.version);
      if (STATUS_RANK[row.status] > STATUS_RANK[usage.status]) usage.status = row.status;
      entry.direct ||= row.direct;
    }
    for (const approval of report.approvals ?? []) {
      if (approval.standing === 'pending') pending.push({ ...approval, repository: report.repository });
      if (approval.standing === 'expired') expired.push({ ...approval, repository: report.repository });
    }
  }
  for (const [name, repo] of repos) if (repo.sources.length > 1) notes.push(`${repo.sources.length} reports name the repository "${name}"; they are combined`);

  const inventoryPackages: InventoryPackage[] = [...packages.values()]
    .map((e) => ({
      purl: e.first.purl,
      ecosystem: e.first.ecosystem,
      name: e.first.name,
      versions: [...e.versions].sort(compareVersions),
      licenses: [...e.licenses].sort(byText),
      status: e.status,
      codes: [...e.codes].sort(byText),
      repositories: [...e.usages.keys()].sort(byText),
      usages: [...e.usages.entries()]
        .map(([repository, u]) => ({ repository, versions: [...u.versions].sort(compareVersions), status: u.status }))
        .sort((a, b) => byText(a.repository, b.repository)),
      direct: e.direct,
    }))
    .sort((a, b) => byText(a.purl, b.purl));

  const licenseRepos = new Map<string, { packages: number; repositories: Set<string> }>();
  for (const pkg of inventoryPackages) {
    for (const license of pkg.licenses) {
      let total = licenseRepos.get(license);
      if (!total) licenseRepos.set(license, (total = { packages: 0, repositories: new Set() }));
      total.packages++;
      for (const r of pkg.repositories) total.repositories.add(r);
    }
  }
  const approvalOrder = (a: InventoryApproval, b: InventoryApproval) => byText(a.package, b.package) || byText(a.repository, b.repository) || byText(a.version ?? '', b.version ?? '');
  return {
    repositories: [...repos.entries()].map(([name, r]) => ({
      name,
      sources: r.sources,
      ...(r.commit ? { commit: r.commit } : {}),
      ...(r.date ? { date: r.date } : {}),
      packages: r.purls.size,
      problems: r.problems.size,
      findings: r.findings,
    })),
    packages: inventoryPackages,
    pendingApprovals: pending.sort(approvalOrder),
    expiredApprovals: expired.sort(approvalOrder),
    licenses: [...licenseRepos.entries()]
      .map(([license, t]) => ({ license, packages: t.packages, repositories: t.repositories.size }))
      .sort((a, b) => b.packages - a.packages || byText(a.license, b.license)),
    notes,
  };
}

/** Numeric parts compare as numbers (`1.10.0` after `1.9.2`); the rest as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN;
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN;
    if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
    return byText(pa[i], pb[i]);
  }
  return pa.length - pb.length;
}
