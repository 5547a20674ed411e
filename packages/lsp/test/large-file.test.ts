import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startSession, summary, tempTree, type Session } from './client.js';

// A file of 500,000 characters or more is linted in full in a worker thread; a one-question
// edit gets provisional findings at once (that question linted on its own, the rest moved by
// the edit), then the full lint's. Here the two must agree.

const WORDS = ['latent', 'encoder', 'sampling', 'gradient', 'token', 'attention', 'prior', 'noise', 'reward', 'policy', 'kernel', 'margin'];
const word = (n: number, k: number): string => WORDS[(n * 7 + k * 3) % WORDS.length]! + String.fromCharCode(97 + ((n + k) % 26)) + String.fromCharCode(97 + (Math.floor(n / 26) % 26));

/** 900 questions of about 600 characters, with a trailing space in question 800 (a finding after the edits). */
function largeFile(): string {
  const parts: string[] = [];
  for (let n = 1; n <= 900; n++) {
    const body = Array.from({ length: 8 }, (_, s) => `The ${word(n, s)} ${word(n, s + 1)} of item ${n} differs from the ${word(n, s + 2)} one in part ${s}.`).join(' ');
    parts.push(`# ${n}. What is the ${word(n, 0)} ${word(n, 1)} of item ${n}?\n\n${body}${n === 800 ? ' ' : ''}\n`);
  }
  return parts.join('\n');
}

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The next `n` publications for `file`. */
async function next(s: Session, file: string, n: number): Promise<Diagnostic[][]> {
  const out: Diagnostic[][] = [];
  for (let i = 0; i < n; i++) out.push(await s.diagnostics(file));
  return out;
}

describe('genai-qa lsp --stdio on a large file', () => {
  it('a one-line edit gets provisional findings, then the full lint agrees with them', async () => {
    const text = largeFile();
    expect(text.length).toBeGreaterThan(500_000);
    session = await startSession(tempTree({ 'content/big.md': text }));
    // The file's own findings come first; then, after the corpus rules, with the (templated)
    // questions' near-duplicates: the last publication before the edit.
    const opened = session.diagnostics('content/big.md', (d) => d.some((x) => String(x.code).startsWith('duplicate-')));
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: session.uri('content/big.md'), languageId: 'markdown', version: 1, text },
    });
    const before = summary(await opened).filter((l) => !/duplicate/.test(l));
    expect(before).toContain(`${text.split('\n').findIndex((l) => l.startsWith('The ') && l.endsWith(' ')) + 1}:${text.split('\n').find((l) => l.startsWith('The ') && l.endsWith(' '))!.length} trailing-whitespace warning Trailing whitespace (1 space)`);

    // Question 400's answer gets a new line with a bare URL: every later finding moves down one line.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('# 400. ')) + 2;
    const published = next(session, 'content/big.md', 2);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: session.uri('content/big.md'), version: 2 },
      contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: 'See https://example.org for more.\n' }],
    });
    const [provisional, exact] = await published;
    const shown = (d: Diagnostic[]) => summary(d).filter((l) => !/duplicate/.test(l));
    expect(shown(provisional!)).toEqual(shown(exact!));
    expect(shown(exact!)).toContain(`${at + 1}:5 bare-url warning Bare URL "https://example.org"; write it as a link`);
    const moved = before.map((l) => l.replace(/^(\d+):/, (_, n) => `${Number(n) > at ? Number(n) + 1 : n}:`));
    for (const line of moved) expect(shown(exact!)).toContain(line);
  });
});
