import * as path from 'node:path';
import type { DependencyDeclaration, DependencyResolver, EcosystemSupport, LicenseEvidence, ResolvedDependency, ResolvedPackage, TransitivePackage } from '../ecosystems/ecosystem';
import type { DependencyFacts, PassingDependencyFacts } from '../findings/dependency-facts';
import type { DependencyFinding, DependencySubject, Finding, Fix } from '../findings/finding';
import { packageRowWords } from '../findings/render/report-row';
import type { UnknownLicenseReason } from '../findings/unknown-license';
import { readLicenseStatement } from '../licenses/read-license-statement';
import { formatSpdxExpression } from '../spdx/spdx-expression';
import { capProblems } from '../text/problem-limit';
import { LineIndex } from '../text/line-index';
import { decidePackage, type DecisionContext, type PackageVerdict } from './decide-package';
import { unknownLicenseReason } from './unknown-license-reason';
import { dependencyScope, type DependencyScope } from './dependency-scope';
import { packageRef } from './package-ref';
import { PackageRows, type PackageRow } from './package-rows';

export type { PackageRow } from './package-rows';

/** What the hover and inlay hint show on a dependency that has no finding: its license, where that came from, and why it passes. */
export interface DependencyNote {
  readonly range: Finding['range'];
  readonly facts: PassingDependencyFacts;
}

/**
 * What checking one declaration yielded, kept between checks of the same manifest: an edit touches one line,
 * and the other declarations' findings only move. Findings keep the range of the check that made them; a
 * reuse places them on the declaration's current range.
 */
export interface DeclarationOutcome {
  readonly findings: readonly Finding[];
  readonly note?: PassingDependencyFacts;
}

export interface ManifestCheck {
  readonly findings: readonly Finding[];
  readonly packages: readonly PackageRow[];
  readonly notes: readonly DependencyNote[];
  /** Set when `stopWhen` stopped the check: the results are partial and must not be shown. */
  readonly incomplete?: true;
}

export interface ManifestCheckInput {
  readonly path: string;
  readonly text: string;
  readonly support: EcosystemSupport;
  readonly resolver: DependencyResolver;
  readonly context: DecisionContext;
  /** Report manifest syntax errors as findings (the CLI does; editors already show them). */
  readonly reportSyntaxProblems: boolean;
  /** List every package for a report; a check per keystroke does without. */
  readonly collectPackages?: boolean;
  /** Adds evidence from elsewhere (the online lookup) to packages nothing local describes. */
  readonly enrich?: (pkg: ResolvedPackage) => ResolvedPackage;
  /**
   * Outcomes of this manifest's previous check, by declaration; valid as long as the resolver, the policy, the
   * approvals and the date are those of the previous check (the caller drops it when one changes). Used only
   * when no package list is collected; left holding the outcomes of this check's declarations.
   */
  readonly outcomes?: Map<string, DeclarationOutcome>;
  /**
   * Findings of the packages a dependency brings in, by the resolver's list of them and the dependency's name.
   * Resolvers hand out the same list for the same package until they are made anew, and the caller drops this
   * with `outcomes`: a dependency whose version is being typed keeps its thousands of transitive verdicts.
   */
  readonly transitiveFindings?: WeakMap<readonly TransitivePackage[], Map<string, readonly Finding[]>>;
  /**
   * Asked after each declaration resolved anew (with `outcomes` only): true stops the check, which comes back
   * `incomplete`. What it did stays in `outcomes`, so checking again goes on from there, on whatever text
   * is current by then.
   */
  readonly stopWhen?: () => boolean;
}

/**
 * Checks every dependency a manifest declares and every package each one brings in. A problem in a transitive
 * package is reported on the direct dependency that brings it in, with the chain in the message, because that
 * line is what the developer can change.
 */
