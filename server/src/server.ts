import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/language-server';

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as every LSP client expects.
startLanguageServer(createConnection(ProposedFeatures.all));
