import fs from 'node:fs';
import path from 'node:path';
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

// Starts `genai-qa lsp --stdio` from the workspace's own @genai-qa/cli (as the ESLint
// extension uses the workspace's eslint), or from the path in `genaiQa.server.path`.

let client: LanguageClient | undefined;

function serverPath(folder: string): string | undefined {
  const configured = workspace.getConfiguration('genaiQa').get<string>('server.path');
  const candidates = configured ? [path.resolve(folder, configured)] : [path.join(folder, 'node_modules', '@genai-qa', 'cli', 'bin', 'genai-qa.js')];
  return candidates.find((file) => fs.existsSync(file));
}

async function start(context: ExtensionContext): Promise<void> {
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return;
  const settings = workspace.getConfiguration('genaiQa');
  if (!settings.get<boolean>('enable', true)) return;
  const bin = serverPath(folder);
  if (!bin) {
    void window.showWarningMessage(
      'genai-qa: no language server found. Run "npm install" in the workspace (it provides node_modules/@genai-qa/cli), or set "genaiQa.server.path".',
    );
    return;
  }
  // TransportKind.stdio adds --stdio to the arguments.
  const run = { module: bin, args: ['lsp'], transport: TransportKind.stdio, options: { cwd: folder } };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    initializationOptions: {
      contentRoot: settings.get<string>('contentRoot', 'content'),
      ...(settings.get<string>('config') ? { config: settings.get<string>('config') } : {}),
      debounceMs: settings.get<number>('debounceMs', 50),
    },
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/genai-qa.config.json') },
  };
  client = new LanguageClient('genaiQa', 'genai-qa', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    commands.registerCommand('genaiQa.restartServer', async () => {
      await client?.stop();
      client = undefined;
      await start(context);
    }),
    commands.registerCommand('genaiQa.showOutput', () => client?.outputChannel.show()),
    workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('genaiQa')) await commands.executeCommand('genaiQa.restartServer');
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
