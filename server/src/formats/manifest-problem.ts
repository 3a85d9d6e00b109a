import type { OffsetSpan } from '../text/line-index';

/** A syntax error or the like found while reading a manifest or lock file. */
export interface ManifestProblem {
  readonly message: string;
  readonly span: OffsetSpan;
  /** Shown while editing too, not only in an audit: the editor's own syntax check does not report it. */
  readonly always?: boolean;
}
