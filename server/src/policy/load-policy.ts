import * as path from 'node:path';
import type { FileSource } from '../io/file-source';
import { placePath } from '../io/path-containment';
import { interpretLicenseStatement } from '../spdx/interpret-license-statement';
import { formatSpdxExpression } from '../spdx/spdx-expression';
import { DEFAULT_LICENSES, defaultPolicy, DEFAULT_POLICY_PATH } from './default-policy';
import type { LicenseRule, PackagePattern, Policy } from './policy-types';
import type { OffsetSpan } from '../text/line-index';
import { readPolicyLayer, type PolicyLayer, type PolicyProblem } from './read-policy-layer';
import { shadowedCategoryWarnings } from './shadowed-categories';
import type { PinnedUrl, RemotePolicyStore } from './remote-policy-store';
import { resolveExtends, type BaseOrigin } from './resolve-extends';

export interface PolicyLoadOptions {
  readonly workspaceRoot: string;
  readonly files: FileSource;
  /** Overrides `.ospo/policy.json` (setting `ospo.policyFile`, CLI `--policy`); relative to the root. */
  readonly policyFile?: string;
  /** In an untrusted workspace the policy may not reach outside its folder through `extends`. */
  readonly trusted: boolean;
  /**
   * The user (never the workspace's own policy) lets the approvals log live outside the folder; honoured only
   * in a trusted workspace.
   */
  readonly approvalsOutsideWorkspace?: boolean;
  /** Shared policies named by pinned URLs, read from its cache; without it URL entries are problems. */
  readonly remote?: RemotePolicyStore;
}

/** One `extends` entry and what it led to, for the hover on the entry. */
export interface ResolvedBase {
  /** The policy file that holds the entry. */
  readonly file: string;
  readonly span: OffsetSpan;
  readonly target: string;
  readonly origin: BaseOrigin;
}

/** What every load reports besides the policy: the bases it read, and pinned URLs still to fetch. */
interface PolicyLoadExtras {
  readonly bases?: readonly ResolvedBase[];
  /** Pinned URLs that are neither cached nor tried yet: fetch them (`RemotePolicyStore.fetch`) and load again. */
  readonly pendingUrls?: readonly PinnedUrl[];
}

export type PolicyLoadResult = PolicyLoadExtras &
  (
    /** `warnings`: entries that mean nothing or are named twice; the policy applies as written. */
    | { readonly kind: 'loaded'; readonly policy: Policy; readonly warnings?: readonly PolicyProblem[] }
    /** The policy has problems; `policy` is what could be read, callers usually keep their last good one. */
    | { readonly kind: 'invalid'; readonly problems: readonly PolicyProblem[]; readonly policy: Policy }
    /** An explicitly named policy file does not exist. */
    | { readonly kind: 'missing'; readonly path: string; readonly policy: Policy }
  );

/** The license the project itself declares (root package.json `license`), used by the default header policy. */
export function projectLicense(workspaceRoot: string, files: FileSource): string | undefined {
  const text = files.readText(path.join(workspaceRoot, 'package.json'));
  if (!text) return undefined;
  try {
    const license = (JSON.parse(text) as { license?: unknown }).license;
    if (typeof license !== 'string') return undefined;
    const statement = interpretLicenseStatement(license);
    return statement.kind === 'spdx' ? formatSpdxExpression(statement.expression) : undefined;
  } catch {
    return undefined;
  }
}

export function resolvePolicyPath(options: Pick<PolicyLoadOptions, 'workspaceRoot' | 'policyFile'>): string {
  return path.resolve(options.workspaceRoot, options.policyFile ?? DEFAULT_POLICY_PATH);
}

