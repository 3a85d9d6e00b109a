import { printParseErrorCode, stripComments, type Node, type ParseError } from 'jsonc-parser';
import { parseJsonTree } from '../text/json-tree';
import { capProblems } from '../text/problem-limit';
import { isPolicyCategory, POLICY_CATEGORIES } from '../spdx/policy-categories';
import { parseSpdxExpression } from '../spdx/spdx-expression';
import type { OffsetSpan } from '../text/line-index';
import type { OffsetEdit } from '../text/text-edit';
import { categoryMembers } from '../spdx/policy-categories';
import { correctIdCase, deprecatedIdAdvice, purlTypeAdvice, suggestCategory, type EntryAdvice } from './policy-entry-advice';
import { parseExpiryPeriod, type ExpiryPeriod } from './approval-expiry';
import { copyrightHolderProblem, headerTextProblem } from './header-text';
import { globLimitProblem } from './glob-limits';
import { parsePackagePattern } from './package-pattern';
import type { Disposition, LicenseRule, LicenseSettingKey, PackagePattern, PolicyEntryLocation } from './policy-types';

/** An edit of the policy file that would resolve a problem. */
export interface PolicyProblemFix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
}

/**
 * A problem in a policy file, at the exact place it occurs. A warning leaves the policy valid: the entry still
 * means something, or means nothing harmful.
 */
export interface PolicyProblem {
  readonly path: string;
  readonly span: OffsetSpan;
  readonly message: string;
  /** Set when the problem is only that a restricted workspace did not load something: what was skipped. */
  readonly notLoaded?: string;
  readonly severity?: 'warning';
  readonly fixes?: readonly PolicyProblemFix[];
}

/** What one policy file says, validated; keys the file does not set are absent. */
export interface PolicyLayer {
  readonly path: string;
  readonly extends: ReadonlyArray<{ readonly target: string; readonly span: OffsetSpan }>;
  readonly licenses: {
    readonly allow?: readonly LicenseRule[];
    readonly review?: readonly LicenseRule[];
    readonly deny?: readonly LicenseRule[];
    readonly unknown?: Disposition;
    readonly unlisted?: Disposition;
    readonly minConfidence?: number;
    readonly settingsAt?: Readonly<Partial<Record<LicenseSettingKey, PolicyEntryLocation>>>;
  };
  readonly packages: {
    readonly allow?: readonly PackagePattern[];
    readonly deny?: readonly PackagePattern[];
    readonly private?: readonly PackagePattern[];
  };
  readonly headers: {
    readonly enabled?: boolean;
    readonly include?: readonly string[];
    readonly exclude?: readonly string[];
    readonly license?: string;
    readonly copyrightHolder?: string;
    readonly template?: readonly string[];
    readonly reuse?: boolean;
    readonly styles?: Readonly<Record<string, string>>;
  };
  readonly approvals: {
    readonly file?: string;
    readonly requestUrl?: string;
    readonly reviewers?: readonly string[];
    readonly allowSelfApproval?: boolean;
    readonly defaultExpiry?: ExpiryPeriod;
  };
  /** Where `approvals.file` is written, for problems found once the whole chain is read. */
  readonly approvalsFileSpan?: OffsetSpan;
}

const DISPOSITIONS: readonly Disposition[] = ['allow', 'review', 'deny'];

/** Collects problems while reading one file's syntax tree. */
class LayerReader {
  private readonly found: PolicyProblem[] = [];
  /** Each license entry and package pattern already read, by what it means, with the list it is in. */
  private readonly named = new Map<string, string>();
  constructor(private readonly path: string) {}

  get problems(): PolicyProblem[] {
    return capProblems(this.found, (first, count) => ({ ...first, message: `… and ${count} more problems in this policy file` }));
  }

  /** Where a value is written, for findings that name the entry that decided them. */
  at(node: Node): PolicyEntryLocation {
    return { path: this.path, span: { start: node.offset, end: node.offset + node.length } };
  }

