import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultPolicy } from '../../server/src/policy/default-policy';
import {
  CORPUS_ECOSYSTEMS,
  compareWithCorpus,
  reviewerVerdict,
  sameExpression,
  type CorpusEntry,
  type EcosystemFigures,
  type PackageOutcome,
  type ReportedPackage,
} from './accuracy/compare';
import { licenseChecker, licenseFinder, type OtherToolReport } from './accuracy/other-tools';
import { BENCH_CACHE, cargoView, debianPythonBin, gemView, goView, npmView, pypiViews, type WorkspaceView } from './accuracy/workspace-views';

/**
 * License accuracy on real packages: for each ecosystem, the audit (the built CLI, `--format json`) runs on a
 * project that depends on the corpus's packages with their installed metadata where a developer's machine has
 * it; each package's verdict under the embedded default policy is compared with the verdict the reviewer's
 * license gets under the same policy. Figures are printed, never asserted.
 */

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const corpusFile = path.join(__dirname, 'accuracy', 'corpus.json');

/** The targets the figures are read against. */
const TARGETS: Readonly<Record<CorpusEntry['ecosystem'], number>> = { npm: 0.98, pypi: 0.95, gem: 0.98, cargo: 0.98, golang: 0.95 };

/** Variables that would point the audit at this machine's own environments instead of the view's. */
const CLEARED_ENV = ['VIRTUAL_ENV', 'GEM_HOME', 'GEM_PATH', 'CARGO_HOME', 'GOMODCACHE', 'GOPATH', 'GOFLAGS', 'NODE_EXTRA_CA_CERTS'];

const policy = defaultPolicy(undefined);

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function runSetup(): void {
  if (process.env.OSPO_BENCH_SKIP_SETUP) return;
  const setup = spawnSync('bash', [path.join(__dirname, 'accuracy', 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (setup.status !== 0) console.log('setup.sh failed: packages it could not install are reported as not installed');
}

function auditPackages(view: WorkspaceView, pathPrefix: string): { rows: ReportedPackage[]; seconds: number } {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of CLEARED_ENV) delete env[key];
  Object.assign(env, view.env, { PATH: `${pathPrefix}${path.delimiter}${process.env.PATH ?? ''}` });
  const started = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [cli, 'audit', view.root, '--format', 'json', '--fail-on', 'none'], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rows: (JSON.parse(out) as { packages: ReportedPackage[] }).packages, seconds };
}

function describe(o: PackageOutcome): string {
  const ours = o.ours === undefined ? 'not reported' : `${o.ours} (${o.oursLicense ?? 'no license'}${o.oursSource ? `, ${o.oursSource}` : ''})`;
  return `${o.entry.name} ${o.entry.version}: ours ${ours} · reviewer ${o.reviewer} (${o.entry.license})`;
}

const COLUMNS = ['view', 'packages', 'right verdicts', 'target', 'unknown', 'permissive flagged (target 0)', 'not-allowed right (passed)', 'same expression', 'audit'];
const WIDTHS = [14, 8, 15, 13, 13, 29, 26, 15, 7];

function printRow(cells: readonly string[]): void {
  console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(WIDTHS[i]) : cell.padStart(WIDTHS[i]))).join('  '));
}

function printFigures(label: string, target: number, f: EcosystemFigures, seconds: number, notInstalled: number): void {
  const meets = f.packages > 0 && f.right / f.packages >= target;
  printRow([
    label,
    `${f.packages}${notInstalled ? ` (+${notInstalled} not installed)` : ''}`,
    `${f.right} ${pct(f.right, f.packages)}`,
    `≥${Math.round(target * 100)}% ${meets ? 'met' : 'not met'}`,
    `${f.unknown} ${pct(f.unknown, f.packages)}`,
    String(f.permissiveFlagged),
    `${f.copyleftRight}/${f.copyleft} (${f.copyleftPassed})`,
    pct(f.sameExpression, f.packages),
    `${seconds.toFixed(2)} s`,
  ]);
}