/** Loads the workspace policy and its `extends` chain, or the embedded default when there is no policy file. */
export function loadPolicy(options: PolicyLoadOptions): PolicyLoadResult {
  const policyPath = resolvePolicyPath(options);
  const fallback = defaultPolicy(projectLicense(options.workspaceRoot, options.files));
  // The workspace's own policy file, linked to a file elsewhere, would be read from outside the folder.
  if (!options.trusted && options.policyFile === undefined) {
    const placement = placePath(options.workspaceRoot, policyPath);
    if (placement.kind === 'outside' && options.files.exists(policyPath)) {
      const message = `the policy file leads outside the workspace folder and is not read in a restricted workspace: ${placement.reason}`;
      return { kind: 'invalid', policy: fallback, problems: [{ path: policyPath, span: { start: 0, end: 0 }, message, notLoaded: policyPath }] };
    }
  }
  const text = options.files.readText(policyPath);
  if (text === undefined) {
    if (options.policyFile !== undefined && options.files.exists(policyPath) === false) {
      return { kind: 'missing', path: policyPath, policy: fallback };
    }
    if (options.files.exists(policyPath)) {
      return {
        kind: 'invalid',
        policy: fallback,
        problems: [{ path: policyPath, span: { start: 0, end: 0 }, message: 'the policy file cannot be read as UTF-8 text' }],
      };
    }
    return { kind: 'loaded', policy: fallback };
  }

  const problems: PolicyProblem[] = [];
  const layers: PolicyLayer[] = [];
  const found: ChainFindings = { bases: [], pendingUrls: [] };
  collectLayers(policyPath, text, [], false, options, layers, problems, found);
  const merged = mergeLayers(layers, fallback, policyPath);
  problems.push(...shadowedCategoryWarnings(policyPath, text, merged.licenses));
  const policy = confineApprovalsLog(merged, layers, fallback, options, problems);
  const errors = problems.filter((p) => p.severity !== 'warning');
  const extras: PolicyLoadExtras = { bases: found.bases, ...(found.pendingUrls.length ? { pendingUrls: found.pendingUrls } : {}) };
  if (errors.length) return { kind: 'invalid', problems, policy, ...extras };
  return problems.length ? { kind: 'loaded', policy, warnings: problems, ...extras } : { kind: 'loaded', policy, ...extras };
}

interface ChainFindings {
  readonly bases: ResolvedBase[];
  readonly pendingUrls: PinnedUrl[];
}

/**
 * "Request approval" edits the approvals log, so a policy naming `/etc/passwd` or `../../x` there would have the
 * editor write outside the folder. The log must resolve, after symbolic links, inside the workspace folder;
 * otherwise the problem is reported where the path is written and the default log is used.
 */
function confineApprovalsLog(policy: Policy, layers: readonly PolicyLayer[], fallback: Policy, options: PolicyLoadOptions, problems: PolicyProblem[]): Policy {
  if (options.trusted && options.approvalsOutsideWorkspace === true) return policy;
  const naming = [...layers].reverse().find((layer) => layer.approvals.file !== undefined);
  if (!naming) return policy;
  const placement = placePath(options.workspaceRoot, policy.approvals.file);
  if (placement.kind === 'inside') return policy;
  const allow = options.trusted ? '; to allow it, turn on the user setting ospo.approvals.allowOutsideWorkspace' : ' and a restricted workspace cannot allow it';
  problems.push({
    path: naming.path,
    span: naming.approvalsFileSpan ?? { start: 0, end: 0 },
    message: `approvals.file "${policy.approvals.file}" must be inside the workspace folder: ${placement.reason}${allow}`,
    ...(options.trusted ? {} : { notLoaded: policy.approvals.file }),
  });
  return { ...policy, approvals: { ...policy.approvals, file: fallback.approvals.file } };
}

/** Far above any hand-written policy (the starter policy is a few KB), far below what stalls the server. */
export const MAX_POLICY_CHARS = 256 * 1024;

/** Depth-first: a file's bases come before it, in the order listed, so later layers win. */
function collectLayers(
  file: string,
  text: string,
  stack: readonly string[],
  remote: boolean,
  options: PolicyLoadOptions,
  out: PolicyLayer[],
  problems: PolicyProblem[],
  found: ChainFindings,
): void {
  if (text.length > MAX_POLICY_CHARS) {
    // A policy is written by hand; one this large is a mistake or an attack, and reading it would stall every check.
    const size = `${Math.round(text.length / 1024)} KB`;
    problems.push({ path: file, span: { start: 0, end: 0 }, message: `the policy file is too large to read: ${size} > ${MAX_POLICY_CHARS / 1024} KB` });
    return;
  }
  const { layer, problems: own } = readPolicyLayer(file, text);
  problems.push(...own);
  for (const { target, span } of layer.extends) {
    const report = (message: string, notLoaded?: string) => problems.push({ path: file, span, message, ...(notLoaded ? { notLoaded } : {}) });
    if (target === EMBEDDED_DEFAULT) {
      out.push(embeddedDefaultLayer());
      continue;
    }
    const outcome = resolveExtends(target, file, remote, { workspaceRoot: options.workspaceRoot, files: options.files, trusted: options.trusted, ...(options.remote ? { remote: options.remote } : {}) });
    if (outcome.kind === 'pending') {
      found.pendingUrls.push(outcome.pin);
      report(outcome.message);
      continue;
    }
    if (outcome.kind === 'problem') {
      report(outcome.message, outcome.notLoaded);
      continue;
    }
    const resolved = outcome.path;
    if (resolved === file || stack.includes(resolved)) {
      report(`extends "${target}" forms a cycle: ${[...stack, file, resolved].map((p) => path.basename(p)).join(' → ')}`);
      continue;
    }
    found.bases.push({ file, span, target, origin: outcome.origin });
    if (outcome.text === undefined) {
      report(`extends "${target}": ${resolved} cannot be read as UTF-8 text`);
      continue;
    }
    const before = problems.length;
    collectLayers(resolved, outcome.text, [...stack, file], outcome.origin.kind === 'url', options, out, problems, found);
    const baseErrors = problems.slice(before).filter((p) => p.severity !== 'warning').length;
    if (baseErrors > 0) {
      report(`extends "${target}": the base policy has ${baseErrors} problem(s)`);
    }
  }
  out.push(layer);
}

