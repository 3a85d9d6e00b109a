// `require` imports: the launcher must not copy whole built-in modules (`import *` does, in a bundle).
import fs = require('node:fs');
import Module = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

/**
 * Loads a bundle of this package as `require` would, with V8's code cache: compiling the bundle's few hundred
 * kilobytes is most of a start, and the cache (kept in `.code-cache/` beside the bundle, in the package's own
 * folder — nothing is written elsewhere — keyed by the bundle's path, size and time, and by the Node version)
 * lets V8 skip it; a package folder that cannot be written to simply runs without it. The cache is written once, after
 * the start-up code has run (at exit, or `writeCacheAfterMs` in for a long-lived process), so it holds the
 * functions the start compiled too. Any problem with it means a
 * plain compile; `OSPO_GUIDE_CODE_CACHE=off` turns it off.
 *
 * `modules` are handed to the bundle's `require` in place of its externals of those names: a bundle loaded by
 * another shares that one's copy of a library (the language server's connection library, whose classes and
 * constants must be the very ones the connection was made with) instead of a second one.
 */
export function loadBundle(bundlePath: string, options: { writeCacheAfterMs?: number; modules?: Readonly<Record<string, unknown>> } = {}): unknown {
  const source = fs.readFileSync(bundlePath, 'utf8');
  const cacheFile = codeCacheFile(bundlePath);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const bundle = new Module(bundlePath, module);
  bundle.filename = bundlePath;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundlePath));
  const modules = options.modules ?? {};
  const requireFromBundle = ((id: string): unknown => (Object.hasOwn(modules, id) ? modules[id] : bundle.require(id))) as NodeJS.Require;
  requireFromBundle.resolve = ((request: string) => require.resolve(request, { paths: [path.dirname(bundlePath)] })) as NodeJS.RequireResolve;
  requireFromBundle.main = require.main;
  compiled.call(bundle.exports, bundle.exports, requireFromBundle, bundle, bundlePath, path.dirname(bundlePath));
  bundle.loaded = true;
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    let written = false;
    const write = () => {
      if (!written) writeCodeCache(cacheFile, script);
      written = true;
    };
    process.once('exit', write);
    if (options.writeCacheAfterMs !== undefined) setTimeout(write, options.writeCacheAfterMs).unref();
  }
  return bundle.exports;
}

function codeCacheFile(bundlePath: string): string | undefined {
  if (process.env.OSPO_GUIDE_CODE_CACHE === 'off') return undefined;
  try {
    const stat = fs.statSync(bundlePath);
    const key = `${fnv1a(bundlePath).toString(16)}-${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}`;
    const dir = path.join(path.dirname(bundlePath), '.code-cache');
    return path.join(dir, `${path.basename(bundlePath, '.js')}-${key}.bin`);
  } catch {
    return undefined;
  }
}

function writeCodeCache(cacheFile: string, script: vm.Script): void {
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    // Written aside and renamed: two processes starting at once never read half a file.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    // Caches of earlier builds of the same bundle for the same Node (all but size and time alike) are dead.
    const family = path.basename(cacheFile).split('-').slice(0, -2).join('-') + '-';
    for (const name of fs.readdirSync(path.dirname(cacheFile))) {
      if (name.startsWith(family) && name !== path.basename(cacheFile) && name.endsWith('.bin')) fs.rmSync(path.join(path.dirname(cacheFile), name), { force: true });
    }
  } catch {
    // A read-only home or a full disk only costs the next start its compile.
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
