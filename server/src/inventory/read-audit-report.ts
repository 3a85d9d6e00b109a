import type { ApprovalStanding, ApprovalSummary } from '../approvals/approval-summary';

/** One package row of a JSON audit report, as the inventory needs it. */
export interface ReportPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly purl: string;
  readonly version?: string;
  readonly license?: string;
  readonly status: 'allowed' | 'approved' | 'problem';
  readonly code?: string;
  readonly direct: boolean;
}

/** An approvals-log entry as a JSON report lists it. */
export type ReportApproval = ApprovalSummary;

/** A JSON audit report of one repository, validated. */
export interface AuditReport {
  /** Where it was read from, for messages. */
  readonly source: string;
  readonly repository: string;
  /** False when the report names no repository and the file name stands in. */
  readonly repositoryNamed: boolean;
  readonly commit?: string;
  readonly date?: string;
  readonly packages: readonly ReportPackage[];
  /** Undefined when the report predates approvals in reports. */
  readonly approvals?: readonly ReportApproval[];
  readonly findings: { readonly error: number; readonly warning: number; readonly information: number };
}

const STATUSES = new Set(['allowed', 'approved', 'problem']);
const STANDINGS = new Set<string>(['pending', 'approved', 'expired', 'not-counting', 'rejected']);

/**
 * Validates the JSON output of `ospo-guide audit --format json`. Only what the inventory uses is checked; a row
 * that is not as the audit writes it makes the whole report invalid, since a merged view that silently drops
 * rows would undercount.
 */
export function readAuditReport(text: string, source: string, fallbackName: string): { ok: true; report: AuditReport } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value) || !Array.isArray(value.packages) || !Array.isArray(value.findings)) {
    return { ok: false, error: 'not a JSON audit report (expected "packages" and "findings" from ospo-guide audit --format json)' };
  }
  const packages: ReportPackage[] = [];
  for (const [i, row] of value.packages.entries()) {
    if (!isObject(row) || !isString(row.ecosystem) || !isString(row.name) || !isString(row.purl) || !isString(row.status) || !STATUSES.has(row.status)) {
      return { ok: false, error: `packages[${i}] lacks ecosystem, name, purl or a known status` };
    }
    packages.push({
      ecosystem: row.ecosystem,
      name: row.name,
      purl: row.purl,
      status: row.status as ReportPackage['status'],
      direct: row.direct === true,
      ...(isString(row.version) ? { version: row.version } : {}),
      ...(isString(row.license) ? { license: row.license } : {}),
      ...(isString(row.code) ? { code: row.code } : {}),
    });
  }
  const findings = { error: 0, warning: 0, information: 0 };
  for (const [i, finding] of value.findings.entries()) {
    if (!isObject(finding) || !isString(finding.severity) || !(finding.severity in findings)) return { ok: false, error: `findings[${i}] has no known severity` };
    findings[finding.severity as keyof typeof findings]++;
  }
  let approvals: ReportApproval[] | undefined;
  if (value.approvals !== undefined) {
    if (!Array.isArray(value.approvals)) return { ok: false, error: '"approvals" is not an array' };
    approvals = [];
    for (const [i, entry] of value.approvals.entries()) {
      if (!isObject(entry) || !isString(entry.package) || !isString(entry.standing) || !STANDINGS.has(entry.standing)) {
        return { ok: false, error: `approvals[${i}] lacks package or a known standing` };
      }
      approvals.push({
        package: entry.package,
        standing: entry.standing as ApprovalStanding,
        ...pickStrings(entry, ['version', 'license', 'requestedBy', 'requestedAt', 'reviewedBy', 'expires'] as const),
      });
    }
  }
  const repository = isObject(value.repository) && isString(value.repository.name) && value.repository.name.trim() ? value.repository : undefined;
  return {
    ok: true,
    report: {
      source,
      repository: repository ? String(repository.name).trim() : fallbackName,
      repositoryNamed: repository !== undefined,
      ...(repository && isString(repository.commit) ? { commit: repository.commit } : {}),
      ...(isString(value.date) ? { date: value.date } : {}),
      packages,
      ...(approvals ? { approvals } : {}),
      findings,
    },
  };
}

function pickStrings<K extends string>(entry: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = entry[key];
    if (isString(v)) out[key] = v;
  }
  return out;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
