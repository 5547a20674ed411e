import { parseArgs } from 'node:util';
import type { ServerHost } from '@genai-qa/lsp';
import { loadConfig } from './config-file.js';
import { collectFiles, readChecked } from './files.js';
import { UsageError, type Io } from './io.js';

export const LSP_HELP = `Usage: genai-qa lsp --stdio [options]

Run the genai-qa language server, speaking the Language Server Protocol on stdin and
stdout (editors start it: see docs/editors.md). Diagnostics as you type, quick fixes,
"disable <rule>" actions, hovers with the rule's documentation, and go to definition from a
duplicate to the other question.

The workspace folder is the working directory of lint; the client may pass
initializationOptions { "contentRoot": "content", "config": "genai-qa.config.json",
"debounceMs": 50 }. Files outside the content root are not linted (the server says so).

Options:
  --stdio      talk over stdin/stdout (the only transport)
  -h, --help   show this help
`;

/** How the server reads the file system: as lint does (config file, file list, safe reads). */
export const lintHost: ServerHost = {
  loadConfig: (configFile, cwd) => loadConfig(configFile, cwd),
  listFiles: (root, cwd) => collectFiles([root], cwd).map((f) => f.absolutePath),
  readFile: (absolutePath, root, cwd, limits) => {
    const relativePath = absolutePath.slice(root.length + 1).split('\\').join('/');
    const { source, refused } = readChecked({ absolutePath, root, relativePath }, cwd, limits.maxFileBytes);
    return refused ? { source, refused } : { source };
  },
};

/** `genai-qa lsp --stdio`: runs until the client says exit (the process then ends). */
export async function lspCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { stdio: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout.write(LSP_HELP);
    return 0;
  }
  if (!values.stdio) throw new UsageError('lsp needs --stdio (the server talks over stdin and stdout)');
  const { startServer } = await import('@genai-qa/lsp');
  const connection = startServer(lintHost);
  // The process lives until the client sends "exit"; vscode-languageserver then ends it.
  await new Promise<void>((resolve) => connection.onExit(resolve));
  return 0;
}
