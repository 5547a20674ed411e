import { describe, expect, it } from 'vitest';
import { findings, fix, lint, only } from '../helpers.js';

const OVERFITTING = 'Overfitting happens when a model memorizes the training data instead of learning general patterns.';
const REWORDED = 'When a model memorizes the training data instead of learning general patterns, overfitting happens.';

describe('repeated-sentence', () => {
  describe('valid', () => {
    it('accepts an answer whose sentences are all different', () => {
      const md = '# 1. What is a VAE?\n\nA VAE is a generative model. It learns a latent space.\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
    });

    it('lets short sentences repeat (fewer than minWords words)', () => {
      const md = '# 1. Is a GAN generative?\n\nYes. It is. It is not a classifier. Yes. It is.\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
    });

    it('counts words, not characters: three words is still short by default', () => {
      const md = '# 1. Is it good?\n\nIt is good. Training is slow. It is good.\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
    });

    it('does not compare sentences of different questions', () => {
      const md = [
        '# 1. What is a GAN?',
        '',
        'Both networks are trained together.',
        '',
        '# 2. How is a GAN trained?',
        '',
        'Both networks are trained together.',
        '',
      ].join('\n');
      expect(findings('repeated-sentence', md)).toEqual([]);
    });

    it('reads a sentence wrapped over two lines as one sentence', () => {
      // "A VAE is a generative model." and "A VAE is a generative network." are different sentences.
      const md = '# 1. What is a VAE?\n\nA VAE is a generative\nmodel. A VAE is a generative\nnetwork.\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
      expect(fix(md, 'repeated-sentence')).toBe(md);
    });

    it('does not look inside code blocks', () => {
      const md = '# 1. How do I sample?\n\n```\nx = model.sample(n) # draw n samples now.\nx = model.sample(n) # draw n samples now.\n```\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports an exact repeat at the copy; the fix deletes only the copy', () => {
      const md = '# 1. What is a VAE?\n\nA VAE is a generative model. It learns a latent space. A VAE is a generative model.\n';
      expect(findings('repeated-sentence', md)).toEqual([
        { line: 3, column: 56, message: 'Sentence appears twice in this answer: "A VAE is a generative model."', fixable: true },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a VAE?\n\nA VAE is a generative model. It learns a latent space.\n');
    });

    it('reports a sentence said three times once, and the fix keeps one', () => {
      const md = '# 1. What is a VAE?\n\nA VAE is a generative model. A VAE is a generative model. It learns a latent space. A VAE is a generative model.\n';
      expect(findings('repeated-sentence', md)).toEqual([
        { line: 3, column: 30, message: 'Sentence appears 3 times in this answer: "A VAE is a generative model."', fixable: true },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a VAE?\n\nA VAE is a generative model. It learns a latent space.\n');
    });

    it('ignores case and punctuation when comparing, but only fixes identical copies', () => {
      const md = '# 1. What is a GAN?\n\nA GAN has two networks that compete. A gan has two networks, that compete!\n';
      expect(findings('repeated-sentence', md)).toEqual([
        { line: 3, column: 38, message: 'Sentence appears twice in this answer (reworded): "A gan has two networks, that compete!"' },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe(md);
    });

    it('does not read the anchor of a link cited by its title as a second sentence', () => {
      const md =
        '# 1. How is a GAN evaluated?\n\nSee [How do temperature, top-k and top-p sampling work?](#how-do-temperature-top-k-and-top-p-sampling-work). ' +
        'Then read [the paper](https://arxiv.org/abs/1904.09751 "How do temperature, top-k and top-p sampling work").\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
    });

    it('does not split at "e.g." or before a lower-case word (Intl.Segmenter sentences)', () => {
      const md = '# 1. What is a GAN?\n\nA GAN has two networks, e.g. a generator. a GAN has two networks, e.g. a generator.\n';
      expect(findings('repeated-sentence', md)).toEqual([]);
    });

    it('reports a reworded repeat, which is not fixable', () => {
      const md = `# 1. What is overfitting?\n\n${OVERFITTING} It then fails on new data. ${REWORDED}\n`;
      expect(findings('repeated-sentence', md)).toEqual([
        {
          line: 3,
          column: 127,
          message: 'Sentence appears twice in this answer (reworded): "When a model memorizes the training data instead of learn…"',
        },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe(md);
    });

    it('fixes the exact copy of a group that also has a reworded one', () => {
      const md = `# 1. What is overfitting?\n\n${OVERFITTING} ${REWORDED} ${OVERFITTING}\n`;
      expect(findings('repeated-sentence', md)).toEqual([
        {
          line: 3,
          column: 100,
          message: 'Sentence appears 3 times in this answer (1 reworded): "When a model memorizes the training data instead of learn…"',
          fixable: true,
        },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe(`# 1. What is overfitting?\n\n${OVERFITTING} ${REWORDED}\n`);
    });

    it('reports repeats across paragraphs of one answer', () => {
      const md = [
        '# 1. What is a GAN?',
        '',
        'A GAN has two networks that compete.',
        '',
        'The generator makes samples. A GAN has two networks that compete.',
        '',
      ].join('\n');
      expect(findings('repeated-sentence', md)).toEqual([
        { line: 5, column: 30, message: 'Sentence appears twice in this answer: "A GAN has two networks that compete."', fixable: true },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a GAN?\n\nA GAN has two networks that compete.\n\nThe generator makes samples.\n');
    });

    it('deletes a repeated first sentence with the space after it', () => {
      const md = '# 1. What is a GAN?\n\nA GAN has two networks that compete.\n\nA GAN has two networks that compete. The generator makes samples.\n';
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a GAN?\n\nA GAN has two networks that compete.\n\nThe generator makes samples.\n');
    });

    it('deletes a repeated paragraph with its blank line, before the next question', () => {
      const md = [
        '# 1. What is a GAN?',
        '',
        'A GAN has two networks that compete.',
        '',
        'A GAN has two networks that compete.',
        '',
        '# 2. What is a VAE?',
        '',
        'An autoencoder.',
        '',
      ].join('\n');
      expect(findings('repeated-sentence', md)).toEqual([
        { line: 5, column: 1, message: 'Sentence appears twice in this answer: "A GAN has two networks that compete."', fixable: true },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a GAN?\n\nA GAN has two networks that compete.\n\n# 2. What is a VAE?\n\nAn autoencoder.\n');
    });

    it('deletes a repeated last paragraph of the file without leaving blank lines', () => {
      const md = '# 1. What is a GAN?\n\nA GAN has two networks that compete.\n\nA GAN has two networks that compete.\n';
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a GAN?\n\nA GAN has two networks that compete.\n');
    });

    it('reports a repeat inside a list item', () => {
      const md = '# 1. What is a GAN?\n\n- A GAN has two networks that compete. A GAN has two networks that compete.\n';
      expect(findings('repeated-sentence', md)).toEqual([
        { line: 3, column: 40, message: 'Sentence appears twice in this answer: "A GAN has two networks that compete."', fixable: true },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a GAN?\n\n- A GAN has two networks that compete.\n');
    });

    it('finds a repeat of a sentence wrapped over two lines', () => {
      const md = '# 1. What is a VAE?\n\nA VAE is a generative model that\nlearns a latent space. A VAE is a generative model that learns a latent space.\n';
      expect(findings('repeated-sentence', md)).toEqual([
        {
          line: 4,
          column: 24,
          message: 'Sentence appears twice in this answer: "A VAE is a generative model that learns a latent space."',
          fixable: true,
        },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe('# 1. What is a VAE?\n\nA VAE is a generative model that\nlearns a latent space.\n');
    });

    it('honours minWords', () => {
      const md = '# 1. Is it good?\n\nIt is good. Training is slow. It is good.\n';
      const config = { rules: { 'repeated-sentence': { options: { minWords: 3 } } } };
      expect(findings('repeated-sentence', md, { config })).toEqual([
        { line: 3, column: 31, message: 'Sentence appears twice in this answer: "It is good."', fixable: true },
      ]);
      expect(fix(md, 'repeated-sentence')).toBe(md); // the default minWords (4) leaves it
    });

    it('with similarity 1 reports only same-word repeats', () => {
      const md = `# 1. What is overfitting?\n\n${OVERFITTING} ${REWORDED}\n`;
      const config = { rules: { 'repeated-sentence': { options: { similarity: 1 } } } };
      expect(findings('repeated-sentence', md, { config })).toEqual([]);
    });
  });
});

describe('repeated-sentence: code and math', () => {
  const ELBO = '$\\mathcal{L}_{VAE} = \\mathbb{E}_{q_\\phi(z|x)}[\\log p_\\theta(x|z)] - D_{KL}(q_\\phi(z|x) \\| p(z))$';

  it('does not read a formula said twice as a repeated sentence', () => {
    // Before math was left out, the two sentences shared 14 of their 15 terms (the formula's).
    const md = `# 1. What does a VAE minimise?\n\nThe loss is ${ELBO}. It trades reconstruction against the prior. So again, ${ELBO}.\n`;
    expect(findings('repeated-sentence', md)).toEqual([]);
  });

  it('does not split a sentence at a full stop inside inline code', () => {
    const md = '# 1. How do I evaluate?\n\nCall `model.eval()` before you measure the accuracy. Then call `model.train()` before you measure the accuracy again.\n';
    expect(findings('repeated-sentence', md)).toEqual([]);
  });

  it('reports the same prose around different formulas as reworded, and leaves it for a person', () => {
    const md = '# 1. What is the loss?\n\nThe model minimises the negative log-likelihood $-\\log p(x)$. It is the loss. The model minimises the negative log-likelihood $-\\sum_i \\log p(x_i)$.\n';
    expect(findings('repeated-sentence', md)).toEqual([
      {
        line: 3,
        column: 79,
        message: 'Sentence appears twice in this answer (reworded): "The model minimises the negative log-likelihood $-\\sum_i …"',
      },
    ]);
    expect(fix(md, 'repeated-sentence')).toBe(md);
  });

  it('reports a repeated sentence that starts and ends with math from its first character, and the fix deletes all of it', () => {
    const sentence = '$p(x)$ is the density that the model learns to match $p_{data}$';
    const md = `# 1. What is $p(x)$?\n\n${sentence}\n\nIt is unknown.\n\n${sentence}\n`;
    expect(lint(md, { config: only('repeated-sentence') })).toMatchObject([{ line: 7, column: 1, endLine: 7, endColumn: 64 }]);
    expect(fix(md, 'repeated-sentence')).toBe(`# 1. What is $p(x)$?\n\n${sentence}\n\nIt is unknown.\n`);
  });
});
