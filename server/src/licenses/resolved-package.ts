import type { LicenseEvidence } from '../findings/license-evidence';

/** Package URL types of the ecosystems the engine understands. */
export type Ecosystem = 'npm' | 'pypi' | 'golang' | 'cargo' | 'maven' | 'nuget' | 'composer' | 'gem';

/** A package a resolver found, with the evidence of its license. */
export interface ResolvedPackage {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly purl: string;
  readonly version?: string;
  readonly license: LicenseEvidence;
  /** The folder holding the package's files (license texts, NOTICE), when it is installed where the resolver looked. */
  readonly installedAt?: string;
}
