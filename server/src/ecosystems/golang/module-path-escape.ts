import { encodeUriComponentSafely } from '../../text/uri-component';
/**
 * The module cache stores paths and versions case-encoded, because not every file system keeps case: each
 * upper-case letter becomes `!` and its lower-case form (golang.org/x/mod/module, golang/go#40424).
 * `github.com/BurntSushi/toml` lives in `github.com/!burnt!sushi/toml`.
 */
export function escapeModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, (letter) => '!' + letter.toLowerCase());
}

/** Versions are escaped the same way (`v1.0.0-RC1` → `v1.0.0-!r!c1`). */
export const escapeModuleVersion = escapeModulePath;

/** The inverse of {@link escapeModulePath}; undefined for text that is not a valid escaped path. */
export function unescapeModulePath(escaped: string): string | undefined {
  if (/[A-Z]|![^a-z]|!$/.test(escaped)) return undefined;
  return escaped.replace(/!([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `pkg:golang/<module path>`; each path segment percent-encoded as the purl specification asks. */
export function golangPurl(modulePath: string): string {
  return 'pkg:golang/' + modulePath.split('/').map((segment) => encodeUriComponentSafely(segment)).join('/');
}
