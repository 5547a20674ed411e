import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cli } from '../packages/cli/test/helpers.js';

// `genai-qa build` on the real content/, read back with tools that share no code with
// the writers: sqlite3 for the deck's collection, poppler for the guide.
const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
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
    expect(corpus.questions).toHaveLength(51);
  });

  it.skipIf(!has('sqlite3'))('the deck holds one note per question, in order (sqlite3; skipped without it: apt-get install sqlite3)', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file('.apkg')));
    const db = path.join(out, 'collection.anki2');
    fs.writeFileSync(db, await zip.file('collection.anki2')!.async('nodebuffer'));
    const rows = execFileSync('sqlite3', [db, "select sfld from notes order by id"], { encoding: 'utf8' }).trim().split('\n');
    expect(rows.sort()).toEqual(corpus.questions.map((q: { question: string }) => q.question).sort());
    expect(execFileSync('sqlite3', [db, 'pragma integrity_check'], { encoding: 'utf8' }).trim()).toBe('ok');
    const media = JSON.parse(await zip.file('media')!.async('string'));
    expect(Object.values(media)).toEqual([expect.stringMatching(/-mode-collapse\.svg$/)]);
  });

  it.skipIf(!has('pdftotext'))('the guide has a destination and the text of every question (poppler; skipped without it: apt-get install poppler-utils)', () => {
    const pdf = file('.pdf');
    const dests = execFileSync('pdfinfo', ['-dests', pdf], { encoding: 'utf8' });
    for (const q of corpus.questions) expect(dests).toContain(q.id);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const q of corpus.questions) expect(text).toContain(q.question);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });

  it('same content, same bytes', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-artifacts-'));
    await cli(['build', '--out', again], repo, { SOURCE_DATE_EPOCH: '1767225600' });
    for (const name of fs.readdirSync(out).filter((f) => !f.endsWith('.anki2'))) {
      expect(fs.readFileSync(path.join(again, name)).equals(fs.readFileSync(path.join(out, name))), name).toBe(true);
    }
  });
});
