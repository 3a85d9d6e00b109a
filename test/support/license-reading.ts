import type { LicenseEvidence } from '../../server/src/ecosystems/ecosystem';
import { readLicenseStatement } from '../../server/src/licenses/read-license-statement';
import { formatSpdxExpression } from '../../server/src/spdx/spdx-expression';

/**
 * What a declared license statement reads as, the way verdicts read it: an SPDX expression (`Apache 2.0` →
 * `Apache-2.0`), `family BSD` for a family without its variant, or `custom: <text>`.
 */
export function readDeclared(expression: string): string {
  const statement = readLicenseStatement(expression);
  switch (statement.kind) {
    case 'spdx':
      return formatSpdxExpression(statement.expression);
    case 'family':
      return `family ${statement.families.map((f) => f.name).join(' and ')}`;
    default:
      return `custom: ${statement.text}`;
  }
}

/** `readDeclared` for evidence; `custom: <text>` and `none` for the other kinds. */
export function readEvidence(evidence: LicenseEvidence): string {
  if (evidence.kind === 'declared') return readDeclared(evidence.expression);
  if (evidence.kind === 'custom') return `custom: ${evidence.text}`;
  return 'none';
}
