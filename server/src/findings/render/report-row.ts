import type { PackageRuling } from '../dependency-facts';
import { isDependencyFinding, type Finding } from '../finding';
import type { UnknownLicenseReason } from '../unknown-license';
import { diagnosticMessage } from './diagnostic-message';
import { describeEvidenceSource, describeRuling, describeUnknownLicense } from './policy-trail';
import type { RenderContext } from './render-context';

/** The words of one package's row in a report (JSON, Markdown, the editor's report view). */
export interface PackageRowWords {
  /** Where the license came from, or why none could be established. */
  readonly licenseSource: string;
  /** The policy trail: what decided, and what the approvals log says. */
  readonly why: string;
}

export function packageRowWords(ruling: PackageRuling, unknown: UnknownLicenseReason | undefined, ctx: Pick<RenderContext, 'displayPath'>): PackageRowWords {
  const source = unknown
    ? describeUnknownLicense(unknown)
    : ruling.kind === 'license'
      ? describeEvidenceSource(ruling.judgement.evidence, ruling.judgement.statement, ctx)
      : 'not consulted: a package rule decided';
  return { licenseSource: source, why: describeRuling(ruling, ctx) };
}

/** A finding as a report lists it: the diagnostic's line and, for a dependency, the policy trail behind it. */
export function findingReportWords(finding: Finding, ctx: RenderContext): { readonly message: string; readonly why?: string } {
  const message = diagnosticMessage(finding);
  return isDependencyFinding(finding) ? { message, why: describeRuling(finding.facts.ruling, ctx) } : { message };
}
