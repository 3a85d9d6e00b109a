import type { PackageUsage } from './merge-inventory';

/** `acme/web (1.2.0, 1.3.0; problem)`: the status only where it is not plainly allowed. */
export function describeUsage(usage: PackageUsage): string {
  const parts = [usage.versions.join(', '), usage.status === 'allowed' ? '' : usage.status].filter(Boolean);
  return parts.length ? `${usage.repository} (${parts.join('; ')})` : usage.repository;
}
