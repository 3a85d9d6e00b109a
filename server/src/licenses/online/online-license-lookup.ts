import type { Ecosystem } from '../resolved-package';
import { formatSpdxExpression, parseSpdxExpression } from '../../spdx/spdx-expression';
import { DEFAULT_DEPS_DEV_BASE_URL, depsDevVersionRequest } from './deps-dev-request';
import { OnlineLicenseCache, type CachedLicenseAnswer } from './online-license-cache';

export interface OnlineLookupOptions {
  /** Service root; default `https://api.deps.dev`. Tests point it at a local server. */
  readonly baseUrl?: string;
  /** Folder for the on-disk cache (one JSON file per package version). */
  readonly cacheDir: string;
  /** Per-request time limit; default 3 s. A slow answer must not hold up a diagnostics pass. */
  readonly timeoutMs?: number;
  /** True for packages that must never be sent to an outside service (internal registries, private scopes). */
  readonly isPrivate: (purl: string) => boolean;
  readonly fetchImpl?: typeof fetch;
  /** Requests in flight at once; default 4. */
  readonly maxConcurrent?: number;
  /** How long a cached answer stays valid; default 7 days. */
  readonly ttlMs?: number;
  /** How long a failed request is remembered before the same package is asked again; default 60 s. */
  readonly failureMemoryMs?: number;
}

export interface OnlineLookupPackage {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** An exact version; ranges are not looked up. */
  readonly version: string;
  readonly purl: string;
}

export type OnlineLicenseResult =
  | { readonly kind: 'found'; readonly expression: string; readonly service: 'deps.dev' }
  /** The service has no usable license for this version (none recorded, "non-standard", or not a valid expression). */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'skipped'; readonly reason: 'private' | 'unsupported' | 'no-version' }
  | { readonly kind: 'failed'; readonly reason: string };

export interface OnlineLicenseLookup {
  lookup(pkg: OnlineLookupPackage): Promise<OnlineLicenseResult>;
}

const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_MAX_CONCURRENT = 4;
const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_FAILURE_MEMORY_MS = 60_000;

/**
 * Looks up a package version's license on deps.dev when nothing local says it. Designed to be called per
 * dependency on every check without flooding the service: answers are cached on disk, one request per
 * package version is in flight at a time (concurrent callers share it), a failure is remembered for a
 * while instead of being retried at once, and the number of simultaneous requests is bounded.
 * Private packages are never sent: `isPrivate` is asked before anything else.
 */
export function createOnlineLicenseLookup(options: OnlineLookupOptions): OnlineLicenseLookup {
  const baseUrl = options.baseUrl ?? DEFAULT_DEPS_DEV_BASE_URL;
  const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const failureMemoryMs = Math.max(0, options.failureMemoryMs ?? DEFAULT_FAILURE_MEMORY_MS);
  const fetchImpl = options.fetchImpl ?? fetch;
  const cache = new OnlineLicenseCache(options.cacheDir, positive(options.ttlMs, DEFAULT_TTL_MS));
  const limit = createLimiter(positive(options.maxConcurrent, DEFAULT_MAX_CONCURRENT));
  const inFlight = new Map<string, Promise<OnlineLicenseResult>>();
  const recentFailures = new Map<string, { reason: string; until: number }>();

  async function ask(url: string, key: string): Promise<OnlineLicenseResult> {
    const cached = await cache.get(key);
    if (cached) return fromAnswer(cached);
    const fetched = await limit(() => fetchLicense(fetchImpl, url, timeoutMs));
    if (fetched.kind === 'failed') {
      recentFailures.set(key, { reason: fetched.reason, until: Date.now() + failureMemoryMs });
      return fetched;
    }
    await cache.set(key, fetched);
    return fromAnswer(fetched);
  }

  return {
    async lookup(pkg) {
      try {
        if (safeIsPrivate(options.isPrivate, pkg.purl)) return { kind: 'skipped', reason: 'private' };
        const request = depsDevVersionRequest(baseUrl, pkg);
        if (request.kind !== 'request') return { kind: 'skipped', reason: request.kind };
        const failure = recentFailures.get(request.key);
        if (failure && failure.until > Date.now()) return { kind: 'failed', reason: `${failure.reason} (not retried yet)` };
        recentFailures.delete(request.key);
        let pending = inFlight.get(request.key);
        if (!pending) {
          pending = ask(request.url, request.key).finally(() => inFlight.delete(request.key));
          inFlight.set(request.key, pending);
        }
        return await pending;
      } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

function fromAnswer(answer: CachedLicenseAnswer): OnlineLicenseResult {
  return answer.kind === 'found' ? { kind: 'found', expression: answer.expression, service: 'deps.dev' } : { kind: 'unknown' };
}

type FetchOutcome = CachedLicenseAnswer | { readonly kind: 'failed'; readonly reason: string };

async function fetchLicense(fetchImpl: typeof fetch, url: string, timeoutMs: number): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref?.();
  try {
    const response = await fetchImpl(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    // 404: the service does not know this package version, which is an answer worth caching.
    if (response.status === 404) return { kind: 'unknown' };
    if (!response.ok) return { kind: 'failed', reason: `deps.dev answered HTTP ${response.status}` };
    const body: unknown = await response.json();
    return licenseFromVersion(body);
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'failed', reason: `deps.dev did not answer within ${timeoutMs} ms` };
    return { kind: 'failed', reason: `deps.dev could not be reached: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads GetVersion's `licenses`: SPDX expressions, or "non-standard" for a license deps.dev could not map.
 * Several entries all apply, so they combine with AND; any non-standard entry leaves the whole unknown,
 * since a policy cannot be checked against a part it cannot read.
 */
export function licenseFromVersion(body: unknown): CachedLicenseAnswer | { readonly kind: 'failed'; readonly reason: string } {
  if (typeof body !== 'object' || body === null) return { kind: 'failed', reason: 'deps.dev answered with something that is not a version' };
  const licenses = (body as { licenses?: unknown }).licenses;
  if (licenses === undefined || licenses === null) return { kind: 'unknown' };
  if (!Array.isArray(licenses)) return { kind: 'failed', reason: 'deps.dev answered with a malformed licenses field' };
  const texts = licenses.filter((l): l is string => typeof l === 'string').map((l) => l.trim()).filter((l) => l !== '');
  if (texts.length === 0 || texts.length !== licenses.length) return { kind: 'unknown' };
  if (texts.some((l) => l.toLowerCase() === 'non-standard')) return { kind: 'unknown' };
  const parsed = parseSpdxExpression(texts.length === 1 ? texts[0] : texts.map((t) => `(${t})`).join(' AND '));
  if (!parsed.ok) return { kind: 'unknown' };
  return { kind: 'found', expression: formatSpdxExpression(parsed.expression) };
}

function safeIsPrivate(isPrivate: (purl: string) => boolean, purl: string): boolean {
  try {
    return isPrivate(purl);
  } catch {
    // When privacy cannot be decided, the package stays home.
    return true;
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Runs at most `max` tasks at once; the rest wait in arrival order. */
function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
