import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/language-server';
import { LspFrameResync } from './lsp/lsp-frame-resync';
import { validatingMessageStrategy } from './lsp/lsp-params';
import { errorDetail } from './text/unknown-error';

const options = { messageStrategy: validatingMessageStrategy((line) => connection.console.warn(line)) };
const stdio = process.argv.includes('--stdio');
// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as every LSP client expects. Over
// stdio, frames pass a resync first so a malformed one is skipped instead of stalling the reader.
const connection: Connection = stdio
  ? createConnection(
      ProposedFeatures.all,
      process.stdin.pipe(new LspFrameResync((problem) => connection.console.error(problem))),
      process.stdout,
      options,
    )
  : createConnection(ProposedFeatures.all, options);
if (stdio) {
  // stdout carries the protocol: anything printed must go to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
}
// A rejected promise no handler awaited must not end the process (Node's default): log it and keep serving.
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${errorDetail(reason)}`));
startLanguageServer(connection);
