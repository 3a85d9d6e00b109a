import { composerLicenseExpression } from './composer-license';

export interface ComposerLockedPackage {
  readonly name: string;
  readonly version?: string;
  readonly license?: string;
  /** Names of the packages it requires (platform requirements left out). */
  readonly requires: readonly string[];
  /** Names it stands in for (`replace`, `provide`), so that requiring them leads here. */
  readonly standsFor: readonly string[];
  readonly dev: boolean;
}

export interface ComposerLock {
  /** By lower-case name, as Composer compares package names. */
  readonly packages: ReadonlyMap<string, ComposerLockedPackage>;
  readonly problem?: string;
}

/** A package name (`vendor/name`), not a platform package (`php`, `ext-json`, `lib-icu`, `composer-plugin-api`). */
export const isPackageName = (name: string): boolean => /^[^\s/]+\/[^\s/]+$/.test(name);

/** Reads composer.lock `packages` and `packages-dev`; an unreadable lock yields no packages and a problem. */
export function readComposerLock(text: string | undefined): ComposerLock {
  const packages = new Map<string, ComposerLockedPackage>();
  if (text === undefined) return { packages };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { packages, problem: `composer.lock could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isObject(data)) return { packages, problem: 'composer.lock is not a JSON object' };
  for (const section of ['packages', 'packages-dev'] as const) {
    const list = data[section];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!isObject(entry) || typeof entry.name !== 'string' || !isPackageName(entry.name)) continue;
      const license = composerLicenseExpression(entry.license);
      packages.set(entry.name.toLowerCase(), {
        name: entry.name,
        // Tags are often `v1.2.3`; the version is what follows.
        ...(typeof entry.version === 'string' ? { version: entry.version.replace(/^v(?=\d)/, '') } : {}),
        ...(license ? { license } : {}),
        requires: namesIn(entry.require),
        standsFor: [...namesIn(entry.replace), ...namesIn(entry.provide)],
        dev: section === 'packages-dev',
      });
    }
  }
  return { packages };
}

function namesIn(value: unknown): string[] {
  return isObject(value) ? Object.keys(value).filter(isPackageName) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
