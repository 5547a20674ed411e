import fs from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { cli } from '../packages/cli/test/helpers.js';
import { buildCorpus, decodeSource, parseFile } from '@genai-qa/core';

const root = new URL('../content/', import.meta.url).pathname;
const repo = new URL('..', import.meta.url).pathname;

describe('the corpus in content/', () => {
  it('lints clean: no finding at all', async () => {
    expect(await cli(['lint', '--format', 'json', 'content'], repo)).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  const file = `${root}generative-ai.md`;
  const parsed = parseFile(decodeSource(fs.readFileSync(file), { path: 'content/generative-ai.md', absolutePath: file, root }), 'generative-ai.md');
  const corpus = buildCorpus([parsed]);

  it('is valid against schemas/corpus.schema.json (checked by a fresh validator from the JSON file)', async () => {
    const schema = JSON.parse(fs.readFileSync(new URL('../schemas/corpus.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: true, unicodeRegExp: true }).compile(schema);
    expect(validate(corpus), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has 26 questions (Q13 and Q14 merged), numbered 1–26, each tagged, ids unique', async () => {
    expect(corpus.title).toBe('Generative AI Interview Questions');
    expect(corpus.questions.map((q) => q.number)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    for (const q of corpus.questions) expect(q.tags.length, q.id).toBeGreaterThan(0);
    expect(new Set(corpus.questions.map((q) => q.id)).size).toBe(26);
  });

  it('keeps the reviewers’ corrections', async () => {
    const answer = (id: string) => corpus.questions.find((q) => q.id === id)!.answer.text;
    expect(answer('what-is-the-latent-space-in-generative-models')).toMatch(/lower-dimensional/);
    expect(answer('what-is-a-variational-autoencoder-vae')).toMatch(/reparameteri[sz]ation/i);
    expect(answer('what-is-a-variational-autoencoder-vae')).toMatch(/KL/);
    expect(answer('what-is-self-attention')).toMatch(/BERT/);
    expect(answer('what-is-mode-collapse')).not.toContain('alt text');
    expect(fs.existsSync(`${root}images/mode-collapse.svg`)).toBe(true);
  });
});
