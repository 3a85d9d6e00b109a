/** A UTF-16 surrogate without its pair: valid in a JavaScript string, not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `encodeURIComponent`, except that a lone surrogate (from a manifest, say: JSON's `\ud800` escape makes one)
 * becomes U+FFFD instead of throwing `URIError: URI malformed`.
 */
export function encodeUriComponentSafely(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
}
