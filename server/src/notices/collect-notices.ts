import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditResult } from '../audit/run-audit';
import type { PackageRow } from '../dependencies/check-manifest';
import { isLicenseFileName } from '../licenses/detection/license-file-names';
import { readSourceText } from '../io/read-source-text';
import { expressionLeaves, parseSpdxExpression } from '../spdx/spdx-expression';
import { copyrightLines } from './copyright-lines';
import { loadStandardTexts, type StandardTexts } from './standard-texts';

export interface ShippedFile {
  /** Path inside the package folder, with `/`. */
  readonly file: string;
  readonly text: string;
}

export interface NoticePackage {
  readonly ref: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly version?: string;
  /** The license as the report states it, or undefined when unknown. */
  readonly license?: string;
  readonly licenseSource: string;
  /** Distinct copyright lines found in the package's files, sorted. */
  readonly copyrights: readonly string[];
  /** License texts the package ships. */
  readonly licenseTexts: readonly ShippedFile[];
  /** NOTICE files, reproduced verbatim (Apache-2.0 section 4(d)). */
  readonly notices: readonly ShippedFile[];
  /** SPDX standard texts, only when the package ships no license text of its own. */
  readonly standardTexts: ReadonlyArray<{ readonly id: string; readonly text: string }>;
  /** Why nothing was read from the package's files, when nothing could be. */
  readonly filesNote?: string;
}

export interface NoticesDocument {
  readonly project: string;
  /** Shipped packages with a known license, sorted by name, version and ref. */
  readonly packages: readonly NoticePackage[];
  /** Shipped packages whose license is unknown: they need someone to look before the product ships. */
  readonly attention: readonly NoticePackage[];
  /** Dev-only packages left out. */
  readonly devPackagesOmitted: number;
}

/** Bounds per package: notices read heads of files, and a package's tree must not stall the run. */
const MAX_FILES_SCANNED = 200;
const HEAD_BYTES = 8 * 1024;
const MAX_DEPTH = 2;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'test', 'tests', '__tests__', 'spec', 'example', 'examples', 'fixtures', 'coverage', 'docs', '.github']);
/** `NOTICE` (Apache-2.0 section 4(d)) and the third-party notice files some packages ship beside their license (TypeScript's `ThirdPartyNoticeText.txt`). */
const NOTICE_FILE = /^(?:notices?|third[-_]?party[-_]?notices?(?:[-_]?text)?)(?:\.(?:txt|md|markdown))?$/i;
const MAX_LICENSE_FILE_BYTES = 1024 * 1024;


/**
 * The third-party notices of the audited folders: every shipped (runtime) package once, with the copyright
 * lines and license texts its installed files hold, its NOTICE files, and the SPDX standard text only when it
 * ships no license text. Everything is sorted, so the same tree always gives the same document.
 */
