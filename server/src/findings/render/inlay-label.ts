import type { DependencyFacts, PassingDependencyFacts } from '../dependency-facts';

const MARK: Readonly<Record<DependencyFacts['rule'], string>> = {
  'package-denied': '✗ package denied',
  'license-denied': '✗',
  'license-needs-approval': '? needs approval',
  'license-unknown': '?',
  'approval-pending': '… approval pending',
  'approval-rejected': '✗ rejected',
};

/**
 * The inline hint after a dependency: `MIT ✓`, `GPL-3.0-only ✗`, `unknown ?`. A problem in a package the
 * dependency brings in names that package, so the hint never passes its license off as the dependency's own.
 */
export function inlayLabel(facts: DependencyFacts | PassingDependencyFacts, alike = 1): string {
  const license = facts.license ?? 'unknown';
  if (facts.rule === 'pass') return `${license} ${facts.by === 'approval' ? '✓ approved' : '✓'}`;
  const own = facts.rule === 'package-denied' ? MARK[facts.rule] : `${license} ${MARK[facts.rule]}`;
  if (alike > 1) return `${MARK[facts.rule].split(' ')[0]} ${alike} packages it brings in`;
  return facts.chain.length > 1 ? `via ${facts.chain[facts.chain.length - 1]}: ${own}` : own;
}
