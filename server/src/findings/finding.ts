import type { OffsetEdit } from '../text/text-edit';
import type { TextRange } from '../text/line-index';
import type { DependencyFacts, DependencyRule } from './dependency-facts';

/**
 * Every rule the engine reports. The code doubles as the SARIF rule id, so renaming one is a breaking change
 * for code-scanning history.
 */
export type FindingCode =
  | 'license-denied'
  | 'package-denied'
  | 'license-needs-approval'
  | 'license-unknown'
  | 'approval-pending'
  | 'approval-rejected'
  | 'approval-invalid'
  | 'approval-expired'
  | 'header-missing'
  | 'header-license-mismatch'
  | 'license-text-missing'
  | 'license-text-unused'
  | 'reuse-metadata-invalid'
  | 'manifest-invalid'
  | 'file-too-large'
  | 'policy-invalid'
  | 'policy-not-loaded';

export type Severity = 'error' | 'warning' | 'information';

/** The dependency a dependency finding is about, enough to request an approval for it. */
export interface DependencySubject {
  readonly kind: 'dependency';
  /** Package URL without version, e.g. `pkg:npm/left-pad`. */
  readonly purl: string;
  readonly ecosystem: string;
  readonly name: string;
  /** The version or range as declared in the manifest, when there is one. */
  readonly versionSpec?: string;
  /** The resolved version, when a lock file or installed package says it. */
  readonly version?: string;
  /** The license expression as found, when one was found. */
  readonly license?: string;
  /** For transitive problems: the chain from the direct dependency to this package, names only. */
  readonly via: readonly string[];
}

export interface FileSubject {
  readonly kind: 'file';
}

export type FindingSubject = DependencySubject | FileSubject;

/** A text edit in one file, by absolute path. */
export interface FileEdit {
  readonly path: string;
  /** Edits against the file's current text; `create` makes a new file holding the edits' text. */
  readonly edits: readonly OffsetEdit[];
  readonly create?: boolean;
}

/** A fix the engine can offer: edits it computed itself, or a request the editor must complete (it needs a person). */
export type Fix =
  | { readonly kind: 'edit'; readonly title: string; readonly preferred: boolean; readonly fixAll: boolean; readonly edits: readonly FileEdit[] }
  | {
      readonly kind: 'requestApproval';
      readonly title: string;
      readonly subject: DependencySubject;
      /** `deny`: the request asks an exception to a deny, a stronger act than the review the policy asks for. */
      readonly exceptionTo: 'deny' | 'review';
      /** False when the detected license is no SPDX expression: the requester says which license they ask for. */
      readonly licenseRecognised: boolean;
    };

interface FindingBase {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** Absolute path of the file the finding sits in. */
  readonly path: string;
  readonly range: TextRange;
  readonly fixes: readonly Fix[];
}

/** A finding about a file (a header, the policy, a manifest's syntax): its message is said where it is found. */
export interface FileFinding extends FindingBase {
  readonly subject: FileSubject;
  /** One line: what is wrong. */
  readonly message: string;
  /** Longer Markdown explanation for hovers. */
  readonly detail?: string;
}

/**
 * A finding about a dependency carries facts, not sentences: the renderers under `findings/render/` word them
 * for each output (diagnostic, hover, report row, SARIF, CLI text).
 */
export interface DependencyFinding extends FindingBase {
  readonly code: DependencyRule;
  readonly subject: DependencySubject;
  readonly facts: DependencyFacts;
  /**
   * When one dependency brings in many packages with the same problem, one finding stands for all of them:
   * `facts` is the first one's and `alike` lists every one (the first included).
   */
  readonly alike?: readonly DependencyFacts[];
}

export type Finding = FileFinding | DependencyFinding;

export function isDependencyFinding(finding: Finding): finding is DependencyFinding {
  return finding.subject.kind === 'dependency';
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { information: 0, warning: 1, error: 2 };
