/**
 * Every message between the OSPO Guide client and server that the LSP does not define: the commands the
 * server executes (`workspace/executeCommand`), the command a code action hands to the client, and the
 * notifications the server pushes. Each is declared once — name, params and result — and both sides import
 * it, so a rename or a changed field is a compile error on the other side rather than a silent `undefined`.
 *
 * Params are validated where they enter the server (any LSP client may send anything); results are typed by
 * the server's handler table, which must return exactly what is declared here.
 */
import { NotificationType } from 'vscode-languageserver-protocol';
import type { Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { RequestRuling } from '../dependencies/request-ruling';
import type { DependencySubject } from '../findings/finding';
import type { ApprovalEntry } from '../approvals/approvals-log';
import type { JsonReport } from '../report/json-report';
import { array, boolean, integer, map, object, oneOf, optional, string, type Validator } from './param-validator';

/** A command the server executes: its name, how its params are checked, and (as a type) what it returns. */
export interface ServerCommand<P, R> {
  readonly name: string;
  readonly params: Validator<P>;
  /** Never set: carries the result type to the client's call and the server's handler. */
  readonly result?: R;
}

/** A command's params arrive as its single argument; a command without params takes any object or none. */
export type NoParams = Record<string, never>;
const noParams: Validator<NoParams> = object({});
export type FolderParams = { readonly folderUri?: string };

/**
 * A dependency as a code action hands it over; a client that builds one by hand needs only the package URL and
 * the name (the ecosystem is the purl's type, the chain is empty).
 */
const dependencySubject: Validator<DependencySubject> = map(
  object({
    kind: optional(oneOf('dependency')),
    purl: string,
    ecosystem: optional(string),
    name: string,
    versionSpec: optional(string),
    version: optional(string),
    license: optional(string),
    via: optional(array(string)),
  }),
  ({ kind: _kind, ecosystem, via, ...rest }) => ({ kind: 'dependency', ecosystem: ecosystem ?? /^pkg:([^/]+)\//.exec(rest.purl)?.[1] ?? 'unknown', via: via ?? [], ...rest }),
);

// ---- ospo.server.requestApproval

export interface RequestApprovalParams {
  readonly subject: DependencySubject;
  /** Clients that cannot ask leave it out: the entry is written for the requester to fill in. */
  readonly justification?: string;
  /** The license approval is asked for, when the requester names one other than the detected `subject.license`. */
  readonly license?: string;
  /** The manifest the request came from; picks the workspace folder. */
  readonly uri?: string;
  readonly requestedBy?: string;
}

export interface RequestApprovalResult {
  readonly applied: boolean;
  /** The review request to open, when the policy names `approvals.requestUrl` and the workspace is trusted. */
  readonly url?: string;
  /** The policy names `approvals.requestUrl`, but a restricted workspace opens no URL it names. */
  readonly urlNotOpened?: 'restricted';
  readonly error?: string;
  readonly mismatch?: { readonly requested: string; readonly detected: string };
  /** Without a justification: the log, where its justification is to be written, and whether the client showed it. */
  readonly uri?: string;
  readonly selection?: Range;
  readonly shown?: boolean;
}

// ---- ospo.server.reviewApproval

export interface ReviewApprovalParams {
  readonly folderUri?: string;
  readonly index: number;
  readonly decision: 'approved' | 'rejected';
  readonly comment?: string;
  readonly reviewedBy?: string;
  /** For approvals: a date, a period ("6 months"), "never", or absent for the policy's approvals.defaultExpiry. */
  readonly expires?: string;
}

export interface AppliedResult {
  readonly applied: boolean;
  readonly error?: string;
}

// ---- ospo.server.audit

/** What the audit returns: one machine-readable report per workspace folder. */
export interface AuditReport {
  readonly cancelled: boolean;
  /** The workspace is not trusted: parts of the policy outside a folder were not loaded. */
  readonly restricted: boolean;
  readonly folders: ReadonlyArray<AuditedFolder>;
}

export interface AuditedFolder extends JsonReport {
  readonly root: string;
  /** What a restricted workspace did not load for this folder (policy files, an approvals log outside it). */
  readonly notLoaded: readonly string[];
}

// ---- ospo.server.exportReport

export type ExportFormat = 'sarif' | 'markdown' | 'cyclonedx' | 'spdx';
export type ExportReportResult = { readonly format: ExportFormat; readonly content: string } | { readonly error: string };

// ---- ospo.server.approvals

/** An approvals-log entry as the review picker lists it: the entry (without its offsets) and what it means now. */
export interface ListedApproval extends Omit<ApprovalEntry, 'span' | 'valueSpans'> {
  /** The policy's verdict on the requested license. */
  readonly ruling: RequestRuling;
  /** The license the workspace finds for the package now (or found when the request was made). */
  readonly detected?: string;
  readonly detectedRuling?: RequestRuling;
  readonly licenseMismatch: boolean;
  /** Whether the person reviewing now may approve it under approvals.reviewers and allowSelfApproval. */
  readonly reviewable: { readonly ok: true } | { readonly ok: false; readonly reason: string };
}

export interface ApprovalsFolder {
  readonly folderUri: string;
  readonly log: string;
  /** Who reviews from this editor (git identity). */
  readonly reviewer: string;
  /** The expiry the policy proposes for an approval given today, absent for "never". */
  readonly defaultExpires?: string;
  readonly entries: readonly ListedApproval[];
}

// ---- ospo.server.headerFixPlan

export interface HeaderFixPlan {
  readonly files: ReadonlyArray<{ readonly uri: string; readonly relativePath: string; readonly titles: readonly string[] }>;
  readonly edit?: WorkspaceEdit;
}

// ---- ospo.server.notices

export interface NoticesResult {
  readonly format: 'text' | 'markdown';
  readonly content: string;
  readonly packages: number;
  /** Names of shipped packages whose license is unknown. */
  readonly attention: readonly string[];
}

// ---- ospo.server.showPolicyEntry, ospo.server.showRuleDocumentation

/** Where a policy entry is written, for "Go to policy rule". */
export interface ShowPolicyEntryParams {
  readonly uri: string;
  readonly range: Range;
}

export interface ShownResult {
  readonly shown: boolean;
  readonly uri?: string;
  readonly error?: string;
}

const position = object({ line: integer, character: integer });
const range: Validator<Range> = object({ start: position, end: position });

// ---- ospo.server.starterPolicy

export type StarterPolicyResult = { readonly uri: string; readonly exists: boolean; readonly text: string } | { readonly error: string };

const folderParams: Validator<FolderParams> = object({ folderUri: optional(string) });

/** Params and result of each command the server executes. */
export interface ServerCommandTypes {
  requestApproval: { params: RequestApprovalParams; result: RequestApprovalResult };
  reviewApproval: { params: ReviewApprovalParams; result: AppliedResult };
  audit: { params: NoParams; result: AuditReport };
  exportReport: { params: { readonly format?: ExportFormat }; result: ExportReportResult };
  status: { params: NoParams; result: OspoStatus };
  approvals: { params: NoParams; result: { readonly folders: readonly ApprovalsFolder[] } };
  headerFixPlan: { params: FolderParams; result: HeaderFixPlan };
  starterPolicy: { params: FolderParams; result: StarterPolicyResult };
  notices: { params: { readonly format: 'text' | 'markdown' }; result: NoticesResult | { readonly error: string } };
  showPolicyEntry: { params: ShowPolicyEntryParams; result: ShownResult };
  showRuleDocumentation: { params: { readonly code: string }; result: ShownResult };
}

export type ServerCommandKey = keyof ServerCommandTypes;

/** The commands the server executes; the client's own commands gather input and call these. */
export const SERVER_COMMANDS: { readonly [K in ServerCommandKey]: ServerCommand<ServerCommandTypes[K]['params'], ServerCommandTypes[K]['result']> } = {
  requestApproval: {
    name: 'ospo.server.requestApproval',
    params: object({ subject: dependencySubject, justification: optional(string), license: optional(string), uri: optional(string), requestedBy: optional(string) }),
  },
  reviewApproval: {
    name: 'ospo.server.reviewApproval',
    params: object({
      folderUri: optional(string),
      index: integer,
      decision: oneOf('approved', 'rejected'),
      comment: optional(string),
      reviewedBy: optional(string),
      expires: optional(string),
    }),
  },
  audit: { name: 'ospo.server.audit', params: noParams },
  exportReport: { name: 'ospo.server.exportReport', params: object({ format: optional(oneOf('sarif', 'markdown', 'cyclonedx', 'spdx')) }) },
  notices: { name: 'ospo.server.notices', params: object({ format: oneOf('text', 'markdown') }) },
  showPolicyEntry: { name: 'ospo.server.showPolicyEntry', params: object({ uri: string, range }) },
  showRuleDocumentation: { name: 'ospo.server.showRuleDocumentation', params: object({ code: string }) },
  status: { name: 'ospo.server.status', params: noParams },
  approvals: { name: 'ospo.server.approvals', params: noParams },
  headerFixPlan: { name: 'ospo.server.headerFixPlan', params: folderParams },
  starterPolicy: { name: 'ospo.server.starterPolicy', params: folderParams },
};

const SERVER_COMMAND_KEYS: readonly ServerCommandKey[] = Object.keys(SERVER_COMMANDS).filter((key): key is ServerCommandKey => Object.hasOwn(SERVER_COMMANDS, key));

/** The command a name denotes, if the server executes it. */
export function serverCommandKey(name: string): ServerCommandKey | undefined {
  return SERVER_COMMAND_KEYS.find((key) => SERVER_COMMANDS[key].name === name);
}

export const SERVER_COMMAND_NAMES: readonly string[] = SERVER_COMMAND_KEYS.map((key) => SERVER_COMMANDS[key].name);

// ---- initialize

/** What the client tells the server in `initializationOptions`. */
export interface InitializationOptions {
  /** The workspace is trusted. Absent or false: restricted mode (nothing is loaded or opened from outside the folder). */
  readonly trusted?: boolean;
}

/** Anything else than the declared options counts as none: a client that sends none runs restricted. */
export function readInitializationOptions(value: unknown): InitializationOptions {
  const checked = initializationOptions(value ?? {}, 'initializationOptions');
  return checked.ok ? checked.value : {};
}

const initializationOptions: Validator<InitializationOptions> = object({ trusted: optional(boolean) });

// ---- Client commands a code action carries

/**
 * What the "Request approval" code action passes to `ospo.server.requestApproval` (a server command, so it works in
 * any client; the VS Code client intercepts it to ask for the justification first).
 */
export interface RequestApprovalActionArgs {
  readonly subject: DependencySubject;
  readonly uri: string;
  /** `deny`: the request asks an exception to a deny. */
  readonly exceptionTo: 'deny' | 'review';
  /** False when the detected license is no SPDX expression (e.g. just "LGPL"). */
  readonly licenseRecognised: boolean;
}

/** Commands the VS Code client registers. */
export const CLIENT_COMMANDS = {
  /** Picks a dependency from the palette, asks for a justification, then runs `ospo.server.requestApproval`. */
  requestApproval: 'ospo.requestApproval',
} as const;

// ---- ospo/status

export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly information: number;
}

export type PolicyInForce =
  | { readonly kind: 'file'; readonly path: string; readonly files: readonly string[] }
  /** `untrusted`: the policy file could not be read in a restricted workspace. */
  | { readonly kind: 'default'; readonly reason: 'no-policy-file' | 'untrusted' };

/** Whether the policy as written is what applies. */
export type PolicyHealth =
  | { readonly kind: 'valid' }
  /** The policy has problems; the last valid policy (or the rest of it) applies. */
  | { readonly kind: 'invalid'; readonly problems: readonly string[]; readonly problemCount: number }
  /** The file `ospo.policyFile` names does not exist. */
  | { readonly kind: 'missing'; readonly path: string }
  /** A restricted workspace skipped these parts of the policy (files or settings outside the folder). */
  | { readonly kind: 'restricted'; readonly notLoaded: readonly string[] };

export interface FolderStatus {
  readonly uri: string;
  readonly root: string;
  readonly enabled: boolean;
  readonly policy: PolicyInForce;
  readonly health: PolicyHealth;
  /** `health.kind === 'valid'`, for clients that only want to know whether to warn. */
  readonly policyValid: boolean;
  /** The server's own findings on the files of this folder (open documents, and the last audit for the rest). */
  readonly counts: FindingCounts;
}

export interface OspoStatus {
  readonly trusted: boolean;
  readonly folders: readonly FolderStatus[];
  /** The last failure the server did not expect, until a later check of the same kind succeeds. */
  readonly serverError?: string;
}

/**
 * Pushed by the server whenever the policy in force, its validity, the trust state, the server's health or a
 * folder's finding counts change; the params are the whole status, so a client needs no other state.
 */
export const StatusNotification = new NotificationType<OspoStatus>('ospo/status');