/** Another tool's license strings for the same packages, through the same policy evaluation as the reviewer's. */
function sideBySide(label: string, entries: readonly CorpusEntry[], report: OtherToolReport | string): void {
  if (typeof report === 'string') {
    console.log(`\nside by side, ${label}: skipped: ${report}`);
    return;
  }
  let right = 0;
  let same = 0;
  let unknown = 0;
  const wrong: string[] = [];
  for (const entry of entries) {
    const text = report.licenses.get(`${entry.name}@${entry.version}`);
    // What a user gets from the tool: an SPDX expression is judged by the policy, anything else needs a person.
    const judged = text === undefined ? 'not reported' : reviewerVerdict(text, policy);
    const theirs = typeof judged === 'string' ? judged : 'license-unknown';
    const reviewer = reviewerVerdict(entry.license, policy);
    if (theirs === 'license-unknown' || theirs === 'not reported') unknown++;
    if (theirs === reviewer) right++;
    else wrong.push(`${entry.name} ${entry.version}: ${report.tool} "${text ?? ''}" → ${theirs} · reviewer ${String(reviewer)} (${entry.license})`);
    if (sameExpression(text, entry.license)) same++;
  }
  console.log(
    `\nside by side, ${label}: ${report.tool}'s licenses through the same policy: right ${right}/${entries.length} (${pct(right, entries.length)}),` +
      ` unknown ${unknown}, same expression ${pct(same, entries.length)}, ${report.seconds.toFixed(2)} s`,
  );
  for (const line of wrong) console.log(`  ${line}`);
}

export async function bench(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  runSetup();
  const corpus = (JSON.parse(fs.readFileSync(corpusFile, 'utf8')) as { packages: CorpusEntry[] }).packages;
  const workDir = path.join(BENCH_CACHE, 'accuracy-views');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const bin = debianPythonBin(workDir);
  const of = (ecosystem: CorpusEntry['ecosystem']) => corpus.filter((e) => e.ecosystem === ecosystem);
  const views: WorkspaceView[] = [];
  const builders: Array<[string, () => WorkspaceView[]]> = [
    ['npm', () => [npmView(of('npm'))]],
    ['PyPI', () => pypiViews(of('pypi'), workDir)],
    ['RubyGems', () => [gemView(of('gem'), workDir)]],
    ['Cargo', () => [cargoView(of('cargo'), workDir)]],
    ['Go', () => [goView(of('golang'), workDir)]],
  ];
  for (const [label, build] of builders) {
    try {
      views.push(...build());
    } catch (error) {
      console.log(`${label}: no workspace view on this machine (${(error as Error).message}); skipped`);
    }
  }

  console.log(`corpus: ${corpus.length} reviewed packages (${CORPUS_ECOSYSTEMS.map((e) => `${e} ${of(e).length}`).join(', ')}); embedded default policy`);
  console.log("right: the same outcome the reviewer's license gets (allowed, needs approval, denied); unknown: reported as license-unknown or not at all");
  console.log('permissive flagged: the reviewer allows it, the audit does not; not-allowed right: of the packages whose reviewed license needs approval or');
  console.log('is denied (copyleft, proprietary), those judged as their license; passed: those the audit allows\n');
  printRow(COLUMNS);
  const mismatches: string[] = [];
  const expressionNotes: string[] = [];
  for (const view of views) {
    const missing = new Set(view.missing);
    const entries = of(view.ecosystem).filter((e) => !missing.has(e));
    const { rows, seconds } = auditPackages(view, bin);
    const { figures, corpusErrors } = compareWithCorpus(view.ecosystem, entries, rows, policy);
    printFigures(view.label, TARGETS[view.ecosystem], figures, seconds, missing.size);
    for (const { entry, problem } of corpusErrors) mismatches.push(`${view.label}: corpus error: ${entry.name}: ${problem}`);
    for (const o of figures.outcomes) {
      if (!o.right) mismatches.push(`${view.label}: ${describe(o)}`);
      else if (!o.sameExpression) expressionNotes.push(`${view.label}: ${o.entry.name} ${o.entry.version}: ours ${o.oursLicense ?? 'none'} · reviewer ${o.entry.license}`);
    }
    for (const e of view.missing) mismatches.push(`${view.label}: not installed: ${e.name} ${e.version}`);
  }
  console.log(`\nverdict mismatches (${mismatches.length}):`);
  for (const line of mismatches) console.log(`  ${line}`);
  console.log(`\nright verdict, different expression (${expressionNotes.length}):`);
  for (const line of expressionNotes) console.log(`  ${line}`);
  const npm = views.find((v) => v.ecosystem === 'npm');
  if (npm) sideBySide('npm', of('npm'), licenseChecker(npm.root));
  const gem = views.find((v) => v.ecosystem === 'gem');
  if (gem) sideBySide('RubyGems', of('gem'), licenseFinder(path.join(gem.root, 'Gemfile'), workDir));
}

if (require.main === module) {
  bench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
