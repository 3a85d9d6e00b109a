import type * as Crypto from 'node:crypto';

/**
 * `node:crypto`, loaded on first use. Loading it costs a few milliseconds of start-up (it brings Node's streams
 * with it), and most runs hash nothing: an audit without findings, a language server before its first SBOM.
 */
export function nodeCrypto(): typeof Crypto {
  return require('node:crypto') as typeof Crypto;
}
