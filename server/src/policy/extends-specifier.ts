/**
 * What one `extends` entry names. As in ESLint's shareable configs, a path starts with `./`, `../` or `/`;
 * anything else is an npm package, optionally with a file inside it; an `https://` URL must carry the
 * SHA-256 of the file it names, so that what the organisation reviewed is exactly what is loaded.
 */
export type ExtendsSpecifier =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'package'; readonly name: string; readonly subpath?: string }
  | { readonly kind: 'url'; readonly url: string; readonly sha256: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** npm's rules for new package names: lower case, URL-safe, not starting with `.` or `_`, at most 214 characters. */
const NAME_PART = /^[a-z0-9~-][a-z0-9._~-]*$/;
const MAX_NAME_LENGTH = 214;
const PIN = /^sha256=([0-9a-f]{64})$/i;

export function parseExtendsSpecifier(target: string): ExtendsSpecifier {
  if (target.trim() === '') return { kind: 'invalid', reason: 'an empty entry names nothing' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) return parseUrl(target);
  if (/^(\.{1,2}([\\/]|$)|[\\/]|[a-z]:[\\/])/i.test(target)) return { kind: 'file', path: target };
  return parsePackage(target);
}

function parseUrl(target: string): ExtendsSpecifier {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { kind: 'invalid', reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:') return { kind: 'invalid', reason: `only https:// URLs are fetched, not ${url.protocol}//` };
  if (url.username || url.password) return { kind: 'invalid', reason: 'a URL with credentials in it would put them in every repository; use a URL that needs none' };
  const pin = PIN.exec(url.hash.slice(1));
  if (!pin) {
    return {
      kind: 'invalid',
      reason: 'a URL must be pinned with #sha256=<64 hex digits> of the file, so that a changed file is never loaded unseen (e.g. `curl -sL URL | sha256sum`); it is not fetched without the pin',
    };
  }
  url.hash = '';
  return { kind: 'url', url: url.href, sha256: pin[1].toLowerCase() };
}

function parsePackage(target: string): ExtendsSpecifier {
  const parts = target.split('/');
  const scoped = target.startsWith('@');
  const nameParts = parts.slice(0, scoped ? 2 : 1);
  const rest = parts.slice(nameParts.length);
  const name = nameParts.join('/');
  if (target.includes('\\')) return { kind: 'invalid', reason: 'a package specifier uses forward slashes only' };
  if (scoped && (nameParts.length < 2 || !NAME_PART.test(nameParts[0].slice(1)) || !NAME_PART.test(nameParts[1]))) {
    return { kind: 'invalid', reason: `"${name}" is not a valid scoped npm package name (@scope/name, lower case)` };
  }
  if (!scoped && !NAME_PART.test(name)) {
    return { kind: 'invalid', reason: `"${name}" is not a valid npm package name (lower case letters, digits, - . _ ~); a path must start with ./ or ../` };
  }
  if (name.length > MAX_NAME_LENGTH) return { kind: 'invalid', reason: `package names are at most ${MAX_NAME_LENGTH} characters` };
  if (rest.length === 0) return { kind: 'package', name };
  if (rest.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return { kind: 'invalid', reason: 'the path inside the package may not hold empty, "." or ".." segments' };
  }
  return { kind: 'package', name, subpath: rest.join('/') };
}
