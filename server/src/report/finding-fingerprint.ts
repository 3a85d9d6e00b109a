import * as path from 'node:path';
import type { Finding } from '../findings/finding';
import { nodeCrypto } from '../io/lazy-crypto';

/** The key under which SARIF `partialFingerprints` carry ours; bump the version if the key's parts change. */
export const FINGERPRINT_KEY = 'ospoGuide/v1';

/** What identifies a finding across runs: its rule, its file, and the package it is about — never its line. */
export interface FingerprintParts {
  readonly code: string;
  /** Relative to the audited folder, forward slashes. */
  readonly file: string;
  /** Package URL without version, for dependency findings. */
  readonly purl?: string;
}

/**
 * A stable fingerprint: lines move when a manifest is edited and versions change with every update, but a GPL
 * dependency stays the same finding until it goes away. Several findings may share one (two `header-missing`
 * findings cannot, but two `policy-invalid` ones in one file can); a baseline counts them.
 */
export function fingerprintOf(parts: FingerprintParts): string {
  return nodeCrypto().createHash('sha256')
    .update([parts.code, parts.file, parts.purl ?? ''].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

export function findingFingerprint(finding: Finding, root: string): string {
  return fingerprintOf({
    code: finding.code,
    file: path.relative(root, finding.path).split(path.sep).join('/'),
    ...(finding.subject.kind === 'dependency' ? { purl: finding.subject.purl } : {}),
  });
}
