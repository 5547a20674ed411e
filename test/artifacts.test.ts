import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../packages/cli/test/helpers.js';
import { openApkg } from '../packages/export-anki/test/helpers.js';
import { readPdf } from './support/pdf.js';

// `genai-qa build` on the real content/, read back with readers that share no code with the
// writers: SQLite (the sqlite3 program, or SQLite compiled to WebAssembly) for the deck's
// collection, pdf.js for the guide.
const repo = path.resolve(import.meta.dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-artifacts-'));
const built = await cli(['build', '--out', out], repo, { SOURCE_DATE_EPOCH: '1767225600' });
const corpus = JSON.parse(fs.readFileSync(path.join(out, 'questions.json'), 'utf8'));
const file = (ext: string) => {
  const found = fs.readdirSync(out).filter((f) => f.endsWith(ext));
  expect(found).toHaveLength(1);
  return path.join(out, found[0]!);
};

describe('genai-qa build on content/', () => {
  it('builds every artifact', () => {
    expect(built.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'generative-ai-interview-questions.apkg',
      'generative-ai-interview-questions.pdf',
      'questions.json',
      'questions.jsonl',
    ]);
    expect(corpus.questions).toHaveLength(26);
  });

  it('the deck holds one note per question, in order (SQLite)', async () => {
    const deck = await openApkg(fs.readFileSync(file('.apkg')));
    const rows = deck.query('select sfld from notes order by id').map((row) => String(row.sfld));
    expect(rows.sort()).toEqual(corpus.questions.map((q: { question: string }) => q.question).sort());
    expect(deck.query('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(Object.values(deck.media)).toEqual([expect.stringMatching(/-mode-collapse\.svg$/)]);
    deck.close();
  });

  it('the guide has a destination and the text of every question, and is tagged (pdf.js)', async () => {
    const read = await readPdf(fs.readFileSync(file('.pdf')));
    for (const q of corpus.questions) expect(Object.keys(read.destinations)).toContain(q.id);
    const text = read.text.join(' ');
    for (const q of corpus.questions) expect(text).toContain(q.question);
    expect(read.marked).toBe(true);
  });

  it('same content, same bytes', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-artifacts-'));
    await cli(['build', '--out', again], repo, { SOURCE_DATE_EPOCH: '1767225600' });
    for (const name of fs.readdirSync(out).filter((f) => !f.endsWith('.anki2'))) {
      expect(fs.readFileSync(path.join(again, name)).equals(fs.readFileSync(path.join(out, name))), name).toBe(true);
    }
  });
});
