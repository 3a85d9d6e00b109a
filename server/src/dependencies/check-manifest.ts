import type { DependencyDeclaration, DependencyResolver, EcosystemSupport, LicenseEvidence, ResolvedDependency, ResolvedPackage, TransitivePackage } from '../ecosystems/ecosystem';
import type { DependencySubject, Finding, Fix } from '../findings/finding';
import { readLicenseStatement } from '../licenses/read-license-statement';
import { formatSpdxExpression } from '../spdx/spdx-expression';
import { capProblems } from '../text/problem-limit';
import { LineIndex } from '../text/line-index';
import { describeUnknownLicense, unknownLicenseHeadline, type UnknownLicenseReason } from '../findings/unknown-license';
import { decidePackage, describeEvidenceSource, type DecisionContext, type PackageVerdict } from './decide-package';
import { unknownLicenseReason } from './unknown-license-reason';

/** One package's row in an audit report. */
export interface PackageRow {
  readonly manifest: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly purl: string;
  readonly version?: string;
  readonly direct: boolean;
  /** For transitive packages: the chain from the direct dependency. */
  readonly via: readonly string[];
  readonly license?: string;
  readonly licenseSource: string;
  readonly status: 'allowed' | 'approved' | 'problem';
  readonly code?: string;
  readonly why: string;
  /** For `license-unknown`: why no license could be established. */
  readonly unknownLicense?: UnknownLicenseReason;
}

/** What the hover shows on a dependency that has no finding: its license, where that came from, and why it passes. */
export interface DependencyNote {
  readonly range: Finding['range'];
  /** Markdown, worded only when a hover asks: every keystroke makes a note per passing dependency. */
  readonly detail: () => string;
}

/**
 * What checking one declaration yielded, kept between checks of the same manifest: an edit touches one line,
 * and the other declarations' findings only move. Findings keep the range of the check that made them; a
 * reuse places them on the declaration's current range.
 */
export interface DeclarationOutcome {
  readonly findings: readonly Finding[];
  readonly note?: DependencyNote['detail'];
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
  const seenRows = new Set<string>();
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
      outcome = checkDeclaration(input, declaration, range, collect ? { rows: packages, seen: seenRows } : undefined, enrich);
      outcomes?.set(key, outcome);
      if (outcomes && input.stopWhen?.()) return { findings: [], packages: [], notes: [], incomplete: true };
    }
    used.add(key);
    for (const finding of outcome.findings) findings.push(finding.range === range ? finding : { ...finding, range });
    if (outcome.note) notes.push({ range, detail: outcome.note });
  }
  if (outcomes) for (const key of outcomes.keys()) if (!used.has(key)) outcomes.delete(key);
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

function checkDeclaration(
  input: ManifestCheckInput,
  declaration: DependencyDeclaration,
  range: Finding['range'],
  collect: { rows: PackageRow[]; seen: Set<string> } | undefined,
  enrich: (pkg: ResolvedPackage) => ResolvedPackage,
): DeclarationOutcome {
  const findings: Finding[] = [];
  let note: DependencyNote['detail'] | undefined;
  const raw = resolveSafely(input.resolver, declaration);
  const directPkg = enrich(raw.pkg);
  const direct = decideCached(directPkg, declaration.versionSpec, input.context);
  const directRow = collect ? row(input, directPkg, direct, true, [], collect.seen) : undefined;
  if (directRow) collect!.rows.push(directRow);
  if (direct.kind === 'problem') {
    findings.push(toFinding(input, declaration, directPkg, [directPkg.name], direct, range));
  } else {
    note = () => noteFor(input, directPkg, direct);
  }
  const remembered = collect ? undefined : input.transitiveFindings?.get(raw.transitive)?.get(declaration.name);
  if (remembered) {
    for (const finding of remembered) findings.push({ ...finding, range });
    return note ? { findings, note } : { findings };
  }
  const problems = new Map<string, Finding[]>();
  for (const { chain, pkg: rawPkg } of raw.transitive) {
    const pkg = enrich(rawPkg);
    const verdict = decideCached(pkg, undefined, input.context);
    const r = collect ? row(input, pkg, verdict, false, chain, collect.seen) : undefined;
    if (r) collect!.rows.push(r);
    if (verdict.kind === 'problem') {
      const finding = toFinding(input, declaration, pkg, chain, verdict, range);
      const list = problems.get(verdict.code);
      if (list) list.push(finding);
      else problems.set(verdict.code, [finding]);
    }
  }
  const transitiveFindings = [...problems.values()].flatMap((group) => summarise(group, declaration.name));
  findings.push(...transitiveFindings);
  if (!collect && input.transitiveFindings && raw.transitive.length > 0) {
    let byName = input.transitiveFindings.get(raw.transitive);
    if (!byName) {
      byName = new Map();
      input.transitiveFindings.set(raw.transitive, byName);
    }
    byName.set(declaration.name, transitiveFindings);
  }
  return note ? { findings, note } : { findings };
}


