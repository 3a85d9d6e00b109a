import * as os from 'node:os';
import * as path from 'node:path';
import type { LicenseEvidence } from '../findings/license-evidence';
import type { ResolvedPackage } from './resolved-package';
import { findMatchingPattern } from '../policy/package-pattern';
import type { PackagePolicy } from '../policy/policy-types';
import { createOnlineLicenseLookup, type OnlineLicenseLookup, type OnlineLicenseResult } from './online/online-license-lookup';

/**
 * Fills in licenses that nothing on this machine states, from the online lookup. Checks stay synchronous: a
 * missing answer starts a lookup in the background and the caller is told when answers arrive, so it can
 * check again.
 */
export class OnlineLicenseOverlay {
  private readonly answers = new Map<string, OnlineLicenseResult>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly lookup: OnlineLicenseLookup,
    private readonly onAnswer: () => void = () => undefined,
  ) {}

  /** How many answers have arrived: results made with fewer may lack a license found since. */
  get answerCount(): number {
    return this.answers.size;
  }

  /** The package with online evidence when it had none and an answer is known; starts a lookup otherwise. */
  enrich(pkg: ResolvedPackage): ResolvedPackage {
    if (pkg.license.kind !== 'none' || !pkg.version) return pkg;
    const key = `${pkg.purl}@${pkg.version}`;
    const answer = this.answers.get(key);
    if (answer?.kind === 'found') {
      const license: LicenseEvidence = { kind: 'declared', expression: answer.expression, source: { kind: 'online', service: answer.service } };
      return { ...pkg, license };
    }
    if (!answer && !this.pending.has(key)) {
      const version = pkg.version;
      const request = this.lookup
        .lookup({ ecosystem: pkg.ecosystem, name: pkg.name, version, purl: pkg.purl })
        .then((result) => {
          this.answers.set(key, result);
          this.pending.delete(key);
          if (result.kind === 'found') this.onAnswer();
        });
      this.pending.set(key, request);
    }
    return pkg;
  }

  /** Resolves when every lookup started so far has an answer. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending.values()]);
  }
}

/** The default cache folder for online answers: `$XDG_CACHE_HOME/ospo-guide/deps.dev`. */
export function defaultOnlineCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ospo-guide', 'deps.dev');
}

/** An overlay that never sends packages the policy marks private (`packages.private`). */
export function createOnlineLicenseOverlay(
  packages: () => PackagePolicy,
  env: Readonly<Record<string, string | undefined>>,
  onAnswer?: () => void,
): OnlineLicenseOverlay {
  const lookup = createOnlineLicenseLookup({
    cacheDir: defaultOnlineCacheDir(env),
    // A service stand-in for tests and air-gapped mirrors.
    ...(env.OSPO_GUIDE_DEPS_DEV_URL ? { baseUrl: env.OSPO_GUIDE_DEPS_DEV_URL } : {}),
    isPrivate: (purl) => findMatchingPattern(packages().private, purl, undefined) !== undefined,
  });
  return new OnlineLicenseOverlay(lookup, onAnswer);
}
