import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node.js';

// A client for the protocol-level tests: spawns the built `genai-qa lsp --stdio` (npm test
// builds first) in a directory and speaks JSON-RPC to it with vscode-languageserver-protocol.

export const BIN = fileURLToPath(new URL('../../cli/bin/genai-qa.js', import.meta.url));

export interface Session {
  connection: ProtocolConnection;
  dir: string;
  uri(file: string): string;
  /** The next diagnostics published for `file` that satisfy `accept` (default: any). */
  diagnostics(file: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  messages: ShowMessageParams[];
  /** Every publication so far, in order. */
  published: PublishDiagnosticsParams[];
  close(): Promise<void>;
}

/** A temporary directory holding the given files ({ 'content/q.md': '...' }). */
export function tempTree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-lsp-')));
  for (const [name, data] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, data);
  }
  return dir;
}

export async function startSession(dir: string, initializationOptions: Record<string, unknown> = { debounceMs: 10 }): Promise<Session> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const messages: ShowMessageParams[] = [];
  const waiting: Array<{ uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const w of [...waiting]) {
      if (w.uri === params.uri && w.accept(params.diagnostics)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(params.diagnostics);
      }
    }
  });
  connection.onNotification(ShowMessageNotification.type, (params) => void messages.push(params));
  connection.listen();
  const rootUri = pathToFileURL(dir).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'test' }],
    capabilities: {},
    initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = (file: string) => pathToFileURL(path.join(dir, file)).href;
  return {
    connection,
    dir,
    uri,
    messages,
    published,
    diagnostics: (file, accept = () => true) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${file} within 20 s`)), 20_000);
        waiting.push({ uri: uri(file), accept, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      }),
    close: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((resolve) => child.once('exit', resolve));
      connection.dispose();
    },
  };
}

/** `line:col rule severity message` of each diagnostic (1-based, as lint prints them). */
export function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.severity === 1 ? 'error' : 'warning'} ${d.message}`);
}
