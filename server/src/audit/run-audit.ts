import * as path from 'node:path';
import type { PackageRow } from '../dependencies/check-manifest';
import { ecosystemForManifest } from '../ecosystems/registry';
import { SEVERITY_RANK, type Finding } from '../findings/finding';
import { diagnosticMessage } from '../findings/render/diagnostic-message';
import { isHeaderSelected } from '../headers/check-header';
import { readSourceText } from '../io/read-source-text';
import { readTextFile } from '../io/file-source';
import type { WorkspaceEngine } from '../workspace/workspace-engine';
import { walkWorkspace } from './walk-workspace';
import { idsInExpression, licenseTextFindings, type LicenseUse } from '../reuse/license-texts';

export interface AuditResult {
  readonly root: string;
  readonly policySource: string;
  readonly findings: readonly Finding[];
  readonly packages: readonly PackageRow[];
  readonly stats: {
    readonly filesSeen: number;
    readonly manifestsChecked: number;
    readonly headerFilesChecked: number;
    readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
    readonly durationMs: number;
  };
}

/** How far an audit is: the counts so far, and the file it has reached. */
export interface AuditProgress {
  readonly filesSeen: number;
  readonly manifestsChecked: number;
  readonly headerFilesChecked: number;
  readonly current: string;
  /** The last report of a folder's audit: the walk is over. */
  readonly done: boolean;
}

export interface AuditOptions {
  /** Called now and then (and once at the end) with the counts so far, for progress reporting. */
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Checked between files; true stops the audit early with what was found so far. */
  readonly isCancelled?: () => boolean;
}

/** How much of a source file the header check reads: headers live at the top, and huge files must stay cheap. */
const HEADER_READ_BYTES = 64 * 1024;
/** How much of a file is searched for a tag below its head: enough for any source file, bounded for blobs. */
const TAG_SEARCH_BYTES = 16 * 1024 * 1024;

/** How often a long audit says how far it is: often enough to look alive, rarely enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Walks the workspace and checks every manifest and every header-selected file with the same engine the editor
 * uses. It runs no package manager and no code from the tree: it only reads files.
 */
export async function runAudit(engine: WorkspaceEngine, options: AuditOptions = {}): Promise<AuditResult> {
  const started = process.hrtime.bigint();
  const findings: Finding[] = [...engine.policyFindings()];
  const packages: PackageRow[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  let filesSeen = 0;
  let manifestsChecked = 0;
  let headerFilesChecked = 0;
  const headers = engine.policy.headers;
  const reuse = engine.reuseRequired();
  const licenseUses = new Map<string, LicenseUse>();
  const noteLicenseUse = (expression: string, path: string, line: number) => {
    for (const id of idsInExpression(expression)) if (!licenseUses.has(id)) licenseUses.set(id, { path, line });
  };

  let lastReport = Date.now();
  const report = (current: string, done: boolean) => {
    lastReport = Date.now();
    options.onProgress?.({ filesSeen, manifestsChecked, headerFilesChecked, current, done });
  };

  for (const relative of walkWorkspace(engine.root)) {
    if (options.isCancelled?.()) break;
    filesSeen++;
    if (filesSeen % 100 === 0 && Date.now() - lastReport >= PROGRESS_INTERVAL_MS) report(relative, false);
    if (filesSeen % 500 === 0) {
      // Let a language server read its messages (a cancellation, an edit) during a long audit.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const absolute = path.join(engine.root, relative);
    const isManifest = ecosystemForManifest(absolute) !== undefined;
    const wantsHeader = headers.enabled && isHeaderSelected(relative, headers);
    if (!isManifest && !wantsHeader) continue;

    if (isManifest) {
      const text = readTextFile(absolute);
      if (text === undefined) {
        skipped.push({ path: relative, reason: 'not readable as text' });
      } else {
        const check = engine.checkDocument(absolute, text, undefined, 'audit');
        findings.push(...check.findings);
        packages.push(...check.packages);
        manifestsChecked++;
        if (wantsHeader) headerFilesChecked++;
        continue;
      }
    }
    const source = readSourceText(absolute, HEADER_READ_BYTES);
    if (source.kind !== 'text') {
      skipped.push({ path: relative, reason: source.kind === 'binary' ? 'binary' : source.reason });
      // A binary file's REUSE metadata still uses license texts.
      const coverage = reuse ? engine.reuseIndex.coverageFor(relative) : { kind: 'none' as const };
      if (coverage.kind !== 'none') for (const expression of coverage.licenses) noteLicenseUse(expression, absolute, 0);
      continue;
    }
    let text = source.text;
    let checked = engine.checkDocument(absolute, text).findings;
    // A tag may sit anywhere in a file: only when the head has none is more of a large file read.
    if (source.truncated && checked.some((f) => f.code === 'header-missing')) {
      const whole = readSourceText(absolute, TAG_SEARCH_BYTES);
      if (whole.kind === 'text') {
        text = whole.text;
        checked = engine.checkDocument(absolute, text).findings;
      }
    }
    findings.push(...checked);
    headerFilesChecked++;
    if (reuse) for (const { expression, line } of engine.declaredLicenses(absolute, text)) noteLicenseUse(expression, absolute, line);
  }
  if (reuse && !options.isCancelled?.()) {
    findings.push(...licenseTextFindings(engine.root, engine.files, licenseUses));
    for (const problem of engine.reuseIndex.readProblems()) {
      findings.push({ code: 'reuse-metadata-invalid', severity: 'error', message: problem.message, path: problem.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, subject: { kind: 'file' }, fixes: [] });
    }
  }

  report('', true);
  findings.sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      diagnosticMessage(a).localeCompare(diagnosticMessage(b)),
  );
  const source = engine.policy.source;
  return {
    root: engine.root,
    policySource: source.kind === 'file' ? engine.relative(source.path) : 'embedded default policy',
    findings,
    packages,
    stats: { filesSeen, manifestsChecked, headerFilesChecked, skipped, durationMs: Number(process.hrtime.bigint() - started) / 1e6 },
  };
}
