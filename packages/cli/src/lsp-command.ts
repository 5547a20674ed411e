import { parseArgs } from 'node:util';
import type { ServerHost } from '@genai-qa/lsp';
import fs from 'node:fs';
import { ruleOrder } from '@genai-qa/core';
import { loadConfig } from './config-file.js';
import { readConfigText } from './config-text.js';
import { collectFiles, nodeHost, readChecked } from './files.js';
import { cacheKey, CacheFileStore, fileHash, resolveCacheLocation } from './lint-cache-file.js';
import { UsageError, type Command, type Io } from './io.js';

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

/**
 * How the server reads the file system: as lint does (config file, file list, safe reads,
 * link targets), and the cache of `lint --cache` when the workspace has one at the default
 * location (a workspace that lints with --cache): the server then reads and writes it.
 */
export const lintHost: ServerHost = {
  loadConfig: (configFile, cwd) => loadConfig(configFile, cwd),
  listFiles: (root, cwd) => collectFiles([root], cwd).map((f) => f.absolutePath),
  readFile: (absolutePath, root, cwd, limits) => {
    const input = { absolutePath, root, relativePath: absolutePath.slice(root.length + 1).split('\\').join('/') };
    const checked = readChecked(input, cwd, limits.maxFileBytes);
    const { source, refused } = checked;
    const hash = fileHash({ ...input, path: source.path, real: checked.real, rootReal: checked.rootReal, refused }, checked.bytes);
    return { source, hash, ...(refused ? { refused } : {}) };
  },
  fileSystem: nodeHost,
  lintStore: (configFile, cwd) => {
    const file = resolveCacheLocation(undefined, cwd);
    if (!fs.existsSync(file)) return undefined;
    const store = new CacheFileStore(file, cacheKey(readConfigText(configFile, cwd)), ruleOrder());
    return { store, save: (paths) => store.save(paths) };
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

/** The command as `genai-qa` runs it (run.ts). */
export const command: Command = { run: (argv, io) => lspCommand(argv, io), help: LSP_HELP };
