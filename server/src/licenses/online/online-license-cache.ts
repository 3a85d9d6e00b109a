import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { nodeCrypto } from '../../io/lazy-crypto';

/** What is worth remembering of an answer: a license, or the service's "no license known". */
export type CachedLicenseAnswer = { readonly kind: 'found'; readonly expression: string } | { readonly kind: 'unknown' };

interface CacheFile {
  readonly key: string;
  readonly storedAt: number;
  readonly answer: CachedLicenseAnswer;
}

/**
 * One JSON file per request key under `directory`, named by the key's hash so that any package name is a
 * safe file name. Writes go to a temporary file renamed into place, so a reader (another editor window, a
 * CI run) never sees half a file. Every failure reads as a miss: the cache only ever saves work.
 */
export class OnlineLicenseCache {
  constructor(
    private readonly directory: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<CachedLicenseAnswer | undefined> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.pathOf(key), 'utf8')) as Partial<CacheFile>;
      if (parsed.key !== key || typeof parsed.storedAt !== 'number' || !isAnswer(parsed.answer)) return undefined;
      if (this.now() - parsed.storedAt > this.ttlMs || parsed.storedAt > this.now() + 60_000) return undefined;
      return parsed.answer;
    } catch {
      return undefined;
    }
  }

  async set(key: string, answer: CachedLicenseAnswer): Promise<void> {
    const target = this.pathOf(key);
    const temporary = `${target}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.mkdir(this.directory, { recursive: true });
      const file: CacheFile = { key, storedAt: this.now(), answer };
      await fs.writeFile(temporary, JSON.stringify(file), 'utf8');
      await fs.rename(temporary, target);
    } catch {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  pathOf(key: string): string {
    return join(this.directory, `${nodeCrypto().createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }
}

function isAnswer(value: unknown): value is CachedLicenseAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as { kind?: unknown; expression?: unknown };
  return answer.kind === 'unknown' || (answer.kind === 'found' && typeof answer.expression === 'string' && answer.expression !== '');
}
