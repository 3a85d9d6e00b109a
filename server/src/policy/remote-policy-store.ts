import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomic-write';
import { nodeCrypto } from '../io/lazy-crypto';

/** Fetches a URL's bytes; injectable so that tests and air-gapped mirrors can stand in for the network. */
export type PolicyFetcher = (url: string) => Promise<Buffer>;

/** What the store knows of one pinned URL, without touching the network. */
export type RemotePolicyState =
  | { readonly kind: 'cached'; readonly text: string; readonly cachePath: string; readonly fetchedAt: Date }
  | { readonly kind: 'mismatch'; readonly actual: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'absent' };

export interface PinnedUrl {
  readonly url: string;
  readonly sha256: string;
}

/**
 * Shared policies named by a pinned `https://` URL. Policy loading is synchronous and reads them only from the
 * cache (`lookup`); fetching is a separate asynchronous step (`fetch`) that callers run before loading again.
 * The cache is addressed by the pinned hash and every read is verified, so a cached file is exactly what the
 * pin names and is used offline for as long as the pin stays.
 */
export class RemotePolicyStore {
  private readonly outcomes = new Map<string, RemotePolicyState>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    readonly cacheDir: string,
    private readonly fetcher: PolicyFetcher,
  ) {}

  cachePathOf(sha256: string): string {
    return path.join(this.cacheDir, `${sha256}.json`);
  }

  lookup(pin: PinnedUrl): RemotePolicyState {
    const cached = this.readCache(pin.sha256);
    if (cached) return cached;
    return this.outcomes.get(keyOf(pin)) ?? { kind: 'absent' };
  }

  /** Fetches the URL once per process unless it is already cached; the outcome is then known to `lookup`. */
  fetch(pin: PinnedUrl): Promise<void> {
    const key = keyOf(pin);
    if (this.readCache(pin.sha256) || this.outcomes.has(key)) return Promise.resolve();
    let request = this.inFlight.get(key);
    if (!request) {
      request = this.download(pin).then((outcome) => {
        this.outcomes.set(key, outcome);
        this.inFlight.delete(key);
      });
      this.inFlight.set(key, request);
    }
    return request;
  }

  private async download(pin: PinnedUrl): Promise<RemotePolicyState> {
    let bytes: Buffer;
    try {
      bytes = await this.fetcher(pin.url);
    } catch (error) {
      return { kind: 'failed', reason: (error as Error).message };
    }
    const actual = sha256Of(bytes);
    if (actual !== pin.sha256) return { kind: 'mismatch', actual };
    try {
      fs.mkdirSync(this.cacheDir, { recursive: true });
      writeFileAtomic(this.cachePathOf(pin.sha256), bytes);
    } catch (error) {
      return { kind: 'failed', reason: `fetched, but the cache cannot be written: ${(error as Error).message}` };
    }
    return { kind: 'absent' };
  }

  private readCache(sha256: string): Extract<RemotePolicyState, { kind: 'cached' }> | undefined {
    const cachePath = this.cachePathOf(sha256);
    try {
      const bytes = fs.readFileSync(cachePath);
      // A cache file that no longer matches its name (edited, truncated) is ignored and fetched again.
      if (sha256Of(bytes) !== sha256) return undefined;
      return { kind: 'cached', text: stripBom(bytes.toString('utf8')), cachePath, fetchedAt: fs.statSync(cachePath).mtime };
    } catch {
      return undefined;
    }
  }
}

function keyOf(pin: PinnedUrl): string {
  return `${pin.sha256} ${pin.url}`;
}

export function sha256Of(bytes: Buffer | string): string {
  return nodeCrypto().createHash('sha256').update(bytes).digest('hex');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `$XDG_CACHE_HOME/ospo-guide/policies`, or `~/.cache/ospo-guide/policies`. */
export function defaultPolicyCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ospo-guide', 'policies');
}
