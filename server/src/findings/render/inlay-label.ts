import type { DependencyFacts, PassingDependencyFacts } from '../dependency-facts';

const MARK: Readonly<Record<DependencyFacts['rule'], string>> = {
  'package-denied': '✗ package denied',
  'license-denied': '✗',
  'license-needs-approval': '? needs approval',
  'license-unknown': '?',
  'approval-pending': '… approval pending',
  'approval-rejected': '✗ rejected',
};

/** The inline hint after a dependency: `MIT ✓`, `GPL-3.0-only ✗`, `unknown ?`. */
export function inlayLabel(facts: DependencyFacts | PassingDependencyFacts): string {
  const license = facts.license ?? 'unknown';
  if (facts.rule === 'pass') return `${license} ${facts.by === 'approval' ? '✓ approved' : '✓'}`;
  return facts.rule === 'package-denied' ? MARK[facts.rule] : `${license} ${MARK[facts.rule]}`;
}
