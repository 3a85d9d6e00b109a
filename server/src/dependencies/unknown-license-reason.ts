import type { LicenseEvidence } from '../ecosystems/ecosystem';
import type { UnknownLicenseReason } from '../findings/unknown-license';
import { describeEvidenceSource } from '../findings/render/policy-trail';
import { statementReading } from './decide-package';

/** Why evidence that the policy could not judge leaves the license unknown. */
export function unknownLicenseReason(evidence: LicenseEvidence, minConfidence: number, displayPath: (p: string) => string): UnknownLicenseReason {
  if (evidence.kind === 'none') {
    return evidence.installedAt !== undefined ? { kind: 'no-license-metadata', metadata: displayPath(evidence.installedAt) } : { kind: 'not-installed', searched: evidence.searched };
  }
  const statement = evidence.kind === 'declared' ? evidence.expression : evidence.text;
  if (evidence.source.kind === 'license-text' && evidence.source.confidence < minConfidence) {
    return { kind: 'weak-text-match', file: displayPath(evidence.source.path), closest: statement, confidence: evidence.source.confidence, minConfidence };
  }
  return { kind: 'unrecognised', statement, source: describeEvidenceSource(evidence, statementReading(evidence), { displayPath }) };
}
