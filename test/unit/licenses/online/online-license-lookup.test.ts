import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnlineLicenseLookup, licenseFromVersion, type OnlineLookupOptions } from '../../../../server/src/licenses/online/online-license-lookup';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local stand-in for the deps.dev API on an ephemeral port; records every raw request path. */
class FakeDepsDev {
  readonly paths: string[] = [];
  handler: Handler = (_request, response) => json(response, 200, { licenses: ['MIT'] });
  private server: Server | undefined;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.paths.push(request.url ?? '');
      this.handler(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const npm = (name: string, version = '1.0.0') => ({ ecosystem: 'npm' as const, name, version, purl: `pkg:npm/${name.replace('@', '%40')}` });

describe('online license lookup', () => {
  let service: FakeDepsDev;
  let cacheDir: string;
  const lookupWith = (options: Partial<OnlineLookupOptions> = {}) =>
    createOnlineLicenseLookup({ baseUrl: service.baseUrl, cacheDir, isPrivate: () => false, ...options });

  beforeEach(async () => {
    service = new FakeDepsDev();
    await service.start();
    cacheDir = mkdtempSync(join(tmpdir(), 'ospo-online-'));
  });

  afterEach(async () => {
    await service.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('returns the license deps.dev records for a version', async () => {
    service.handler = (_request, response) => json(response, 200, { versionKey: { system: 'NPM' }, licenses: ['Apache-2.0'] });
    assert.deepEqual(await lookupWith().lookup(npm('left-pad')), { kind: 'found', expression: 'Apache-2.0', service: 'deps.dev' });
    assert.deepEqual(service.paths, ['/v3/systems/NPM/packages/left-pad/versions/1.0.0']);
  });

  it('percent-encodes scoped npm names, Maven coordinates and Go module paths as one segment', async () => {
    const lookup = lookupWith();
    await lookup.lookup(npm('@colors/colors', '1.6.0'));
    await lookup.lookup({ ecosystem: 'maven', name: 'org.apache.commons:commons-lang3', version: '3.14.0', purl: 'pkg:maven/org.apache.commons/commons-lang3' });
    await lookup.lookup({ ecosystem: 'golang', name: 'github.com/google/uuid', version: '1.6.0', purl: 'pkg:golang/github.com/google/uuid' });
    await lookup.lookup({ ecosystem: 'pypi', name: 'Typing_Extensions', version: '4.12.2', purl: 'pkg:pypi/typing-extensions' });
    assert.deepEqual(service.paths, [
      '/v3/systems/NPM/packages/%40colors%2Fcolors/versions/1.6.0',
      '/v3/systems/MAVEN/packages/org.apache.commons%3Acommons-lang3/versions/3.14.0',
      '/v3/systems/GO/packages/github.com%2Fgoogle%2Fuuid/versions/v1.6.0',
      '/v3/systems/PYPI/packages/typing-extensions/versions/4.12.2',
    ]);
  });

  it('answers a second lookup from the cache without a request, even from a new lookup instance', async () => {
    await lookupWith().lookup(npm('cached'));
    assert.equal(service.paths.length, 1);
    assert.deepEqual(await lookupWith().lookup(npm('cached')), { kind: 'found', expression: 'MIT', service: 'deps.dev' });
    assert.equal(service.paths.length, 1);
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.json')).length, 1);
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')).length, 0);
  });

  it('asks again once the cached answer is older than the TTL', async () => {
    await lookupWith({ ttlMs: 1 }).lookup(npm('stale'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await lookupWith({ ttlMs: 1 }).lookup(npm('stale'));
    assert.equal(service.paths.length, 2);
  });

  it('never sends a private package, not even a cache probe', async () => {
    const asked: string[] = [];
    const lookup = lookupWith({ isPrivate: (purl) => (asked.push(purl), purl.startsWith('pkg:npm/%40acme/')) });
    assert.deepEqual(await lookup.lookup(npm('@acme/secret')), { kind: 'skipped', reason: 'private' });
    assert.deepEqual(service.paths, []);
    assert.deepEqual(asked, ['pkg:npm/%40acme/secret']);
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  it('treats a privacy check that throws as private', async () => {
    const lookup = lookupWith({ isPrivate: () => { throw new Error('bad pattern'); } });
    assert.deepEqual(await lookup.lookup(npm('x')), { kind: 'skipped', reason: 'private' });
    assert.deepEqual(service.paths, []);
  });

  it('skips Composer and RubyGems, which the service does not serve, and packages without a version', async () => {
    const lookup = lookupWith();
    assert.deepEqual(await lookup.lookup({ ecosystem: 'composer', name: 'monolog/monolog', version: '3.0.0', purl: 'pkg:composer/monolog/monolog' }), { kind: 'skipped', reason: 'unsupported' });
    assert.deepEqual(await lookup.lookup({ ecosystem: 'gem', name: 'rails', version: '7.1.0', purl: 'pkg:gem/rails' }), { kind: 'skipped', reason: 'unsupported' });
    assert.deepEqual(await lookup.lookup(npm('no-version', ' ')), { kind: 'skipped', reason: 'no-version' });
    assert.deepEqual(service.paths, []);
  });

  it('reports "non-standard" and empty licenses as unknown and caches that answer', async () => {
    service.handler = (request, response) => json(response, 200, { licenses: request.url?.includes('odd') ? ['non-standard'] : [] });
    const lookup = lookupWith();
    assert.deepEqual(await lookup.lookup(npm('odd')), { kind: 'unknown' });
    assert.deepEqual(await lookup.lookup(npm('empty')), { kind: 'unknown' });
    assert.deepEqual(await lookupWith().lookup(npm('odd')), { kind: 'unknown' });
    assert.equal(service.paths.length, 2);
  });

  it('reports a version the service does not know as unknown', async () => {
    service.handler = (_request, response) => json(response, 404, { code: 5, message: 'version not found' });
    assert.deepEqual(await lookupWith().lookup(npm('missing')), { kind: 'unknown' });
  });

  it('gives up after the timeout and does not ask again at once', async () => {
    service.handler = () => undefined; // never answers
    const lookup = lookupWith({ timeoutMs: 100 });
    const started = Date.now();
    const first = await lookup.lookup(npm('slow'));
    assert.equal(first.kind, 'failed');
    assert.match(first.kind === 'failed' ? first.reason : '', /within 100 ms/);
    assert.ok(Date.now() - started < 2000);
    const second = await lookup.lookup(npm('slow'));
    assert.equal(second.kind, 'failed');
    assert.equal(service.paths.length, 1);
  });

  it('retries a failed package once the failure memory has passed', async () => {
    let status = 503;
    service.handler = (_request, response) => json(response, status, { licenses: ['MIT'] });
    const lookup = lookupWith({ failureMemoryMs: 30 });
    const failed = await lookup.lookup(npm('flaky'));
    assert.deepEqual(failed, { kind: 'failed', reason: 'deps.dev answered HTTP 503' });
    status = 200;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await lookup.lookup(npm('flaky'))).kind, 'found');
    assert.equal(service.paths.length, 2);
  });

  it('reports an unreachable service as a failure', async () => {
    await service.stop();
    const lookup = createOnlineLicenseLookup({ baseUrl: service.baseUrl, cacheDir, isPrivate: () => false });
    const result = await lookup.lookup(npm('offline'));
    assert.equal(result.kind, 'failed');
    service = new FakeDepsDev();
    await service.start();
  });

  it('reports a body that is not JSON as a failure', async () => {
    service.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>maintenance</html>');
    };
    assert.equal((await lookupWith().lookup(npm('html'))).kind, 'failed');
  });

  it('shares one request between concurrent lookups of the same package', async () => {
    service.handler = (_request, response) => setTimeout(() => json(response, 200, { licenses: ['ISC'] }), 50);
    const lookup = lookupWith();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => lookup.lookup(npm('popular'))));
    assert.ok(results.every((r) => r.kind === 'found' && r.expression === 'ISC'));
    assert.equal(service.paths.length, 1);
  });

  it('keeps no more than maxConcurrent requests in flight', async () => {
    let active = 0;
    let peak = 0;
    service.handler = (_request, response) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(response, 200, { licenses: ['MIT'] });
      }, 30);
    };
    const lookup = lookupWith({ maxConcurrent: 2 });
    await Promise.all(Array.from({ length: 7 }, (_, i) => lookup.lookup(npm(`pkg-${i}`))));
    assert.equal(service.paths.length, 7);
    assert.equal(peak, 2);
  });
});

describe('reading deps.dev licenses', () => {
  it('combines several licenses with AND and keeps expressions whole', () => {
    assert.deepEqual(licenseFromVersion({ licenses: ['MIT OR Apache-2.0', 'BSD-3-Clause'] }), { kind: 'found', expression: '(MIT OR Apache-2.0) AND BSD-3-Clause' });
  });

  it('leaves the whole unknown when one of several licenses is non-standard or not SPDX', () => {
    assert.deepEqual(licenseFromVersion({ licenses: ['MIT', 'non-standard'] }), { kind: 'unknown' });
    assert.deepEqual(licenseFromVersion({ licenses: ['Some Custom License'] }), { kind: 'unknown' });
  });

  it('rejects a malformed answer', () => {
    assert.equal(licenseFromVersion('nope').kind, 'failed');
    assert.equal(licenseFromVersion({ licenses: 'MIT' }).kind, 'failed');
  });
});
