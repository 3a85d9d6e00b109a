import type { CancellationToken } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageclient';

/** Typed calls to the commands the language server executes (see server/src/lsp/language-server.ts). */
export interface FolderStatus {
  readonly root: string;
  readonly enabled: boolean;
  readonly policy: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'default'; readonly reason: string };
  readonly policyValid: boolean;
  readonly counts: { readonly error: number; readonly warning: number; readonly information: number };
}

/** What the policy says about a license, without the approvals log. */
export interface ApprovalRuling {
  readonly disposition: 'allow' | 'review' | 'deny';
  readonly why: string;
}

export interface ApprovalEntry {
  readonly package: string;
  readonly version?: string;
  /** The license approval is asked for. */
  readonly license?: string;
  readonly status: 'requested' | 'approved' | 'rejected';
  readonly requestedBy?: string;
  readonly requestedAt?: string;
  readonly justification?: string;
  readonly expires?: string;
  readonly index: number;
  /** The policy's verdict on the requested license. */
  readonly ruling: ApprovalRuling;
  /** The license the workspace finds for the package now (or found when the request was made). */
  readonly detected?: string;
  readonly detectedRuling?: ApprovalRuling;
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
  readonly entries: readonly ApprovalEntry[];
}

export interface HeaderFixPlan {
  readonly files: ReadonlyArray<{ readonly uri: string; readonly relativePath: string; readonly titles: readonly string[] }>;
  readonly edit?: WorkspaceEdit;
}

export class ServerApi {
  constructor(private readonly client: LanguageClient) {}

  execute<T>(command: string, args?: unknown, workDoneToken?: string, cancellation?: CancellationToken): Promise<T> {
    const params = { command, arguments: args === undefined ? [] : [args], ...(workDoneToken ? { workDoneToken } : {}) };
    return cancellation ? this.client.sendRequest<T>('workspace/executeCommand', params, cancellation) : this.client.sendRequest<T>('workspace/executeCommand', params);
  }

  status(): Promise<{ trusted: boolean; folders: FolderStatus[] }> {
    return this.execute('ospo.server.status');
  }

  approvals(): Promise<{ folders: ApprovalsFolder[] }> {
    return this.execute('ospo.server.approvals');
  }

  reviewApproval(args: { folderUri: string; index: number; decision: 'approved' | 'rejected'; comment?: string; expires?: string }): Promise<{ applied: boolean; error?: string }> {
    return this.execute('ospo.server.reviewApproval', args);
  }

  headerFixPlan(folderUri?: string): Promise<HeaderFixPlan> {
    return this.execute('ospo.server.headerFixPlan', { folderUri });
  }

  starterPolicy(folderUri?: string): Promise<{ uri: string; exists: boolean; text: string } | { error: string }> {
    return this.execute('ospo.server.starterPolicy', { folderUri });
  }

  exportReport(format: 'sarif' | 'markdown' | 'cyclonedx' | 'spdx'): Promise<{ format: string; content: string } | { error: string }> {
    return this.execute('ospo.server.exportReport', { format });
  }

  /** Runs a fresh audit on the server and returns the third-party notices of the shipped packages. */
  notices(format: 'text' | 'markdown', cancellation?: CancellationToken): Promise<{ format: string; content: string; packages: number; attention: string[] } | { error: string }> {
    return this.execute('ospo.server.notices', { format }, undefined, cancellation);
  }
}
