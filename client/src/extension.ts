import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerApprovalCommands } from './approval-commands';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides per file whether it is a manifest or a header-checked source file.
    documentSelector: [{ scheme: 'file' }],
    outputChannel: output!,
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    diagnosticCollectionName: 'ospo',
  };
  return new LanguageClient('ospo', 'OSPO Guide', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('OSPO Guide', { log: true });
  context.subscriptions.push(output);
  client = createClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('ospo.showOutput', () => output?.show(true)),
    // Trust changes what the server may load (policies from outside the folder, request URLs): start afresh.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context);
      await client.start();
    }),
  );
  registerApprovalCommands(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
