import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rules, docsUrl, lineStarts, type Diagnostic as Finding, type SourceFile } from '@genai-qa/core';
import {
  CodeActionKind,
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './actions.js';
import { LARGE_FILE, LargeFileLinter } from './large-files.js';
import { stopPrestartedWorker } from './prestart.js';
import { contains, findingRange, lineLengths, lineLengthsFromStarts, toDiagnostic } from './convert.js';
import { Workspace, type ServerHost } from './workspace.js';

/** What a client may pass as `initializationOptions` (VS Code: the extension's settings). */
export interface InitializationOptions {
  /** The content root, relative to the workspace folder (default `content`). */
  contentRoot?: string;
  /** The configuration file, relative to the workspace folder (default genai-qa.config.json). */
  config?: string;
  /** Milliseconds to wait after a change before linting (default 50). */
  debounceMs?: number;
}

const descriptions = new Map(rules.map((r) => [r.meta.id, r.meta.description]));

/**
 * Starts the language server on a connection (stdio by default: `genai-qa lsp --stdio`).
 * The file's own rules run on every change (debounced), the corpus rules on open and save
 * against the whole content root; the configuration file is watched and reloaded.
 */
export function startServer(host: ServerHost, connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace | undefined;
  let debounceMs = 50;
  const timers = new Map<string, NodeJS.Timeout>();
  const told = new Set<string>();
  let watcher: fs.FSWatcher | undefined;
  const large = new LargeFileLinter();
  /** The document version last sent to lint, per file. */
  const requested = new Map<string, number>();
  /** Large files whose corpus run waits for their first full lint. */
  const corpusAfter = new Set<string>();

  const uriOf = (file: string): string => pathToFileURL(path.resolve(workspace!.cwd, file)).href;
  const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? path.resolve(fileURLToPath(uri)) : undefined);

  /**
   * Publishes a file's findings: its open entry's, or `early`, a large file's own findings
   * from the worker before its summary (and so its entry) arrives.
   */
  const publish = (absolutePath: string, early?: { findings: Finding[]; source: SourceFile }): void => {
    const ws = workspace!;
    const open = ws.get(absolutePath);
    const lengths = early
      ? lineLengthsFromStarts(lineStarts(early.source.text), early.source.text.length)
      : open
        ? lineLengthsFromStarts(open.parsed.lineStarts, open.source.text.length)
        : lineLengths(readOr(absolutePath).split(/\r?\n/));
    const diagnostics = ws.findings(absolutePath, early?.findings).map((f) => toDiagnostic(f, lengths, uriOf));
    void connection.sendDiagnostics({ uri: pathToFileURL(absolutePath).href, diagnostics });
  };

  // A notification, not window/showMessageRequest: nothing waits for the user to answer.
  const tell = (type: MessageType, message: string): void => void connection.sendNotification(ShowMessageNotification.type, { type, message });

  const reportConfigError = (error: unknown): void => {
    tell(MessageType.Error, `genai-qa: ${(error as Error).message}; keeping the previous configuration`);
  };

  /**
   * Lints one open document and returns true when its findings are ready to publish. A large
   * file (unless `now`) is linted in the worker, which publishes when done: false then, and
   * a provisional publication for a one-question edit (incremental.ts).
   */
  const lintDocument = (document: TextDocument, now = false): boolean => {
    const ws = workspace!;
    const absolutePath = pathOf(document.uri);
    const reason = absolutePath ? ws.outside(absolutePath) : 'it is not a file on disk';
    if (reason || !absolutePath) {
      if (!told.has(document.uri)) {
        told.add(document.uri);
        const name = absolutePath ? ws.shown(absolutePath) : document.uri;
        connection.console.info(`genai-qa: ${name} is not linted: ${reason}`);
        tell(MessageType.Info, `genai-qa: ${name} is not linted: ${reason}.`);
      }
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      return false;
    }
    requested.set(absolutePath, document.version);
    try {
      const text = document.getText();
      if (text.length >= LARGE_FILE && !now) {
        const version = document.version;
        const guess = ws.updateLarge(
          absolutePath,
          version,
          text,
          large,
          (entry) => {
            if (documents.get(document.uri)?.version !== entry.version) return;
            publish(absolutePath);
            if (corpusAfter.delete(absolutePath)) corpusSoon();
          },
          (findings, source) => {
            if (documents.get(document.uri)?.version === version) publish(absolutePath, { findings, source });
          },
        );
        if (guess) publish(absolutePath);
        return false;
      }
      ws.update(absolutePath, document.version, text);
    } catch (error) {
      connection.console.error(`genai-qa: ${(error as Error).message}`);
      return false;
    }
    return true;
  };

  /** The current findings of an open document, relinted first if the text moved on. */
  const fresh = (uri: string) => {
    const document = documents.get(uri);
    const absolutePath = pathOf(uri);
    if (!document || !absolutePath) return undefined;
    const open = workspace!.get(absolutePath);
    if (!open || open.version !== document.version) {
      if (!lintDocument(document, true)) return undefined;
      clearTimeout(timers.get(uri));
      publish(absolutePath);
    }
    return { absolutePath, open: workspace!.get(absolutePath)!, findings: workspace!.findings(absolutePath) };
  };

  const relintAll = (): void => {
    for (const document of documents.all()) lintDocument(document);
    const changed = workspace!.lintCorpus();
    for (const file of new Set([...workspace!.openPaths(), ...changed])) publish(file);
  };

  const watchConfig = (): void => {
    const file = workspace!.configPath;
    try {
      watcher = fs.watch(path.dirname(file), (_event, name) => {
        if (name && name.toString() === path.basename(file)) configChanged();
      });
    } catch (error) {
      connection.console.warn(`genai-qa: cannot watch ${file}: ${(error as Error).message}`);
    }
  };

  let configTimer: NodeJS.Timeout | undefined;
  const configChanged = (): void => {
    clearTimeout(configTimer);
    configTimer = setTimeout(() => {
      try {
        workspace!.reloadConfig();
      } catch (error) {
        reportConfigError(error);
        return;
      }
      connection.console.info(`genai-qa: reloaded ${workspace!.shown(workspace!.configPath)}`);
      relintAll();
    }, 30);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    const cwd = folder ? fileURLToPath(folder) : process.cwd();
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    workspace = new Workspace(host, { cwd, ...(options.contentRoot ? { contentRoot: options.contentRoot } : {}), ...(options.config ? { config: options.config } : {}) });
    try {
      workspace.reloadConfig();
    } catch (error) {
      tell(MessageType.Error, `genai-qa: ${(error as Error).message}; using the rules' defaults`);
    }
    // A content root with a large file: the worker that lints such files is taken over (genai-qa
    // lsp started it, prestart.ts) or starts loading the engine now, before the answer goes out
    // (a client opens its documents right after it); without one, the prestarted worker stops.
    if (workspace.hasFileOf(LARGE_FILE)) large.start();
    else stopPrestartedWorker();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        hoverProvider: true,
        definitionProvider: true,
      },
      serverInfo: { name: 'genai-qa' },
    };
  });

  connection.onInitialized(() => {
    watchConfig();
  });

  /**
   * The corpus rules after the file's own findings are out (at 10,000 questions they take
   * about as long as the file's own rules): republishes every file whose corpus findings changed.
   */
  let corpusTimer: NodeJS.Immediate | undefined;
  const corpusSoon = (): void => {
    if (corpusTimer) clearImmediate(corpusTimer);
    corpusTimer = setImmediate(() => {
      corpusTimer = undefined;
      for (const file of workspace!.lintCorpus()) publish(file);
    });
  };

  documents.onDidOpen(({ document }) => {
    const absolutePath = pathOf(document.uri);
    if (absolutePath && document.getText().length >= LARGE_FILE) corpusAfter.add(absolutePath);
    if (!lintDocument(document)) return;
    publish(pathOf(document.uri)!);
    corpusSoon();
  });

  documents.onDidChangeContent(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        const absolutePath = pathOf(document.uri);
        // Opening a document also reports a change: it is linted already.
        if (!current || (absolutePath && requested.get(absolutePath) === current.version)) return;
        if (lintDocument(current)) publish(absolutePath!);
      }, debounceMs),
    );
  });

  documents.onDidSave(({ document }) => {
    clearTimeout(timers.get(document.uri));
    const absolutePath = pathOf(document.uri);
    // Saving what was linted already: only the corpus rules are left to run.
    const open = absolutePath ? workspace!.get(absolutePath) : undefined;
    if (!open || open.version !== document.version || open.provisional) {
      if (!lintDocument(document, true)) return;
      publish(absolutePath!);
    }
    corpusSoon();
  });

  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    const absolutePath = pathOf(document.uri);
    if (!absolutePath) return;
    workspace!.close(absolutePath);
    large.forget(absolutePath);
    requested.delete(absolutePath);
    corpusAfter.delete(absolutePath);
    // What stays is what the corpus rules say about the file on disk.
    if (!workspace!.outside(absolutePath)) publish(absolutePath);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (changes.some((c) => pathOf(c.uri) === workspace!.configPath)) configChanged();
  });

  connection.onCodeAction(({ textDocument, range, context }) => {
    const state = fresh(textDocument.uri);
    if (!state) return [];
    return codeActions(textDocument.uri, state.open, state.findings, range, () => workspace!.fixAll(state.absolutePath), uriOf, context.only);
  });

  connection.onHover(({ textDocument, position }) => {
    const state = fresh(textDocument.uri);
    if (!state) return null;
    const lengths = lineLengthsFromStarts(state.open.parsed.lineStarts, state.open.source.text.length);
    const here = state.findings.filter((f) => contains(findingRange(f, lengths), position));
    if (here.length === 0) return null;
    const value = here
      .map((f) => `**${f.ruleId}** (${f.severity}): ${descriptions.get(f.ruleId) ?? ''}\n\n${f.message}\n\n[${f.ruleId} documentation](${docsUrl(f.ruleId)})`)
      .join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value } };
  });

  connection.onDefinition(({ textDocument, position }) => {
    const state = fresh(textDocument.uri);
    if (!state) return null;
    const lengths = lineLengthsFromStarts(state.open.parsed.lineStarts, state.open.source.text.length);
    const here = state.findings.filter((f) => f.related?.length && contains(findingRange(f, lengths), position));
    return here.flatMap((f) =>
      f.related!.map((r) => ({
        uri: uriOf(r.file),
        range: { start: { line: r.line - 1, character: (r.column ?? 1) - 1 }, end: { line: r.line - 1, character: (r.column ?? 1) - 1 } },
      })),
    );
  });

  connection.onShutdown(() => {
    watcher?.close();
    large.close();
    for (const timer of timers.values()) clearTimeout(timer);
    clearTimeout(configTimer);
    if (corpusTimer) clearImmediate(corpusTimer);
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

function readOr(absolutePath: string): string {
  try {
    return fs.readFileSync(absolutePath, 'utf8');
  } catch {
    return '';
  }
}