export function checkManifest(input: ManifestCheckInput): ManifestCheck {
  const parsed = input.support.parse(input.text, input.path);
  const lines = new LineIndex(input.text);
  const findings: Finding[] = [];
  const packages: PackageRow[] = [];
  const notes: DependencyNote[] = [];
  const problems = capProblems(parsed.problems, (first, count) => ({ span: first.span, message: `… and ${count} more problems in this manifest`, always: first.always }));
  for (const problem of problems) {
    if (input.reportSyntaxProblems || problem.always) {
      findings.push({
        code: 'manifest-invalid',
        severity: 'warning',
        message: problem.message,
        path: input.path,
        range: lines.rangeOf(problem.span),
        subject: { kind: 'file' },
        fixes: [],
      });
    }
  }
  const rows = new PackageRows();
  const enrich = input.enrich ?? ((pkg: ResolvedPackage) => pkg);
  const declarations = parsed.declarations.slice(0, MAX_CHECKED_DECLARATIONS);
  if (parsed.declarations.length > MAX_CHECKED_DECLARATIONS) {
    const first = parsed.declarations[MAX_CHECKED_DECLARATIONS];
    findings.push({
      code: 'file-too-large',
      severity: 'warning',
      message: `only the first ${MAX_CHECKED_DECLARATIONS} of ${parsed.declarations.length} dependencies are checked; ${first.name} and those after it are not`,
      path: input.path,
      range: lines.rangeOf(first.nameSpan),
      subject: { kind: 'file' },
      fixes: [],
    });
  }
  const collect = input.collectPackages !== false;
  const outcomes = collect ? undefined : input.outcomes;
  const used = new Set<string>();
  for (const declaration of declarations) {
    const range = lines.rangeOf(declaration.nameSpan);
    const key = outcomes ? declarationKey(declaration) : '';
    let outcome = outcomes?.get(key);
    if (!outcome) {
      outcome = checkDeclaration(input, declaration, range, collect ? rows : undefined, enrich);
      outcomes?.set(key, outcome);
      if (outcomes && input.stopWhen?.()) return { findings: [], packages: [], notes: [], incomplete: true };
    }
    used.add(key);
    for (const finding of outcome.findings) findings.push(finding.range === range ? finding : { ...finding, range });
    if (outcome.note) notes.push({ range, facts: outcome.note });
  }
  if (outcomes) for (const key of outcomes.keys()) if (!used.has(key)) outcomes.delete(key);
  packages.push(...rows.list());
  return { findings, packages, notes };
}

const COMMON_FIELDS: ReadonlySet<string> = new Set(['ecosystem', 'name', 'purl', 'versionSpec', 'group', 'nameSpan']);

/**
 * Everything a declaration is besides where it stands: two declarations with the same key check alike. An
 * ecosystem's own fields (workspace inheritance, extras, exclusions) count too.
 */
function declarationKey(declaration: DependencyDeclaration): string {
  let key = `${declaration.ecosystem}\0${declaration.name}\0${declaration.purl}\0${declaration.versionSpec ?? '\u0001'}\0${declaration.group}`;
  for (const [field, value] of Object.entries(declaration)) if (!COMMON_FIELDS.has(field)) key += `\0${field}=${JSON.stringify(value)}`;
  return key;
}

/** Checks one declaration and what it brings in; with `rows`, also lists every package for the report. */
function checkDeclaration(
  input: ManifestCheckInput,
  declaration: DependencyDeclaration,
  range: Finding['range'],
  rows: PackageRows | undefined,
  enrich: (pkg: ResolvedPackage) => ResolvedPackage,
): DeclarationOutcome {
  const findings: Finding[] = [];
  let note: PassingDependencyFacts | undefined;
  const raw = resolveSafely(input.resolver, declaration);
  const directPkg = enrich(raw.pkg);
  const direct = decideCached(directPkg, declaration.versionSpec, input.context);
  if (direct.kind === 'problem') {
    findings.push(toFinding(input, declaration, directPkg, [directPkg.name], direct, range));
  } else {
    note = { rule: 'pass', by: direct.by, ...factsBase(declaration, directPkg, [directPkg.name], direct) };
  }
  const remembered = rows ? undefined : input.transitiveFindings?.get(raw.transitive)?.get(declaration.name);
  if (remembered) {
    for (const finding of remembered) findings.push({ ...finding, range });
    return note ? { findings, note } : { findings };
  }
  const transitive = raw.transitive.map((t) => ({ ...t, pkg: enrich(t.pkg) }));
  const scope = rows ? dependencyScope(declaration.group) : 'runtime';
  const line = range.start.line + 1;
  // A chain of names identifies one package of this dependency's tree: each is listed by its shortest chain.
  const refByChain = new Map<string, string>();
  if (rows) {
    const ref = packageRef(directPkg);
    refByChain.set(declaration.name, ref).set(directPkg.name, ref);
    for (const { chain, pkg } of transitive) refByChain.set(chain.join('\0'), packageRef(pkg));
    rows.add(() => row(input, directPkg, direct, true, [], scope, line), directPkg, true, scope, []);
  }
  const problems = new Map<string, DependencyFinding[]>();
  for (const { chain, pkg, dependents } of transitive) {
    const verdict = decideCached(pkg, undefined, input.context);
    if (rows) {
      const parents = (dependents ?? [chain.slice(0, -1)]).flatMap((c) => refByChain.get(c.join('\0')) ?? []);
      rows.add(() => row(input, pkg, verdict, false, chain, scope, line), pkg, false, scope, parents);
    }
    if (verdict.kind === 'problem') {
      const finding = toFinding(input, declaration, pkg, chain, verdict, range);
      const list = problems.get(verdict.code);
      if (list) list.push(finding);
      else problems.set(verdict.code, [finding]);
    }
  }
  const transitiveFindings = [...problems.values()].flatMap((group) => summarise(group));
  findings.push(...transitiveFindings);
  if (!rows && input.transitiveFindings && raw.transitive.length > 0) {
    let byName = input.transitiveFindings.get(raw.transitive);
    if (!byName) {
      byName = new Map();
      input.transitiveFindings.set(raw.transitive, byName);
    }
    byName.set(declaration.name, transitiveFindings);
  }
  return note ? { findings, note } : { findings };
}

