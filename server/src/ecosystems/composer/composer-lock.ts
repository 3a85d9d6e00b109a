import type { LicenseSource } from '../ecosystem';

export interface ComposerLockedPackage {
  readonly name: string;
  readonly version?: string;
  /** Composer documents several entries as a choice: they are read as OR. */
  readonly license?: string;
  readonly requires: readonly string[];
  readonly source: LicenseSource;
}

/** Reads composer.lock `packages` and `packages-dev`, keyed by lower-case name. */
export function readComposerLock(path: string, text: string | undefined): Map<string, ComposerLockedPackage> {
  const map = new Map<string, ComposerLockedPackage>();
  if (text === undefined) return map;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return map;
  }
  for (const section of ['packages', 'packages-dev']) {
    const list = data?.[section];
    if (!Array.isArray(list)) continue;
    for (const entry of list as Array<Record<string, unknown>>) {
      if (!entry || typeof entry.name !== 'string') continue;
      const license = licenseOf(entry.license);
      const requires = entry.require && typeof entry.require === 'object' ? Object.keys(entry.require).filter((n) => n.includes('/')) : [];
      map.set(entry.name.toLowerCase(), {
        name: entry.name,
        ...(typeof entry.version === 'string' ? { version: entry.version.replace(/^v(?=\d)/, '') } : {}),
        ...(license ? { license } : {}),
        requires,
        source: { kind: 'lockfile', path },
      });
    }
  }
  return map;
}

/** `["MIT"]`, `["LGPL-2.1-only", "GPL-3.0-or-later"]` (a choice) or a plain string. */
export function licenseOf(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : typeof value === 'string' && value.trim() ? [value] : [];
  if (list.length === 0) return undefined;
  return list.length === 1 ? list[0] : list.map((l) => (/\s/.test(l.trim()) ? `(${l.trim()})` : l.trim())).join(' OR ');
}
