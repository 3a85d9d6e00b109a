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
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.join(__dirname, '..');
const watch = process.argv.includes('--watch');
const version = (require('../package.json') as { version: string }).version;

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
};

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