export function collectNotices(results: readonly AuditResult[], standardTexts: () => StandardTexts = loadStandardTexts): NoticesDocument {
  const rows = new Map<string, PackageRow>();
  const dev = new Set<string>();
  for (const result of results) {
    for (const row of result.packages) {
      const known = rows.get(row.ref);
      if (row.scope === 'dev') {
        if (!known || known.scope === 'dev') dev.add(row.ref);
        if (!known) rows.set(row.ref, row);
        continue;
      }
      dev.delete(row.ref);
      if (!known || known.scope === 'dev' || (known.installedAt === undefined && row.installedAt !== undefined)) rows.set(row.ref, { ...row, installedAt: row.installedAt ?? known?.installedAt });
    }
  }
  const packages: NoticePackage[] = [];
  const attention: NoticePackage[] = [];
  for (const row of rows.values()) {
    if (row.scope === 'dev') continue;
    const entry = noticePackage(row, standardTexts);
    (entry.license === undefined ? attention : packages).push(entry);
  }
  const order = (a: NoticePackage, b: NoticePackage) => compare(a.name, b.name) || compare(a.version ?? '', b.version ?? '') || compare(a.ref, b.ref);
  const first = results[0];
  return { project: first ? path.basename(first.root) : 'workspace', packages: packages.sort(order), attention: attention.sort(order), devPackagesOmitted: dev.size };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function noticePackage(row: PackageRow, standardTexts: () => StandardTexts): NoticePackage {
  const license = row.code === 'license-unknown' ? undefined : row.license;
  const base = {
    ref: row.ref,
    ecosystem: row.ecosystem,
    name: row.name,
    ...(row.version !== undefined ? { version: row.version } : {}),
    ...(license !== undefined ? { license } : {}),
    licenseSource: row.licenseSource,
  };
  const scanned = row.installedAt ? scanPackageFolder(row.installedAt) : undefined;
  const licenseTexts = scanned?.licenseTexts ?? [];
  return {
    ...base,
    copyrights: scanned?.copyrights ?? [],
    licenseTexts,
    notices: scanned?.notices ?? [],
    standardTexts: licenseTexts.length === 0 && license !== undefined ? standardTextsFor(license, standardTexts()) : [],
    ...(scanned ? {} : { filesNote: 'the package is not installed where the audit looked, so none of its files were read' }),
  };
}

/** The standard text of each license in the expression that the SPDX list has a text for. */
function standardTextsFor(license: string, texts: StandardTexts): Array<{ id: string; text: string }> {
  const parsed = parseSpdxExpression(license);
  if (!parsed.ok) return [];
  const out: Array<{ id: string; text: string }> = [];
  for (const leaf of expressionLeaves(parsed.expression)) {
    if (leaf.kind !== 'license' || out.some((t) => t.id === leaf.id)) continue;
    const text = texts[leaf.id]?.licenseText;
    if (text) out.push({ id: leaf.id, text: normalizeEol(text) });
  }
  return out.sort((a, b) => compare(a.id, b.id));
}


interface ScannedFolder {
  readonly copyrights: string[];
  readonly licenseTexts: ShippedFile[];
  readonly notices: ShippedFile[];
}

/** License and NOTICE files at the package's top level, and copyright lines in them and in the heads of its other files. */
function scanPackageFolder(folder: string): ScannedFolder | undefined {
  let top: fs.Dirent[];
  try {
    top = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const licenseTexts: ShippedFile[] = [];
  const notices: ShippedFile[] = [];
  const copyrights = new Set<string>();
  for (const entry of top.filter((e) => e.isFile()).sort((a, b) => compare(a.name, b.name))) {
    const isNotice = NOTICE_FILE.test(entry.name);
    if (!isNotice && !isLicenseFileName(entry.name)) continue;
    const text = readText(path.join(folder, entry.name), MAX_LICENSE_FILE_BYTES);
    if (text === undefined) continue;
    (isNotice ? notices : licenseTexts).push({ file: entry.name, text });
    for (const line of copyrightLines(text)) copyrights.add(line);
  }
  let budget = MAX_FILES_SCANNED;
  const walk = (dir: string, relative: string, depth: number, entries: fs.Dirent[]) => {
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      if (budget <= 0) return;
      const child = path.join(dir, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth >= MAX_DEPTH || SKIPPED_FOLDERS.has(entry.name.toLowerCase()) || entry.name.startsWith('.')) continue;
        let inner: fs.Dirent[];
        try {
          inner = fs.readdirSync(child, { withFileTypes: true });
        } catch {
          continue;
        }
        walk(child, childRelative, depth + 1, inner);
      } else if (entry.isFile() && !(depth === 0 && (NOTICE_FILE.test(entry.name) || isLicenseFileName(entry.name))) && !/\.(map|png|jpe?g|gif|ico|woff2?|ttf|eot|wasm|node|gz|zip)$/i.test(entry.name)) {
        budget--;
        const head = readText(child, HEAD_BYTES);
        if (head !== undefined) for (const line of copyrightLines(head)) copyrights.add(line);
      }
    }
  };
  walk(folder, '', 0, top);
  return { copyrights: [...copyrights].sort(compare), licenseTexts, notices };
}

/** Up to `maxBytes` of a file as text (line endings made `\n`, BOM dropped), or undefined for binary or unreadable files. */
function readText(file: string, maxBytes: number): string | undefined {
  const decoded = readSourceText(file, maxBytes);
  if (decoded.kind !== 'text') return undefined;
  // A cut read ends mid-line: the partial last line could be half a notice.
  const text = decoded.truncated ? decoded.text.slice(0, Math.max(0, decoded.text.lastIndexOf('\n'))) : decoded.text;
  return normalizeEol(text.replace(/^\ufeff/, ''));
}

function normalizeEol(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\s+$/, '') + '\n';
}
