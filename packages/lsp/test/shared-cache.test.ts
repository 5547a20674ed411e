import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DidSaveTextDocumentNotification } from 'vscode-languageserver-protocol/node.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, startSession, summary, tempTree, type Session } from './client.js';

/*
 * The server and `genai-qa lint --cache` share the cache of a workspace that has one at the
 * default location (.genai-qa-cache/lint.json): the server takes what lint stored, and what
 * it stores lint takes. Seen from outside: whether the cache file is rewritten, and whether
 * lint's warm path (which answers only when every entry is current) answers.
 */

const GAN = '# 1. What is a GAN?\n\nA generator and a discriminator trained against each other.\n';
const VAE = '# 1. What is a VAE?\n\nAn encoder  and a decoder trained with a reconstruction and a KL term.\n';
const CACHE = '.genai-qa-cache/lint.json';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

function lint(dir: string, ...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

async function openFile(s: Session, file: string, text: string): Promise<void> {
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: s.uri(file), languageId: 'markdown', version: 1, text } });
}

describe('genai-qa lsp --stdio: the lint cache of the workspace', () => {
  it('opening a file lint --cache has linted takes its findings from the cache: nothing is rewritten', async () => {
    const dir = tempTree({ 'content/a.md': GAN, 'content/b.md': VAE });
    lint(dir, '--cache');
    // A message only the cache has: the server publishes it when it reads the cache.
    const cache = path.join(dir, CACHE);
    const data = JSON.parse(fs.readFileSync(cache, 'utf8'));
    data.files[1].diagnostics[0].message = 'Two spaces (from the cache)';
    fs.writeFileSync(cache, JSON.stringify(data));
    const before = fs.statSync(cache).mtimeMs;
    session = await startSession(dir);
    const published = session.diagnostics('content/b.md');
    await openFile(session, 'content/b.md', VAE);
    expect(summary(await published)).toEqual(['3:11 multiple-spaces warning Two spaces (from the cache)']);
    // Closing waits for the server to finish what it was doing, the corpus run included.
    await session.close();
    session = undefined;
    expect(fs.statSync(cache).mtimeMs).toBe(before);
  });

  it('what the server stores after a save, lint --cache reuses as it is', async () => {
    const dir = tempTree({ 'content/a.md': GAN, 'content/b.md': VAE });
    lint(dir, '--cache');
    session = await startSession(dir);
    await openFile(session, 'content/b.md', VAE);
    await session.diagnostics('content/b.md');
    // b.md becomes a copy of a.md, saved: the corpus rules find the duplicate.
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: session.uri('content/b.md'), version: 2 }, contentChanges: [{ text: GAN }] });
    const saved = session.diagnostics('content/b.md', (d) => d.length > 0);
    fs.writeFileSync(path.join(dir, 'content/b.md'), GAN);
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: session.uri('content/b.md') } });
    expect(summary(await saved).map((l) => l.split(' ')[1])).toEqual(['duplicate-question', 'duplicate-id']);
    await session.close();
    session = undefined;
    // lint --cache prints what lint without it prints, and rewrites nothing: every entry the
    // server left is current (a stale one would be linted again and the file rewritten).
    const written = fs.statSync(path.join(dir, CACHE)).mtimeMs;
    expect(lint(dir, '--cache')).toEqual(lint(dir));
    expect(fs.statSync(path.join(dir, CACHE)).mtimeMs).toBe(written);
    expect(JSON.parse(lint(dir).stdout).map((d: { ruleId: string }) => d.ruleId)).toEqual(['duplicate-question', 'duplicate-id']);
  });

  it('without a cache file the server writes none', async () => {
    const dir = tempTree({ 'content/a.md': GAN });
    session = await startSession(dir);
    const published = session.diagnostics('content/a.md');
    await openFile(session, 'content/a.md', GAN);
    expect(await published).toEqual([]);
    await session.close();
    session = undefined;
    expect(fs.existsSync(path.join(dir, CACHE))).toBe(false);
  });
});