/**
 * A resolver reads other people's metadata; whatever it trips on must not take the check of the other
 * dependencies down with it. The failure is shown as where the license could not be found.
 */
function resolveSafely(resolver: ManifestCheckInput['resolver'], declaration: DependencyDeclaration): ResolvedDependency {
  try {
    return resolver.resolve(declaration);
  } catch (error) {
    return {
      pkg: { ecosystem: declaration.ecosystem, name: declaration.name, purl: declaration.purl, license: { kind: 'none', searched: [`resolution failed: ${(error as Error).message}`] } },
      transitive: [],
    };
  }
}

/**
 * No real manifest declares this many dependencies; a generated or hostile one of tens of thousands would make
 * every keystroke resolve them all. Past the limit the check stops with one finding that says so.
 */
export const MAX_CHECKED_DECLARATIONS = 2000;

/** Above this many transitive packages with the same problem, one dependency line gets one summary finding. */
const MAX_FINDINGS_PER_RULE_AND_DEPENDENCY = 3;

/**
 * A dependency that brings in dozens of problem packages would otherwise stack dozens of diagnostics on one
 * line; the summary stands for all of them, and its hover lists each.
 */
function summarise(group: DependencyFinding[]): DependencyFinding[] {
  if (group.length <= MAX_FINDINGS_PER_RULE_AND_DEPENDENCY) return group;
  return [{ ...group[0], alike: group.map((f) => f.facts), fixes: [] }];
}

/** Decisions depend only on the package, the policy and the log: remember them for the engine's generation. */
function decideCached(pkg: ResolvedPackage, versionSpec: string | undefined, context: DecisionContext): PackageVerdict {
  if (!context.memo) return decidePackage(pkg, versionSpec, context);
  const evidence = pkg.license;
  const licenseKey = evidence.kind === 'none' ? 'none' : `${evidence.kind}:${evidence.kind === 'declared' ? evidence.expression : evidence.text}:${JSON.stringify(evidence.source)}`;
  const key = `${pkg.purl}@${pkg.version ?? ''}|${versionSpec ?? ''}|${licenseKey}`;
  let verdict = context.memo.get(key);
  if (!verdict) {
    verdict = decidePackage(pkg, versionSpec, context);
    context.memo.set(key, verdict);
  }
  return verdict;
}

/** The license as the report shows it when no license rule decided (a package rule did): SPDX where it reads as SPDX. */
function licenseText(evidence: LicenseEvidence): string | undefined {
  if (evidence.kind === 'declared') {
    const statement = readLicenseStatement(evidence.expression);
    return statement.kind === 'spdx' ? formatSpdxExpression(statement.expression) : evidence.expression;
  }
  return evidence.kind === 'custom' ? evidence.text : undefined;
}

/** The facts a finding and a note on the same package share. */
function factsBase(declaration: DependencyDeclaration, pkg: ResolvedPackage, chain: readonly string[], verdict: PackageVerdict) {
  const license = verdict.license ?? licenseText(pkg.license);
  return {
    package: { name: pkg.name, purl: pkg.purl, ecosystem: pkg.ecosystem, ...(pkg.version ? { version: pkg.version } : {}) },
    chain,
    ...(chain.length <= 1 ? { declared: { group: declaration.group, ...(declaration.versionSpec ? { versionSpec: declaration.versionSpec } : {}) } } : {}),
    ...(license ? { license } : {}),
    ruling: verdict.ruling,
  };
}