  problem(node: Node | OffsetSpan, message: string, extra: Pick<PolicyProblem, 'severity' | 'fixes'> = {}): void {
    const span = 'type' in node ? { start: node.offset, end: node.offset + node.length } : node;
    this.found.push({ path: this.path, span, message, ...extra });
  }

  /** A problem whose advice names replacements for the entry: each becomes a fix. */
  advise(node: Node, advice: EntryAdvice, severity?: 'warning'): void {
    const span = { start: node.offset, end: node.offset + node.length };
    const fixes = advice.replacements.map((r) => ({ title: `Change to "${r}"`, edits: [{ span, newText: JSON.stringify(r) }] }));
    this.problem(node, advice.message, { ...(severity ? { severity } : {}), ...(fixes.length ? { fixes } : {}) });
  }

  /** A license or package named a second time in this file: the first mention is what a reader sees. */
  duplicate(key: string, node: Node, where: string): boolean {
    const first = this.named.get(key);
    if (first === undefined) {
      this.named.set(key, where);
      return false;
    }
    const text = String(node.value);
    const message = first === where ? `"${text}" is named twice in ${where}` : `"${text}" is in both ${first} and ${where}; the stricter list wins`;
    this.problem(node, message, { severity: 'warning', fixes: [{ title: `Remove this "${text}"`, edits: [{ span: removalSpan(node), newText: '' }] }] });
    return true;
  }