/** `"extends": "ospo:default"`: the embedded default's license lists, below the file that names it. */
export const EMBEDDED_DEFAULT = 'ospo:default';

function embeddedDefaultLayer(): PolicyLayer {
  const { allow, review, deny } = DEFAULT_LICENSES;
  return { path: EMBEDDED_DEFAULT, extends: [], licenses: { allow, review, deny }, packages: {}, headers: {}, approvals: {} };
}

type ListName = 'allow' | 'review' | 'deny';

/**
 * Merges layers in order. Scalars: the last layer that sets one wins. License and package lists accumulate,
 * and an entry a later layer places in one list is removed from the others, so a project can move a license
 * its organisation reviews into `allow` without copying the organisation's lists.
 */
function mergeLayers(layers: readonly PolicyLayer[], fallback: Policy, policyPath: string): Policy {
  const licenseLists: Record<ListName, LicenseRule[]> = { allow: [], review: [], deny: [] };
  const packageLists: Record<'allow' | 'deny', PackagePattern[]> = { allow: [], deny: [] };
  const privatePatterns: PackagePattern[] = [];
  let licenses = { ...fallback.licenses };
  let headers = { ...fallback.headers };
  let approvals = { ...fallback.approvals };
  let anyLicenseList = false;

  for (const layer of layers) {
    for (const list of ['allow', 'review', 'deny'] as const) {
      const rules = layer.licenses[list];
      if (!rules) continue;
      // `"allow": []` is a list being written, not a decision to allow nothing: alone, it keeps the default lists.
      if (rules.length > 0) anyLicenseList = true;
      const texts = new Set(rules.map(ruleKey));
      for (const other of ['allow', 'review', 'deny'] as const) {
        licenseLists[other] = licenseLists[other].filter((r) => !texts.has(ruleKey(r)));
      }
      licenseLists[list].push(...rules);
    }
    for (const list of ['allow', 'deny'] as const) {
      const patterns = layer.packages[list];
      if (!patterns) continue;
      const texts = new Set(patterns.map((p) => p.text));
      for (const other of ['allow', 'deny'] as const) packageLists[other] = packageLists[other].filter((p) => !texts.has(p.text));
      packageLists[list].push(...patterns);
    }
    privatePatterns.push(...(layer.packages.private ?? []));
    const { allow: _a, review: _r, deny: _d, settingsAt, ...scalars } = layer.licenses;
    licenses = { ...licenses, ...scalars, ...(settingsAt ? { settingsAt: { ...licenses.settingsAt, ...settingsAt } } : {}) };
    headers = { ...headers, ...layer.headers };
    approvals = { ...approvals, ...layer.approvals };
  }

  return {
    source: { kind: 'file', path: policyPath, chain: layers.map((l) => l.path) },
    // A policy that lists no licenses at all (or only empty lists) keeps the default lists rather than allowing nothing.
    licenses: anyLicenseList ? { ...licenses, ...licenseLists } : licenses,
    packages: { ...packageLists, private: privatePatterns },
    headers,
    approvals: { ...approvals, file: approvals.file ?? fallback.approvals.file },
  };
}

function ruleKey(rule: LicenseRule): string {
  switch (rule.kind) {
    case 'license':
      return rule.exception ? `${rule.id} WITH ${rule.exception}` : rule.id;
    case 'ref':
      return rule.ref;
    case 'category':
      return '@' + rule.category;
  }
}
