import type { Agent } from 'node:https';
import type { PolicyFetcher } from './remote-policy-store';

/** A shared policy is a few KB; a response this large is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;
const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;

/**
 * GETs an `https://` URL, following redirects to other `https://` URLs only. Trusted certificates are Node's
 * (plus `NODE_EXTRA_CA_CERTS`, for a company CA). `agent` lets tests trust a certificate of their own.
 */
export function createHttpsPolicyFetcher(agent?: Agent): PolicyFetcher {
  // Loaded on first use: TLS costs tens of milliseconds at start-up, and most runs name no URL.
  const get = async (url: string, redirects: number): Promise<Buffer> => {
    // Required on use, not `import()`: the bundles run from V8's code cache, where a dynamic import has no loader.
    const https = require('node:https') as typeof import('node:https');
    return new Promise((resolve, reject) => {
      if (!url.startsWith('https://')) return reject(new Error(`refusing to follow a redirect to ${url}: only https:// is fetched`));
      const request = https.get(url, { timeout: TIMEOUT_MS, headers: { accept: 'application/json' }, ...(agent ? { agent } : {}) }, (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          if (redirects >= MAX_REDIRECTS) return reject(new Error(`more than ${MAX_REDIRECTS} redirects`));
          return resolve(get(new URL(response.headers.location, url).href, redirects + 1));
        }
        if (status !== 200) {
          response.resume();
          return reject(new Error(`the server answered HTTP ${status}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_POLICY_BYTES) {
            request.destroy(new Error(`the response is larger than ${MAX_POLICY_BYTES / 1024} KB`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      request.on('error', reject);
    });
  };
  return (url) => get(url, 0);
}
