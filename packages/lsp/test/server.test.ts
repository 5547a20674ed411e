import fs from 'node:fs';
import path from 'node:path';
import { rules } from '@genai-qa/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  HoverRequest,
  type CodeAction,
  type Location,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startSession, summary, tempTree, type Session } from './client.js';

const GAN = '# 1. What is a GAN?\n\nA generator and a discriminator trained against each other.\n';
const BROKEN = '# 1.What is a GAN?\n\nA generator and a discriminator trained against each other.\n\n# 2. What is a VAE?\n\nAn encoder and a decoder.\n';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function open(s: Session, file: string, text: string): Promise<void> {
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: s.uri(file), languageId: 'markdown', version: 1, text },
  });
}

async function change(s: Session, file: string, version: number, text: string): Promise<void> {
  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: s.uri(file), version },
    contentChanges: [{ text }],
  });
}

async function actions(s: Session, file: string, line: number): Promise<CodeAction[]> {
  const range = { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } };
  return (await s.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: s.uri(file) }, range, context: { diagnostics: [] } })) as CodeAction[];
}

function apply(text: string, action: CodeAction, uri: string): string {
  const edits = action.edit!.changes![uri] as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
}

describe('genai-qa lsp --stdio: diagnostics', () => {
  it('publishes the findings of a file when it is opened: rule id as code, a link to the rule page', async () => {
    session = await startSession(tempTree({ 'content/q.md': BROKEN }));
    const published = session.diagnostics('content/q.md');
    await open(session, 'content/q.md', BROKEN);
    const diagnostics = await published;
    expect(summary(diagnostics)).toEqual(['1:5 heading-format error Missing space after "1." in the question heading; write "1. What is a GAN?"']);
    expect(diagnostics[0]).toMatchObject({
      source: 'genai-qa',
      codeDescription: { href: 'https://github.com/genai-qa/genai-qa/blob/main/docs/rules/heading-format.md' },
    });
  });

  it('lints the text as it is typed (debounced), not the file on disk', async () => {
    session = await startSession(tempTree({ 'content/q.md': GAN }));
    const first = session.diagnostics('content/q.md');
    await open(session, 'content/q.md', GAN);
    expect(await first).toEqual([]);
    const next = session.diagnostics('content/q.md', (d) => d.length > 0);
    await change(session, 'content/q.md', 2, GAN.replace('other.', 'other.  '));
    expect(summary(await next)).toEqual(['3:60 trailing-whitespace warning Trailing whitespace (2 spaces)']);
  });

  it('a file outside the content root is not linted, and the server says why', async () => {
    session = await startSession(tempTree({ 'content/q.md': GAN, 'README.md': BROKEN }));
    const published = session.diagnostics('README.md');
    await open(session, 'README.md', BROKEN);
    expect(await published).toEqual([]);
    expect(session.messages).toEqual([{ type: 3, message: 'genai-qa: README.md is not linted: it is outside the content root content/.' }]);
  });

  it('takes the content root from initializationOptions', async () => {
    session = await startSession(tempTree({ 'questions/q.md': BROKEN }), { contentRoot: 'questions', debounceMs: 10 });
    const published = session.diagnostics('questions/q.md');
    await open(session, 'questions/q.md', BROKEN);
    expect(summary(await published).map((l) => l.split(' ')[1])).toEqual(['heading-format']);
  });
});

describe('genai-qa lsp --stdio: code actions', () => {
  it('offers the safe fix, the two disable comments and "fix all"; the fix edits the heading', async () => {
    session = await startSession(tempTree({ 'content/q.md': BROKEN }));
    const published = session.diagnostics('content/q.md');
    await open(session, 'content/q.md', BROKEN);
    await published;
    const offered = await actions(session, 'content/q.md', 1);
    expect(offered.map((a) => a.title)).toEqual([
      'Fix: Missing space after "1." in the question heading; write "1. What is a GAN?"',
      'Disable heading-format for this question',
      'Disable heading-format for the next line',
      'Fix all genai-qa problems (as genai-qa lint --fix)',
    ]);
    const uri = session.uri('content/q.md');
    expect(apply(BROKEN, offered[0]!, uri)).toBe(BROKEN.replace('# 1.What', '# 1. What'));
    expect(apply(BROKEN, offered[1]!, uri)).toBe(BROKEN.replace('# 1.What is a GAN?\n', '# 1.What is a GAN?\n\n<!-- genai-qa-disable-question heading-format -->\n'));
    expect(apply(BROKEN, offered[2]!, uri)).toBe(`<!-- genai-qa-disable-next-line heading-format -->\n${BROKEN}`);
  });

  it('the disable comment it writes silences the finding', async () => {
    session = await startSession(tempTree({ 'content/q.md': BROKEN }));
    await open(session, 'content/q.md', BROKEN);
    await session.diagnostics('content/q.md');
    const disabled = apply(BROKEN, (await actions(session, 'content/q.md', 1))[1]!, session.uri('content/q.md'));
    const next = session.diagnostics('content/q.md');
    await change(session, 'content/q.md', 2, disabled);
    expect(await next).toEqual([]);
  });

  it('"fix all" makes of a CRLF file what lint --fix makes of it, in CRLF', async () => {
    const crlf = '# 1.What is a GAN?\r\n\r\nTwo networks.  \r\n# 2.What is a VAE?\r\n\r\nAn encoder and a decoder.\r\n';
    session = await startSession(tempTree({ 'content/q.md': crlf }));
    await open(session, 'content/q.md', crlf);
    await session.diagnostics('content/q.md');
    const all = (await actions(session, 'content/q.md', 1)).find((a) => a.title.startsWith('Fix all'))!;
    expect(apply(crlf, all, session.uri('content/q.md'))).toBe('# 1. What is a GAN?\r\n\r\nTwo networks.\r\n\r\n# 2. What is a VAE?\r\n\r\nAn encoder and a decoder.\r\n');
  });
});

