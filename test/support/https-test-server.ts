import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { makeTempDir } from './temp-dirs';

export interface HttpsTestServer {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  /** The self-signed certificate, for `NODE_EXTRA_CA_CERTS`. */
  readonly certificatePath: string;
  /** Paths requested so far. */
  readonly requests: string[];
  /** What each path answers; edit it between requests. */
  readonly files: Map<string, string>;
  close(): Promise<void>;
}

/**
 * An https server on loopback with a certificate made for this test run by openssl, so the code under test
 * fetches over real TLS and verifies the certificate as it would any other.
 */
export async function startHttpsTestServer(): Promise<HttpsTestServer> {
  const dir = makeTempDir('https-cert');
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const requests: string[] = [];
  const files = new Map<string, string>();
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    certificatePath: cert,
    requests,
    files,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}
