import * as path from 'node:path';
import type { FileSource } from '../io/file-source';
import { placePath } from '../io/path-containment';
import { parseExtendsSpecifier } from './extends-specifier';
import type { PinnedUrl, RemotePolicyStore } from './remote-policy-store';
import { resolvePolicyPackage } from './resolve-policy-package';

/** Where an `extends` entry led, for the hover on the entry. */
export type BaseOrigin =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'package'; readonly name: string; readonly version?: string; readonly path: string; readonly packageDir: string }
  | { readonly kind: 'url'; readonly url: string; readonly sha256: string; readonly cachePath: string; readonly fetchedAt: Date };

export type ExtendsOutcome =
  | { readonly kind: 'resolved'; readonly origin: BaseOrigin; readonly path: string; readonly text: string | undefined }
  /** A pinned URL that is not in the cache yet and may be fetched. */
  | { readonly kind: 'pending'; readonly pin: PinnedUrl; readonly message: string }
  /** `notLoaded`: set when the only problem is that a restricted workspace skipped it: what was skipped. */
  | { readonly kind: 'problem'; readonly message: string; readonly notLoaded?: string };

export interface ExtendsContext {
  readonly workspaceRoot: string;
  readonly files: FileSource;
  readonly trusted: boolean;
  readonly remote?: RemotePolicyStore;
}

/**
 * Resolves one `extends` entry of the policy at `fromFile`. `fromRemote`: the naming policy was itself fetched
 * from a URL, so relative paths and packages mean nothing for it.
 */
export function resolveExtends(target: string, fromFile: string, fromRemote: boolean, context: ExtendsContext): ExtendsOutcome {
  const spec = parseExtendsSpecifier(target);
  const problem = (message: string): ExtendsOutcome => ({ kind: 'problem', message: `extends "${target}": ${message}` });
  if (spec.kind === 'invalid') return problem(spec.reason);
  if (fromRemote && spec.kind !== 'url') return problem('a policy fetched from a URL can extend only other pinned URLs');

  if (spec.kind === 'url') {
    if (!context.trusted) return { kind: 'problem', message: `extends "${target}": URLs are not fetched or loaded in a restricted workspace; trust the workspace to use its organisation policy`, notLoaded: target };
    if (!context.remote) return problem('this client cannot fetch shared policies');
    const state = context.remote.lookup(spec);
    switch (state.kind) {
      case 'cached': {
        const origin: BaseOrigin = { kind: 'url', url: spec.url, sha256: spec.sha256, cachePath: state.cachePath, fetchedAt: state.fetchedAt };
        return { kind: 'resolved', origin, path: state.cachePath, text: state.text };
      }
      case 'mismatch':
        return problem(`the file at the URL has SHA-256 ${state.actual}, not the pinned ${spec.sha256}; it is not used (if the change is expected, review it and update the pin)`);
      case 'failed':
        return problem(`could not be fetched and is not in the cache (${context.remote.cacheDir}): ${state.reason}`);
      case 'absent':
        return { kind: 'pending', pin: spec, message: `extends "${target}": not in the cache yet; it is being fetched` };
    }
  }

  if (spec.kind === 'package') {
    const found = resolvePolicyPackage(spec, fromFile, context.workspaceRoot, context.files);
    if (found.kind === 'not-found') {
      const asFile = path.resolve(path.dirname(fromFile), target);
      const hint = spec.subpath === undefined && context.files.exists(asFile) ? `; for the file next to the policy, write "./${target}"` : '';
      return problem(found.reason + hint);
    }
    const origin: BaseOrigin = { kind: 'package', name: found.name, path: found.path, packageDir: found.packageDir, ...(found.version ? { version: found.version } : {}) };
    return { kind: 'resolved', origin, path: found.path, text: context.files.readText(found.path) };
  }

  const resolved = path.resolve(path.dirname(fromFile), spec.path);
  // After symbolic links: a link inside the folder to a file outside it leads outside too.
  if (!context.trusted && placePath(context.workspaceRoot, resolved).kind === 'outside') {
    return { kind: 'problem', message: `extends "${target}" is outside the workspace and is not loaded in an untrusted workspace`, notLoaded: resolved };
  }
  const text = context.files.readText(resolved);
  if (text === undefined) return problem(`no such policy file (${resolved})`);
  return { kind: 'resolved', origin: { kind: 'file', path: resolved }, path: resolved, text };
}
