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
  const question = (id: string) => corpus.questions.find((q) => q.id === id) ?? expect.unreachable(`no question ${id}`);
  const answer = (id: string) => question(id).answer.text;
  const markdown = (id: string) => question(id).answer.markdown;

  it('is valid against schemas/corpus.schema.json (checked by a fresh validator from the JSON file)', async () => {
    const schema = JSON.parse(fs.readFileSync(new URL('../schemas/corpus.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: true, unicodeRegExp: true }).compile(schema);
    expect(validate(corpus), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has 51 questions, numbered 1–51, ids unique and all written in the file', async () => {
    expect(corpus.title).toBe('Generative AI Interview Questions');
    expect(corpus.questions.map((q) => q.number)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(new Set(corpus.questions.map((q) => q.id)).size).toBe(51);
    expect(parsed.questions.filter((q) => !q.idExplicit).map((q) => q.id)).toEqual([]);
  });

  it('tags every question genai::<area>::<aspect>, plus flat sub-topic tags that recur', () => {
    const count = new Map<string, number>();
    for (const q of corpus.questions) {
      expect(q.tags.filter((t) => /^genai::[a-z-]+::[a-z-]+$/.test(t)).length, q.id).toBeGreaterThan(0);
      for (const tag of q.tags) {
        expect(tag, q.id).toMatch(/^genai::[a-z-]+::[a-z-]+$|^[a-z]+(?:-[a-z]+)*$/);
        count.set(tag, (count.get(tag) ?? 0) + 1);
      }
    }
    const flat = [...count].filter(([t]) => !t.includes('::'));
    expect(flat.map(([t]) => t).sort()).toEqual(['deepfakes', 'fid', 'hallucination', 'human-preference', 'latent-space', 'memorisation', 'mode-collapse', 'overfitting']);
    for (const [tag, n] of flat) expect(n, tag).toBeGreaterThanOrEqual(2);
  });

  it('keeps every answer a card of one idea: about 200 words at most', () => {
    for (const q of corpus.questions) expect(q.answer.text.split(/\s+/).filter(Boolean).length, q.id).toBeLessThanOrEqual(210);
  });

  it('links every new 2026 topic to its primary paper on arXiv', () => {
    const papers: Record<string, string> = {
      'what-is-a-diffusion-model': '2006.11239',
      'what-is-latent-diffusion': '2112.10752',
      'what-is-classifier-free-guidance': '2207.12598',
      'what-is-tokenization-and-how-does-byte-pair-encoding-bpe-work': '1508.07909',
      'what-is-rlhf': '2203.02155',
      'what-is-dpo-and-how-does-it-differ-from-rlhf': '2305.18290',
      'how-do-temperature-top-k-and-top-p-sampling-work': '1904.09751',
      'why-do-llms-hallucinate-and-how-can-hallucination-be-reduced': '2509.04664',
      'what-is-retrieval-augmented-generation-rag-and-when-is-it-better-than-fine-tuning': '2005.11401',
      'what-are-lora-and-qlora': '2305.14314',
      'what-are-scaling-laws': '2203.15556',
      'what-is-a-mixture-of-experts-moe': '1701.06538',
      'how-are-generated-images-evaluated-with-fid-and-clipscore': '2104.08718',
      'how-are-llms-evaluated-with-llm-as-a-judge-and-human-preference': '2306.05685',
      'what-are-prompt-injection-and-jailbreaks': '2302.12173',
    };
    for (const [id, arxiv] of Object.entries(papers)) expect(markdown(id), id).toContain(`(https://arxiv.org/abs/${arxiv})`);
  });

  it('keeps the reviewers’ corrections', async () => {
    expect(answer('what-is-the-latent-space-in-generative-models')).toMatch(/lower-dimensional/);
    expect(answer('what-is-the-reparameterisation-trick')).toMatch(/reparameteri[sz]ation|z = \\mu \+ \\sigma/i);
    expect(answer('what-is-the-vae-loss-the-elbo')).toMatch(/KL/);
    expect(answer('what-is-the-difference-between-causal-and-bidirectional-attention')).toMatch(/BERT/);
    expect(answer('what-is-mode-collapse')).not.toContain('alt text');
    expect(fs.existsSync(`${root}images/mode-collapse.svg`)).toBe(true);
  });

  it('keeps the corrections of issue 18', () => {
    expect(answer('how-can-mode-collapse-be-mitigated')).not.toMatch(/diversity of the training data/);
    expect(answer('how-can-mode-collapse-be-mitigated')).toMatch(/ADA/);
    expect(answer('what-is-the-difference-between-causal-and-bidirectional-attention')).not.toMatch(/not a generative model/);
    expect(answer('what-is-the-difference-between-causal-and-bidirectional-attention')).toMatch(/itself and to earlier tokens/);
    expect(answer('how-is-generative-ai-different-from-traditional-ai')).toMatch(/naive Bayes/);
    expect(answer('explain-the-structure-of-a-gan')).not.toMatch(/piece of text/);
    expect(answer('what-is-the-gan-objective-and-what-is-its-optimum')).toMatch(/p_g = p_data, where D\* = ½/);
    expect(answer('what-is-the-vae-loss-the-elbo')).toMatch(/lower bound on the log-likelihood/);
    expect(answer('what-is-the-latent-space-in-generative-models')).toMatch(/normalising flows/);
    expect(answer('what-are-the-main-challenges-in-training-gans')).toMatch(/saturates/);
    const prevention = answer('how-can-overfitting-be-prevented-in-generative-models');
    expect(prevention).toMatch(/Deduplicate/);
    expect(prevention).not.toMatch(/cross-validation|Ensemble/i);
    expect(corpus.questions.map((q) => q.id)).not.toContain('how-do-cgans-differ-from-standard-gans');
  });
});