  /** The object's properties by key, reporting keys that are not in `known`. */
  object(node: Node, where: string, known: readonly string[]): Map<string, Node> {
    const props = new Map<string, Node>();
    if (node.type !== 'object') {
      this.problem(node, `${where} must be an object`);
      return props;
    }
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      if (key === '$schema') continue;
      if (!known.includes(key)) {
        this.problem(keyNode, `unknown key "${key}" in ${where}; expected one of ${known.map((k) => `"${k}"`).join(', ')}`);
        continue;
      }
      props.set(key, valueNode);
    }
    return props;
  }

  string(node: Node | undefined, where: string): string | undefined {
    if (!node) return undefined;
    if (node.type !== 'string') return void this.problem(node, `${where} must be a string`);
    return node.value as string;
  }

  boolean(node: Node | undefined, where: string): boolean | undefined {
    if (!node) return undefined;
    if (node.type !== 'boolean') return void this.problem(node, `${where} must be true or false`);
    return node.value as boolean;
  }

  strings(node: Node | undefined, where: string): Array<{ value: string; node: Node }> | undefined {
    if (!node) return undefined;
    if (node.type !== 'array') return void this.problem(node, `${where} must be an array of strings`);
    const out: Array<{ value: string; node: Node }> = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'string') this.problem(item, `${where} items must be strings`);
      else out.push({ value: item.value as string, node: item });
    }
    return out;
  }

  /** Glob strings; one beyond the glob limits is reported at its entry and left out. */
  globs(node: Node | undefined, where: string): string[] | undefined {
    return this.strings(node, where)?.flatMap(({ value, node: item }) => (this.globWithinLimits(value, item, where) ? [value] : []));
  }

  globWithinLimits(glob: string, node: Node, where: string): boolean {
    const problem = globLimitProblem(glob);
    if (problem) this.problem(node, `${where}: the glob ${JSON.stringify(glob.length > 60 ? `${glob.slice(0, 60)}…` : glob)} ${problem}`);
    return problem === undefined;
  }

  disposition(node: Node | undefined, where: string): Disposition | undefined {
    const value = this.string(node, where);
    if (value === undefined || !node) return undefined;
    if (!(DISPOSITIONS as readonly string[]).includes(value)) {
      return void this.problem(node, `${where} must be "allow", "review" or "deny", not "${value}"`);
    }
    return value as Disposition;
  }

  licenseRules(node: Node | undefined, where: string): LicenseRule[] | undefined {
    const items = this.strings(node, where);
    if (!items) return undefined;
    const rules: LicenseRule[] = [];
    for (const { value, node: item } of items) {
      const rule = this.licenseRule(value, item, where);
      if (rule) {
        rules.push(rule);
        this.duplicate(`license:${rule.kind === 'license' ? (rule.exception ? `${rule.id} WITH ${rule.exception}` : rule.id) : rule.kind === 'ref' ? rule.ref : '@' + rule.category}`, item, where);
      }
    }
    return rules;
  }

  private licenseRule(text: string, node: Node, where: string): LicenseRule | undefined {
    const at = this.at(node);
    if (text.startsWith('@')) {
      const category = text.slice(1);
      if (isPolicyCategory(category)) {
        if (categoryMembers(category).length === 0) this.problem(node, `${text} in ${where} contains no license, so it matches nothing`, { severity: 'warning' });
        return { kind: 'category', category, text, at };
      }
      const suggestion = suggestCategory(category);
      const known = `known: ${POLICY_CATEGORIES.map((c) => '@' + c).join(', ')}`;
      return void this.advise(node, {
        message: `unknown license category "${text}" in ${where}; ${suggestion ? `did you mean "${suggestion}"?` : known}`,
        replacements: suggestion ? [suggestion] : [],
      });
    }
    const parsed = parseSpdxExpression(text);
    if (!parsed.ok) {
      const corrected = correctIdCase(text);
      if (corrected) return void this.advise(node, { message: `"${text}" in ${where}: SPDX ids are case-sensitive; did you mean "${corrected}"?`, replacements: [corrected] });
      return void this.problem(node, `"${text}" in ${where}: ${parsed.error} (ids are case-sensitive)`);
    }
    const deprecated = deprecatedIdAdvice(text, where);
    if (deprecated) this.advise(node, deprecated, 'warning');
    const expression = parsed.expression;
    if (expression.kind === 'ref') return { kind: 'ref', ref: expression.ref, text, at };
    if (expression.kind === 'license') {
      return expression.exception
        ? { kind: 'license', id: expression.id, exception: expression.exception, text, at }
        : { kind: 'license', id: expression.id, text, at };
    }
    return void this.problem(node, `"${text}" in ${where}: list one license per item (with an optional WITH exception); AND/OR expressions are evaluated from their parts`);
  }

  packagePatterns(node: Node | undefined, where: string): PackagePattern[] | undefined {
    const items = this.strings(node, where);
    if (!items) return undefined;
    const patterns: PackagePattern[] = [];
    for (const { value, node: item } of items) {
      const parsed = parsePackagePattern(value);
      if (parsed.ok) {
        const advice = purlTypeAdvice(value, parsed.pattern.type, where);
        if (advice) this.advise(item, advice, 'warning');
        if (this.globWithinLimits(parsed.pattern.nameGlob, item, where)) patterns.push({ ...parsed.pattern, at: this.at(item) });
        if (where !== 'packages.private') this.duplicate(`package:${parsed.pattern.text}`, item, where);
      } else this.problem(item, `${where}: ${parsed.error}`);
    }
    return patterns;
  }
}