function toFinding(
  input: ManifestCheckInput,
  declaration: DependencyDeclaration,
  pkg: ResolvedPackage,
  chain: readonly string[],
  verdict: Extract<PackageVerdict, { kind: 'problem' }>,
  range: Finding['range'],
): DependencyFinding {
  const isDirect = chain.length <= 1;
  const base = factsBase(declaration, pkg, chain, verdict);
  const subject: DependencySubject = {
    kind: 'dependency',
    purl: pkg.purl,
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    ...(isDirect && declaration.versionSpec ? { versionSpec: declaration.versionSpec } : {}),
    ...(pkg.version ? { version: pkg.version } : {}),
    ...(base.license ? { license: base.license } : {}),
    via: chain,
  };
  const facts = dependencyFacts(input, pkg, verdict, base);
  const fixes: Fix[] = verdict.approvable
    ? [{ kind: 'requestApproval', title: `Request approval for ${pkg.name}`, subject, exceptionTo: verdict.severity === 'error' ? 'deny' : 'review', licenseRecognised: verdict.code !== 'license-unknown' }]
    : [];
  return { code: verdict.code, severity: verdict.severity, path: input.path, range, subject, facts, fixes };
}

function dependencyFacts(input: ManifestCheckInput, pkg: ResolvedPackage, verdict: Extract<PackageVerdict, { kind: 'problem' }>, base: ReturnType<typeof factsBase>): DependencyFacts {
  switch (verdict.code) {
    case 'license-unknown':
      return { rule: 'license-unknown', ...base, reason: reasonFor(input, pkg) };
    case 'approval-pending': {
      const asks = verdict.pendingRule ?? 'license-needs-approval';
      return { rule: 'approval-pending', asks, ...base, ...(asks === 'license-unknown' ? { reason: reasonFor(input, pkg) } : {}) };
    }
    default:
      return { rule: verdict.code, ...base };
  }
}

function reasonFor(input: ManifestCheckInput, pkg: ResolvedPackage): UnknownLicenseReason {
  return unknownLicenseReason(pkg.license, input.context.policy.licenses.minConfidence, input.context.displayPath);
}

function row(
  input: ManifestCheckInput,
  pkg: ResolvedPackage,
  verdict: PackageVerdict,
  direct: boolean,
  via: readonly string[],
  scope: DependencyScope,
  line: number,
): PackageRow {
  const license = verdict.license ?? licenseText(pkg.license);
  const unknown = verdict.kind === 'problem' && verdict.code === 'license-unknown' ? reasonFor(input, pkg) : undefined;
  const words = packageRowWords(verdict.ruling, unknown, { displayPath: input.context.displayPath });
  return {
    manifest: input.path,
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    purl: pkg.purl,
    ...(pkg.version ? { version: pkg.version } : {}),
    direct,
    via,
    scope,
    ref: packageRef(pkg),
    dependents: [],
    ...optionalFolder(installedFolder(pkg)),
    ...(license ? { license } : {}),
    licenseSource: words.licenseSource,
    status: verdict.kind === 'problem' ? 'problem' : verdict.by === 'approval' ? 'approved' : 'allowed',
    ...(verdict.kind === 'problem' ? { code: verdict.code, severity: verdict.severity } : {}),
    line,
    why: words.why,
    ...(unknown ? { unknownLicense: unknown } : {}),
  };
}

function optionalFolder(folder: string | undefined): { installedAt?: string } {
  return folder === undefined ? {} : { installedAt: folder };
}

/**
 * Where the package's own files are: what the resolver says, else the folder of the metadata or license text it
 * read, for the layouts where that folder is the package's (a crate's `Cargo.toml`, a wheel's `.dist-info`).
 */
function installedFolder(pkg: ResolvedPackage): string | undefined {
  if (pkg.installedAt) return pkg.installedAt;
  const evidence = pkg.license;
  if (evidence.kind === 'none') return undefined;
  const source = evidence.source;
  if (source.kind === 'license-text') return path.dirname(source.path);
  if (source.kind === 'installed' && /^(METADATA|PKG-INFO|Cargo\.toml|package\.json)$/.test(path.basename(source.path))) return path.dirname(source.path);
  return undefined;
}
