/**
 * `npm run build` (`--watch` for `npm run watch`): bundles the extension, the language server and the CLI into
 * `dist/` with esbuild, then writes the license-text index beside them.
 *
 * The language server is two bundles: `server-main.js` holds the connection and answers `initialize`, and
 * `server-engine.js` (everything the server does) is loaded after. The engine is built with the connection
 * library left out, and is handed the main bundle's copy when loaded (see launch/load-bundle.ts): one copy of
 * its classes and constants, compiled once.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.join(__dirname, '..');
const watch = process.argv.includes('--watch');
const version = (require('../package.json') as { version: string }).version;

/**
 * `import * as path from 'node:path'` becomes, in a bundle, a copy of every export of `node:path` made at start
 * — one per importing module, some sixty of them. Imports of Node's modules from the project's source go through
 * one ESM module per Node module instead (`export * from 'node:path'`), whose exports every importer shares.
 */
const sharedBuiltinNamespaces: esbuild.Plugin = {
  name: 'shared-builtin-namespaces',
  setup(build) {
    build.onResolve({ filter: /^node:[a-z_/]+$/ }, (args) =>
      args.kind === 'import-statement' && args.namespace === 'file' && !args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? { path: args.path, namespace: 'builtin-namespace' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-namespace' }, (args) => ({ contents: `export * from '${args.path}';
`, loader: 'js', resolveDir: root }));
  },
};

/**
 * The connection library loads `crypto` (for random pipe names and ids) and `child_process` (to find global
 * module folders) at its start, some ten milliseconds of the server's, and uses them for features this server
 * never asks for. In the bundles they are loaded when first touched.
 */
const lazyConnectionBuiltins: esbuild.Plugin = {
  name: 'lazy-connection-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(crypto|child_process)$/ }, (args) =>
      args.kind === 'require-call' && /[\\/]node_modules[\\/]vscode-(jsonrpc|languageserver)[\\/]/.test(args.importer)
        ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:${args.path}'))[key] });\n`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in regular expressions and comments. One such
 * character makes Node decode the whole bundle as UTF-8 into a two-byte string, several milliseconds of every
 * start for the CLI's bundle; escaped, the bundle is ASCII and read as such.
 */
function escapeNonAscii(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (/^[\x00-\x7f]*$/.test(text)) return;
  // `\©` (an identity escape) would become `\\u00a9`: a backslash and the letters.
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error(`${file}: a non-ASCII character follows a backslash; write it as \\uXXXX in the source`);
  fs.writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

const common: esbuild.BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'spdx-license-list/full', 'xmlbuilder2', 'libxmljs2'],
  outdir: 'dist',
  entryNames: '[name]',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { OSPO_GUIDE_VERSION: JSON.stringify(version) },
  plugins: [sharedBuiltinNamespaces, lazyConnectionBuiltins, { name: 'ascii-output', setup: (build) => build.onEnd((result) => (result.errors.length ? undefined : asciiOutputs(build.initialOptions))) }],
};

function asciiOutputs(options: esbuild.BuildOptions): void {
  const names = Object.keys(options.entryPoints as Record<string, string>);
  for (const name of names) escapeNonAscii(path.join(root, 'dist', `${name}.js`));
}

/** The library the server's connection is made with: the engine bundle gets the main bundle's copy. */
export const CONNECTION_LIBRARY = ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-protocol'];

const builds: esbuild.BuildOptions[] = [
  {
    ...common,
    entryPoints: {
      extension: 'client/src/extension.ts',
      server: 'server/src/launch-server.ts',
      'server-main': 'server/src/server.ts',
      cli: 'server/src/cli.ts',
      'cli-main': 'server/src/cli-main.ts',
      'audit-worker': 'server/src/launch-audit-worker.ts',
      'audit-worker-main': 'server/src/audit/audit-worker.ts',
    },
  },
  { ...common, entryPoints: { 'server-engine': 'server/src/lsp/language-server.ts' }, external: [...common.external!, ...CONNECTION_LIBRARY] },
];

async function main(): Promise<void> {
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
  execFileSync(process.execPath, [...process.execArgv, path.join(root, 'server/src/build-license-text-index.ts'), path.join(root, 'dist')], { stdio: 'inherit' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
