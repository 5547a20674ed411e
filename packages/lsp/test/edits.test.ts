import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, startSession, summary, tempTree, type Session } from './client.js';

// What the editor shows after an edit sent as the editor sends it (a range and its new text)
// is what `genai-qa lint` says of the edited file, and "fix all" is one edit per fix that
// makes of the file what `lint --fix` makes of it. The CLI, run on a copy on disk, is the reference.

const FILE = [
  '# 1. What is a GAN?',
  '',
  'A generator and a discriminator trained against each other.',
  '',
  '# 2. What is a VAE?',
  '',
  'An encoder and a decoder, with $\\frac{1}{2$ of the loss a KL term.',
  '',
  '# 3. What is a token?',
  '',
  'A unit of text.  ',
  '',
].join('\n');

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** `genai-qa lint` on `text` as content/q.md, in the summary's form (line:col rule severity message). */
function lint(text: string): string[] {
  const dir = tempTree({ 'content/q.md': text });
  let out: string;
  try {
    out = execFileSync(process.execPath, [BIN, 'lint', '--format', 'json', 'content'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: there are errors
  }
  const found = JSON.parse(out) as Array<{ line: number; column: number; ruleId: string; severity: string; message: string }>;
  return found.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity} ${f.message}`);
}

/** Opens FILE, waits for its diagnostics, sends one ranged change, returns the diagnostics after it and the new text. */
async function edit(range: Range, text: string): Promise<{ shown: string[]; after: string }> {
  session = await startSession(tempTree({ 'content/q.md': FILE }));
  const uri = session.uri('content/q.md');
  const opened = session.diagnostics('content/q.md');
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: FILE } });
  expect(summary(await opened)).toEqual(lint(FILE));
  const next = session.diagnostics('content/q.md');
  await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range, text }] });
  const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, FILE), [{ range, newText: text }]);
  return { shown: summary(await next), after };
}

const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

describe('genai-qa lsp --stdio: the diagnostics after an edit are lint\'s', () => {
  it('a heading typed into the middle of question 2 splits it in two', async () => {
    const { shown, after } = await edit(at(6, 'An encoder.'.length - 1), '.\n\n# 3. What is a decoder?\n\nA decoder');
    expect(after).toContain('An encoder.\n\n# 3. What is a decoder?\n\nA decoder and a decoder, with');
    expect(shown).toEqual(lint(after));
    expect(shown.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['11:42 invalid-math', '13:1 question-numbering', '15:16 trailing-whitespace']);
  });

  it('the heading of question 3 deleted merges it into question 2', async () => {
    const { shown, after } = await edit({ start: { line: 7, character: 0 }, end: { line: 9, character: 0 } }, '');
    expect(after).toContain('of the loss a KL term.\n\nA unit of text.  \n');
    expect(shown).toEqual(lint(after));
    expect(shown.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['7:43 invalid-math', '9:16 trailing-whitespace']);
  });

  it('an edit inside a code fence: a heading line there is code, and trailing spaces in code are allowed', async () => {
    const fenced = FILE.replace('against each other.', 'against each other.\n\n```\nx = 1\n```');
    session = await startSession(tempTree({ 'content/q.md': fenced }));
    const uri = session.uri('content/q.md');
    const opened = session.diagnostics('content/q.md');
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: fenced } });
    expect(summary(await opened)).toEqual(lint(fenced));
    const next = session.diagnostics('content/q.md');
    const range = at(5, 'x = 1'.length);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range, text: '  \n# 2. What is code?' }] });
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, fenced), [{ range, newText: '  \n# 2. What is code?' }]);
    const shown = summary(await next);
    expect(shown).toEqual(lint(after));
    expect(shown.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['12:43 invalid-math', '16:16 trailing-whitespace']);
  });
});

describe('genai-qa lsp --stdio: "fix all" is one edit per fix', () => {
  const BROKEN = [
    '# 1.What is a GAN?',
    '',
    'A generator and a discriminator trained against each other.  ',
    '',
    '# 2. What is a VAE?',
    '',
    'Two  parts:',
    '• an encoder',
    '• a decoder',
    '',
    'See https://example.org.',
    '',
  ].join('\n');

  /** `genai-qa lint --fix` on `text` as content/q.md: the file it writes. */
  function fixed(text: string): string {
    const dir = tempTree({ 'content/q.md': text });
    try {
      execFileSync(process.execPath, [BIN, 'lint', '--fix', 'content'], { cwd: dir, stdio: 'ignore' });
    } catch {
      // exit 1: findings are left (none here)
    }
    return fs.readFileSync(path.join(dir, 'content/q.md'), 'utf8');
  }

  async function fixAll(only?: string[]): Promise<{ action: CodeAction; edits: TextEdit[]; uri: string }> {
    session = await startSession(tempTree({ 'content/q.md': BROKEN }));
    const uri = session.uri('content/q.md');
    const opened = session.diagnostics('content/q.md');
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: BROKEN } });
    await opened;
    const offered = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: at(0, 0),
      context: { diagnostics: [], ...(only ? { only } : {}) },
    })) as CodeAction[];
    const action = offered.find((a) => a.title.startsWith('Fix all'))!;
    return { action, edits: action.edit!.changes![uri]!, uri };
  }

  it('the heading, the trailing spaces, the pseudo-list with its double space, the bare URL: four edits, and the text lint --fix writes', async () => {
    const { action, edits, uri } = await fixAll();
    expect(action.kind).toBe(CodeActionKind.QuickFix);
    // The double space is fixed in lint --fix's second pass, inside the list the first pass wrote: one edit with it.
    expect(edits).toEqual([
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, newText: ' ' },
      { range: { start: { line: 2, character: 59 }, end: { line: 2, character: 61 } }, newText: '' },
      { range: { start: { line: 6, character: 0 }, end: { line: 8, character: 11 } }, newText: 'Two parts:\n\n- an encoder\n- a decoder' },
      { range: { start: { line: 10, character: 4 }, end: { line: 10, character: 23 } }, newText: '<https://example.org>' },
    ]);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, BROKEN), edits);
    expect(after).toBe(fixed(BROKEN));
  });

  it('asked for source.fixAll (as VS Code does on save), the server offers that action alone, with the same edits', async () => {
    const quick = (await fixAll()).edits;
    await session!.close();
    const { action, edits } = await fixAll([CodeActionKind.SourceFixAll]);
    expect(action.kind).toBe(CodeActionKind.SourceFixAll);
    expect(edits).toEqual(quick);
  });
});
