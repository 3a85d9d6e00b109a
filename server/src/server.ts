import path = require('node:path');
// `require` imports: `import *` of a library makes the bundle copy each of its exports at start.
import lsp = require('vscode-languageserver/node');
import { loadBundle } from './launch/load-bundle';
import { LspFrameResync } from './lsp/lsp-frame-resync';
import { InvalidParamsRequestType, validatingMessageStrategy } from './lsp/lsp-params';
import { initializeResult } from './lsp/server-capabilities';
import { errorDetail } from './text/unknown-error';

const options = { messageStrategy: validatingMessageStrategy((line) => connection.console.warn(line)) };
const stdio = process.argv.includes('--stdio');
// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as every LSP client expects. Over
// stdio, frames pass a resync first so a malformed one is skipped instead of stalling the reader.
const connection: lsp.Connection = stdio
  ? lsp.createConnection(
      lsp.ProposedFeatures.all,
      process.stdin.pipe(new LspFrameResync((problem) => connection.console.error(problem))),
      process.stdout,
      options,
    )
  : lsp.createConnection(lsp.ProposedFeatures.all, options);
if (stdio) {
  // stdout carries the protocol: anything printed must go to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
}
// A rejected promise no handler awaited must not end the process (Node's default): log it and keep serving.
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${errorDetail(reason)}`));

// Requests whose params failed their check at the entry (see validatingMessageStrategy), `initialize` included.
connection.onRequest(InvalidParamsRequestType, ({ method, reason }) => {
  connection.console.warn(`rejected ${method}: ${reason}`);
  return new lsp.ResponseError(lsp.ErrorCodes.InvalidParams, `${method}: ${reason}`);
});

// `initialize` is answered from the capabilities alone; the engine (`server-engine.js`, built from
// lsp/language-server.ts: policies, ecosystems, licenses, headers) is loaded once the client has the answer and
// says `initialized`, the next message it may send. An editor waits for the answer before it shows anything.
let initializeParams: lsp.InitializeParams | undefined;
connection.onInitialize((params) => {
  initializeParams = params;
  return initializeResult();
});
connection.onInitialized(() => {
  if (!initializeParams) return;
  const engine = loadBundle(path.join(__dirname, 'server-engine.js'), {
    writeCacheAfterMs: 3000,
    modules: { 'vscode-languageserver': lsp, 'vscode-languageserver/node': lsp, 'vscode-languageserver-protocol': lsp },
  }) as typeof import('./lsp/language-server');
  engine.startLanguageServer(connection, initializeParams);
});
connection.listen();