function noteFor(input: ManifestCheckInput, pkg: ResolvedPackage, verdict: Extract<PackageVerdict, { kind: 'pass' }>): string {
  const license = verdict.license ?? licenseText(pkg.license);
  const how = verdict.by === 'approval' ? 'approved' : 'allowed';
  return [
    `**${pkg.name}${pkg.version ? `@${pkg.version}` : ''}** (${pkg.purl})`,
    `License: ${license ?? 'unknown'} — ${describeEvidenceSource(pkg.license, input.context.displayPath)}.`,
    `Decision: ${how} — ${verdict.why}.`,
  ].join('\n\n');
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
 * line; the summary names the first few and the hover lists them all.
 */
function summarise(group: Finding[], direct: string): Finding[] {
  if (group.length <= MAX_FINDINGS_PER_RULE_AND_DEPENDENCY) return group;
  const chains = group.map((f) => (f.subject.kind === 'dependency' ? f.subject.via.join(' > ') : ''));
  // The first finding's reason is one package's, not the summary's: each listed message keeps its own.
  const { unknownLicense: _reason, ...first } = group[0];
  const headline = first.message.slice(first.message.indexOf(': ') + 2, first.message.indexOf(' — '));
  return [
    {
      ...first,
      message: `${direct}: ${group.length} packages it brings in have this problem (${first.code}), e.g. ${chains.slice(0, MAX_FINDINGS_PER_RULE_AND_DEPENDENCY).join(', ')} — first: ${headline}`,
      detail: [`**${direct}** brings in ${group.length} packages with \`${first.code}\`:`, ...group.map((f) => `- ${f.message}`)].join('\n'),
      fixes: [],
    },
  ];
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

function toFinding(
  input: ManifestCheckInput,
  declaration: DependencyDeclaration,
  pkg: ResolvedPackage,
  chain: readonly string[],
  verdict: Extract<PackageVerdict, { kind: 'problem' }>,
  range: Finding['range'],
): Finding {
  const isDirect = chain.length <= 1;
  const license = verdict.license ?? licenseText(pkg.license);
  const subject: DependencySubject = {
    kind: 'dependency',
    purl: pkg.purl,
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    ...(isDirect && declaration.versionSpec ? { versionSpec: declaration.versionSpec } : {}),
    ...(pkg.version ? { version: pkg.version } : {}),
    ...(license ? { license } : {}),
    via: chain,
  };
  const label = chain.join(' > ');
  // A pending request on a denied (or unknown) license must still read as denied: only "needs approval" is implied.
  const pendingRule = verdict.pendingRule;
  const ruling = pendingRule && pendingRule !== 'license-needs-approval' ? pendingRule : verdict.code;
  const unknown = ruling === 'license-unknown' ? reasonFor(input, pkg) : undefined;
  const ruled = unknown ? unknownLicenseHeadline(unknown) : headlineFor(ruling, license);
  const headline = ruling === verdict.code ? ruled : `${ruled}, approval pending`;
  const fixes: Fix[] = verdict.approvable
    ? [{ kind: 'requestApproval', title: `Request approval for ${pkg.name}`, subject, exceptionTo: verdict.severity === 'error' ? 'deny' : 'review', licenseRecognised: verdict.code !== 'license-unknown' }]
    : [];
  const version = pkg.version ? `@${pkg.version}` : '';
  return {
    code: verdict.code,
    severity: verdict.severity,
    message: `${label}: ${headline} — ${verdict.why}`,
    path: input.path,
    range,
    detail: [
      `**${pkg.name}${version}** (${pkg.purl})`,
      isDirect ? `Declared in \`${declaration.group}\`${declaration.versionSpec ? ` as \`${declaration.versionSpec}\`` : ''}.` : `Brought in by: ${label}.`,
      `License: ${license ?? 'unknown'} — ${describeEvidenceSource(pkg.license, input.context.displayPath)}.`,
      ...(unknown ? [describeUnknownLicense(unknown)] : []),
      `Decision: ${verdict.why}.`,
      `Rule: \`${verdict.code}\`.`,
    ].join('\n\n'),
    subject,
    fixes,
    ...(unknown ? { unknownLicense: unknown } : {}),
  };
}

function reasonFor(input: ManifestCheckInput, pkg: ResolvedPackage): UnknownLicenseReason {
  return unknownLicenseReason(pkg.license, input.context.policy.licenses.minConfidence, input.context.displayPath);
}

function headlineFor(code: string, license: string | undefined): string {
  const l = license ?? 'unknown license';
  switch (code) {
    case 'package-denied':
      return 'package denied';
    case 'license-denied':
      return `${l} is denied`;
    case 'license-needs-approval':
      return `${l} needs approval`;
    case 'approval-pending':
      return `${l} approval pending`;
    case 'approval-rejected':
      return `${l} approval rejected`;
    default:
      return l;
  }
}

function row(
  input: ManifestCheckInput,
  pkg: ResolvedPackage,
  verdict: PackageVerdict,
  direct: boolean,
  via: readonly string[],
  seen: Set<string>,
): PackageRow | undefined {
  const key = `${pkg.purl}@${pkg.version ?? ''}`;
  if (!direct && seen.has(key)) return undefined;
  seen.add(key);
  const license = verdict.license ?? licenseText(pkg.license);
  const unknown = verdict.kind === 'problem' && verdict.code === 'license-unknown' ? reasonFor(input, pkg) : undefined;
  return {
    manifest: input.path,
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    purl: pkg.purl,
    ...(pkg.version ? { version: pkg.version } : {}),
    direct,
    via,
    ...(license ? { license } : {}),
    licenseSource: unknown ? describeUnknownLicense(unknown) : describeEvidenceSource(pkg.license, input.context.displayPath),
    status: verdict.kind === 'problem' ? 'problem' : verdict.by === 'approval' ? 'approved' : 'allowed',
    ...(verdict.kind === 'problem' ? { code: verdict.code } : {}),
    why: verdict.why,
    ...(unknown ? { unknownLicense: unknown } : {}),
  };
}
