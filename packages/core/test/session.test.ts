import path from 'node:path';
import {
  decodeSource,
  isLintReport,
  isStoredFile,
  lintFiles,
  LintSession,
  type Diagnostic,
  type LintInput,
  type LintStore,
  type StoredFile,
  type StoredQuestion,
} from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { parse, ROOT, virtualHost } from './helpers.js';

/*
 * The lint session: files in, diagnostics and summaries out, results kept in a store. Every
 * run is held against one lintFiles call on the same files, which is what lint printed
 * before the session existed.
 */

/** A store in memory that counts what is put, its entries passed through JSON as a cache file passes them. */
function memoryStore() {
  const files = new Map<string, StoredFile>();
  const questions = new Map<string, StoredQuestion>();
  let corpus: { key: string; diagnostics: Diagnostic[] } | undefined;
  const puts = { files: 0, questions: 0, corpus: 0 };
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const store: LintStore = {
    getFile: (shown) => files.get(shown),
    putFile: (shown, entry) => (puts.files++, files.set(shown, json(entry))),
    getCorpus: (key) => (corpus?.key === key ? corpus.diagnostics : undefined),
    putCorpus: (key, diagnostics) => (puts.corpus++, (corpus = { key, diagnostics: json(diagnostics) })),
    getQuestion: (key) => questions.get(key),
    putQuestion: (key, entry) => (puts.questions++, questions.set(key, json(entry))),
  };
  return { store, puts, files };
}

function input(name: string, text: string): LintInput {
  const source = decodeSource(new TextEncoder().encode(text), { path: `content/${name}`, absolutePath: path.join(ROOT, name), root: ROOT });
  // The hash stands for what the CLI hashes (bytes and paths): here the text is enough.
  return { source, relativePath: name, hash: `${name}:${text}` };
}

const lines = (...text: string[]): string => [...text, ''].join('\n');

const a = lines('# 1. What is a GAN?', '', 'A generator  and a discriminator. See https://example.com/gan', '', '# 2. What is a VAE?', '', 'An encoder and a decoder.');
const b = lines('# 1. What is a GAN?', '', 'Two networks trained against each other.');

describe('LintSession', () => {
  const host = virtualHost(['a.md', 'b.md']);

  it('gives what one lintFiles call gives, with the summaries of the files', () => {
    const run = new LintSession({ host }).lint([input('a.md', a), input('b.md', b)]);
    expect(run.diagnostics).toEqual(lintFiles([parse(a, 'a.md'), parse(b, 'b.md')], { host }));
    expect(run.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      'content/a.md:3 multiple-spaces',
      'content/a.md:3 bare-url',
      'content/b.md:1 duplicate-question',
      'content/b.md:1 duplicate-id',
    ]);
    expect(run.summaries.map((s) => s.questions.map((q) => q.id))).toEqual([['what-is-a-gan', 'what-is-a-vae'], ['what-is-a-gan']]);
  });

  it('with a store, parses nothing the second time and reruns the corpus rules on stored summaries after an edit', () => {
    const { store, puts } = memoryStore();
    const first = new LintSession({ host, store }).lint([input('a.md', a), input('b.md', b)]);
    expect(puts).toEqual({ files: 2, questions: 0, corpus: 1 });
    const again = new LintSession({ host, store }).lint([input('a.md', a), input('b.md', b)]);
    expect(again).toMatchObject({ reused: ['content/a.md', 'content/b.md'], linted: [], corpusReused: true });
    expect(again.diagnostics).toEqual(first.diagnostics);
    // b.md no longer repeats a's question: b alone is linted, the corpus rules run again.
    const edited = lines('# 1. What is a diffusion model?', '', 'A model that undoes noise.');
    const after = new LintSession({ host, store }).lint([input('a.md', a), input('b.md', edited)]);
    expect(after).toMatchObject({ reused: ['content/a.md'], linted: ['content/b.md'], corpusReused: false });
    expect(after.diagnostics).toEqual(lintFiles([parse(a, 'a.md'), parse(edited, 'b.md')], { host }));
  });

  it('does not reuse an entry whose link targets moved', () => {
    const { store } = memoryStore();
    const linking = lines('# 1. What is a GAN?', '', '![Two networks](gan.png)');
    new LintSession({ host: virtualHost(['a.md', 'gan.png']), store }).lint([input('a.md', linking)]);
    const gone = new LintSession({ host: virtualHost(['a.md']), store }).lint([input('a.md', linking)]);
    expect(gone.linted).toEqual(['content/a.md']);
    expect(gone.diagnostics.map((d) => d.ruleId)).toEqual(['broken-link']);
  });
});

/**
 * A file of `n` questions: question 2 has two spaces, question 3 a repeated sentence,
 * question 9 two spaces silenced by a comment in question 5 (to the end of the file),
 * question 20 a trailing space; `edit` adds a paragraph to question 7.
 */