describe('genai-qa lsp --stdio: hover and go to definition', () => {
  it('hover on a finding shows the rule, its description and a link to its page', async () => {
    session = await startSession(tempTree({ 'content/q.md': BROKEN }));
    await open(session, 'content/q.md', BROKEN);
    await session.diagnostics('content/q.md');
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('content/q.md') }, position: { line: 0, character: 6 } });
    expect((hover!.contents as MarkupContent).value).toBe(
      [
        `**heading-format** (error): ${rules.find((r) => r.meta.id === 'heading-format')!.meta.description}`,
        '',
        'Missing space after "1." in the question heading; write "1. What is a GAN?"',
        '',
        '[heading-format documentation](https://github.com/genai-qa/genai-qa/blob/main/docs/rules/heading-format.md)',
      ].join('\n'),
    );
    const nothing = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('content/q.md') }, position: { line: 4, character: 3 } });
    expect(nothing).toBeNull();
  });

  it('a duplicate of a question in another (closed) file: the finding carries the related location, definition goes there', async () => {
    const dup = '# 1. What is a GAN?\n\nA generator and a discriminator trained against each other.\n';
    session = await startSession(tempTree({ 'content/a.md': GAN, 'content/b.md': dup }));
    // The file's own findings (none) come first, the corpus rules' right after.
    const published = session.diagnostics('content/b.md', (d) => d.length > 0);
    await open(session, 'content/b.md', dup);
    const diagnostics = await published;
    expect(summary(diagnostics).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['1:1 duplicate-question', '1:1 duplicate-id']);
    expect(diagnostics[0]!.relatedInformation).toEqual([
      { location: { uri: session.uri('content/a.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: 'question 1' },
    ]);
    const target = (await session.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: session.uri('content/b.md') },
      position: { line: 0, character: 8 },
    })) as Location[];
    expect(target[0]).toEqual({ uri: session.uri('content/a.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  });
});

describe('genai-qa lsp --stdio: corpus rules on save, configuration reloaded', () => {
  it('duplicates across files are looked for when the file is saved, not on every keystroke', async () => {
    const vae = '# 1. What is a VAE?\n\nAn encoder and a decoder trained with a reconstruction and a KL term.\n';
    session = await startSession(tempTree({ 'content/a.md': GAN, 'content/b.md': vae }));
    await open(session, 'content/b.md', vae);
    expect(await session.diagnostics('content/b.md')).toEqual([]);
    const typed = session.diagnostics('content/b.md');
    await change(session, 'content/b.md', 2, GAN);
    expect(await typed).toEqual([]);
    const saved = session.diagnostics('content/b.md', (d) => d.length > 0);
    fs.writeFileSync(path.join(session.dir, 'content/b.md'), GAN);
    await session.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: session.uri('content/b.md') } });
    expect(summary(await saved).map((l) => l.split(' ')[1])).toEqual(['duplicate-question', 'duplicate-id']);
  });

  it('a change to genai-qa.config.json is picked up without a restart; a broken one is reported and the last good one kept', async () => {
    session = await startSession(tempTree({ 'content/q.md': BROKEN }));
    await open(session, 'content/q.md', BROKEN);
    expect(summary(await session.diagnostics('content/q.md')).map((l) => l.split(' ')[1])).toEqual(['heading-format']);
    const reloaded = session.diagnostics('content/q.md', (d) => d.length === 0);
    fs.writeFileSync(path.join(session.dir, 'genai-qa.config.json'), '{ "rules": { "heading-format": "off" } }\n');
    expect(await reloaded).toEqual([]);
    fs.writeFileSync(path.join(session.dir, 'genai-qa.config.json'), '{ "rules": ');
    await expect.poll(() => session!.messages.map((m) => m.message)).toContainEqual(expect.stringContaining('genai-qa.config.json: not valid JSON'));
  });
});