/** Parses and validates one policy file (JSONC: comments and trailing commas allowed). */
export function readPolicyLayer(path: string, text: string): { layer: PolicyLayer; problems: PolicyProblem[] } {
  const reader = new LayerReader(path);
  const empty: PolicyLayer = { path, extends: [], licenses: {}, packages: {}, headers: {}, approvals: {} };
  // A file just created, or emptied, is no policy yet: the embedded default applies until it says something.
  if (isBlankPolicy(text)) return { layer: empty, problems: [] };
  const tree = parseJsonTree(text, { allowTrailingComma: true, disallowComments: false });
  if (tree.kind === 'too-deep') {
    reader.problem(tree.span, `policy syntax error: ${tree.message}`);
    return { layer: empty, problems: reader.problems };
  }
  const { root, errors } = tree;
  for (const error of errors) {
    reader.problem({ start: error.offset, end: error.offset + Math.max(1, error.length) }, `policy syntax error: ${describeParseError(error)}`);
  }
  if (!root) return { layer: empty, problems: reader.problems };
  const top = reader.object(root, 'the policy', ['extends', 'licenses', 'packages', 'headers', 'approvals']);

  const extendsNode = top.get('extends');
  const extendsTargets: Array<{ target: string; span: OffsetSpan }> = [];
  if (extendsNode) {
    const items = extendsNode.type === 'string' ? [{ value: extendsNode.value as string, node: extendsNode }] : reader.strings(extendsNode, '"extends"') ?? [];
    for (const { value, node } of items) extendsTargets.push({ target: value, span: { start: node.offset, end: node.offset + node.length } });
  }

  let licenses: PolicyLayer['licenses'] = {};
  const licensesNode = top.get('licenses');
  if (licensesNode) {
    const p = reader.object(licensesNode, '"licenses"', ['allow', 'review', 'deny', 'unknown', 'unlisted', 'minConfidence']);
    const minNode = p.get('minConfidence');
    let minConfidence: number | undefined;
    if (minNode) {
      if (minNode.type !== 'number' || (minNode.value as number) < 0 || (minNode.value as number) > 1) reader.problem(minNode, 'licenses.minConfidence must be a number from 0 to 1');
      else minConfidence = minNode.value as number;
    }
    const settingsAt: Partial<Record<LicenseSettingKey, PolicyEntryLocation>> = {};
    for (const key of ['unknown', 'unlisted', 'minConfidence'] as const) {
      const node = p.get(key);
      if (node) settingsAt[key] = reader.at(node);
    }
    licenses = prune({
      allow: reader.licenseRules(p.get('allow'), 'licenses.allow'),
      review: reader.licenseRules(p.get('review'), 'licenses.review'),
      deny: reader.licenseRules(p.get('deny'), 'licenses.deny'),
      unknown: reader.disposition(p.get('unknown'), 'licenses.unknown'),
      unlisted: reader.disposition(p.get('unlisted'), 'licenses.unlisted'),
      minConfidence,
      settingsAt: Object.keys(settingsAt).length ? settingsAt : undefined,
    });
  }

  let packages: PolicyLayer['packages'] = {};
  const packagesNode = top.get('packages');
  if (packagesNode) {
    const p = reader.object(packagesNode, '"packages"', ['allow', 'deny', 'private']);
    packages = prune({
      allow: reader.packagePatterns(p.get('allow'), 'packages.allow'),
      deny: reader.packagePatterns(p.get('deny'), 'packages.deny'),
      private: reader.packagePatterns(p.get('private'), 'packages.private'),
    });
  }

  let headers: PolicyLayer['headers'] = {};
  const headersNode = top.get('headers');
  if (headersNode) {
    const p = reader.object(headersNode, '"headers"', ['enabled', 'include', 'exclude', 'license', 'copyrightHolder', 'template', 'reuse', 'styles']);
    const licenseNode = p.get('license');
    let license = reader.string(licenseNode, 'headers.license');
    if (license !== undefined && licenseNode) {
      const parsed = parseSpdxExpression(license);
      if (!parsed.ok) {
        const corrected = correctIdCase(license);
        if (corrected) reader.advise(licenseNode, { message: `headers.license "${license}": SPDX ids are case-sensitive; did you mean "${corrected}"?`, replacements: [corrected] });
        else reader.problem(licenseNode, `headers.license "${license}": ${parsed.error}`);
        license = undefined;
      }
    }
    const templateItems = reader.strings(p.get('template'), 'headers.template');
    let template = templateItems?.map((s) => s.value);
    if (template && !template.some((line) => line.includes('{license}') || /SPDX-License-Identifier:/i.test(line))) {
      reader.problem(p.get('template')!, 'headers.template must contain an SPDX-License-Identifier line (use {license})');
    }
    // A template with an unsafe line is dropped whole: a header missing one of its lines would be wrong too.
    for (const { value, node } of templateItems ?? []) {
      const problem = headerTextProblem(value);
      if (problem) {
        reader.problem(node, `headers.template line ${problem}`);
        template = undefined;
      }
    }
    const holderNode = p.get('copyrightHolder');
    let copyrightHolder = reader.string(holderNode, 'headers.copyrightHolder');
    const holderProblem = copyrightHolder === undefined ? undefined : copyrightHolderProblem(copyrightHolder);
    if (holderProblem && holderNode) {
      reader.problem(holderNode, `headers.copyrightHolder ${holderProblem}`);
      copyrightHolder = undefined;
    }
    let styles: Record<string, string> | undefined;
    const stylesNode = p.get('styles');
    if (stylesNode) {
      styles = {};
      if (stylesNode.type !== 'object') reader.problem(stylesNode, 'headers.styles must map globs to comment style names');
      for (const prop of stylesNode.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) {
          if (v.type !== 'string') reader.problem(v, 'headers.styles values must be comment style names');
          else if (reader.globWithinLimits(String(k.value), k, 'headers.styles')) styles[String(k.value)] = v.value as string;
        }
      }
    }
    headers = prune({
      enabled: reader.boolean(p.get('enabled'), 'headers.enabled'),
      include: reader.globs(p.get('include'), 'headers.include'),
      exclude: reader.globs(p.get('exclude'), 'headers.exclude'),
      license,
      copyrightHolder,
      template,
      reuse: reader.boolean(p.get('reuse'), 'headers.reuse'),
      styles,
    });
  }

  let approvals: PolicyLayer['approvals'] = {};
  let approvalsFileSpan: OffsetSpan | undefined;
  const approvalsNode = top.get('approvals');
  if (approvalsNode) {
    const p = reader.object(approvalsNode, '"approvals"', ['file', 'requestUrl', 'reviewers', 'allowSelfApproval', 'defaultExpiry']);
    const fileNode = p.get('file');
    if (fileNode) approvalsFileSpan = { start: fileNode.offset, end: fileNode.offset + fileNode.length };
    const urlNode = p.get('requestUrl');
    const requestUrl = reader.string(urlNode, 'approvals.requestUrl');
    if (requestUrl !== undefined && urlNode && !/^https?:\/\//i.test(requestUrl)) reader.problem(urlNode, 'approvals.requestUrl must be an http(s) URL');
    const reviewers = reader.strings(p.get('reviewers'), 'approvals.reviewers')?.filter(({ value, node }) => {
      if (value.trim() !== '') return true;
      reader.problem(node, 'approvals.reviewers: an empty name matches no one');
      return false;
    });
    const expiryNode = p.get('defaultExpiry');
    let defaultExpiry: ExpiryPeriod | undefined;
    if (expiryNode) {
      const parsed = expiryNode.type === 'string' || expiryNode.type === 'number' ? parseExpiryPeriod(expiryNode.value as string | number) : { error: 'must be a period such as "12 months" or a number of days' };
      if ('error' in parsed) reader.problem(expiryNode, `approvals.defaultExpiry: ${parsed.error}`);
      else defaultExpiry = parsed;
    }
    approvals = prune({
      file: reader.string(p.get('file'), 'approvals.file'),
      requestUrl: requestUrl && /^https?:\/\//i.test(requestUrl) ? requestUrl : undefined,
      reviewers: reviewers?.map((r) => r.value.trim()),
      allowSelfApproval: reader.boolean(p.get('allowSelfApproval'), 'approvals.allowSelfApproval'),
      defaultExpiry,
    });
  }

  return { layer: { path, extends: extendsTargets, licenses, packages, headers, approvals, ...(approvalsFileSpan ? { approvalsFileSpan } : {}) }, problems: reader.problems };
}

/** Nothing but white space and comments: a policy file not written yet. */
export function isBlankPolicy(text: string): boolean {
  return text.trim() === '' || (text.length < 64 * 1024 && stripComments(text).trim() === '');
}

/** The span that removes an array item with the comma that separates it from its neighbour. */
export function removalSpan(node: Node): OffsetSpan {
  const siblings = node.parent?.children ?? [node];
  const index = siblings.indexOf(node);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  const next = siblings[index + 1];
  if (previous) return { start: previous.offset + previous.length, end: node.offset + node.length };
  if (next) return { start: node.offset, end: next.offset };
  return { start: node.offset, end: node.offset + node.length };
}

function describeParseError(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Drops undefined values so that a later layer's absent key never overrides an earlier one's value. */
function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