function large(n: number, edit = ''): string {
  const out = ['---', 'title: Large', '---', ''];
  const answers: Record<number, string> = {
    2: 'Topic 2 is  explained here.',
    3: 'Noise is added step by step. Noise is added step by step.',
    9: 'Topic 9 is  silenced.',
    20: 'Topic 20 is explained here. ',
  };
  for (let i = 1; i <= n; i++) {
    out.push(`# ${i}. What is topic ${i}?`, '');
    if (i === 5) out.push('<!-- genai-qa-disable multiple-spaces -->', '');
    out.push(answers[i] ?? `Topic ${i} is explained here.`, '');
    if (i === 7 && edit) out.push(edit, '');
  }
  return out.join('\n');
}

describe('LintSession: per-question entries of a large file', () => {
  const host = virtualHost(['big.md']);

  it('an edit to one question reruns the question rules on it alone, with the report of a run without store', () => {
    const { store, puts } = memoryStore();
    const before = new LintSession({ host, store }).lint([input('big.md', large(60))]);
    expect(before.diagnostics).toEqual(lintFiles([parse(large(60), 'big.md')], { host }));
    // Segments: the front matter, then 60 questions.
    expect(puts.questions).toBe(61);
    puts.questions = 0;
    // Question 7 gains two lines: every later finding moves down by two.
    const text = large(60, 'It has a  second paragraph. ');
    const after = new LintSession({ host, store }).lint([input('big.md', text)]);
    expect(puts.questions).toBe(1);
    expect(after.diagnostics).toEqual(lintFiles([parse(text, 'big.md')], { host }));
    // The new paragraph's two spaces are silenced by question 5's comment, its trailing space is not.
    expect(before.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['11 multiple-spaces', '15 repeated-sentence', '85 trailing-whitespace']);
    expect(after.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['11 multiple-spaces', '15 repeated-sentence', '35 trailing-whitespace', '87 trailing-whitespace']);
  });
});

describe('LintSession: what a per-question entry depends on', () => {
  const host = virtualHost(['big.md']);

  it('a blank line taken from before a question heading is seen, though that question did not change', () => {
    const { store } = memoryStore();
    new LintSession({ host, store }).lint([input('big.md', large(60))]);
    // The blank line is the last line of question 29; question 30's text is as it was.
    const text = large(60).replace('Topic 29 is explained here.\n\n# 30.', 'Topic 29 is explained here.\n# 30.');
    const after = new LintSession({ host, store }).lint([input('big.md', text)]);
    expect(after.diagnostics).toEqual(lintFiles([parse(text, 'big.md')], { host }));
    expect(after.diagnostics.filter((d) => d.ruleId === 'blank-lines-around-headings').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '122:1 Heading needs a blank line before it',
    ]);
  });

  it('a question that comes to end the file has its repeat removed with the blank lines before it', () => {
    const { store } = memoryStore();
    const sixty = large(60).replace('Topic 59 is explained here.', 'Noise is added step by step.\n\nNoise is added step by step.');
    new LintSession({ host, store }).lint([input('big.md', sixty)]);
    // Question 60 deleted: question 59's text is the same, and it now ends the file.
    const text = sixty.slice(0, sixty.indexOf('# 60.'));
    const after = new LintSession({ host, store }).lint([input('big.md', text)]);
    expect(after.diagnostics).toEqual(lintFiles([parse(text, 'big.md')], { host }));
    const repeat = after.diagnostics.find((d) => d.ruleId === 'repeated-sentence' && d.line > 100)!;
    expect(text.slice(...repeat.fix!.range)).toBe('\n\nNoise is added step by step.');
  });
});

describe('the stored entries and the report are checked by their schemas', () => {
  it('a lint report as --format json prints it passes, a diagnostic with its fix or a line "one" does not', () => {
    const [d] = lintFiles([parse(a, 'a.md')], { host: virtualHost(['a.md']) });
    const { fix, ...reported } = d!;
    expect(fix).toBeDefined();
    expect(isLintReport([reported])).toBe(true);
    expect(isLintReport([d])).toBe(false);
    expect(isLintReport([{ ...reported, line: 'one' }])).toBe(false);
  });

  it('a stored file entry with a tampered diagnostic is refused', () => {
    const { store, files } = memoryStore();
    new LintSession({ host: virtualHost(['a.md']), store }).lint([input('a.md', a)]);
    const entry = files.get('content/a.md')!;
    expect(isStoredFile(entry)).toBe(true);
    expect(isStoredFile({ ...entry, diagnostics: [{ ...entry.diagnostics[0], line: 'one' }] })).toBe(false);
    expect(isStoredFile({ ...entry, summary: { ...entry.summary, questions: 'none' } })).toBe(false);
  });
});
