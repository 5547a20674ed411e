import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

const GAN = [
  '# 1. How does a GAN generate new images?',
  '',
  'A generator turns random noise into images while a discriminator learns to tell real images from fakes.',
  '',
  '# 2. How do GANs generate images?',
  '',
  'A generator turns random noise into images, and a discriminator learns to tell real images from generated ones.',
  '',
].join('\n');

// Questions: 3 of 4 topic terms shared (gan, gener, imag; "new" is extra). Answers: 8 of the
// 9 three-term shingles of the shorter answer appear in the other.
const GAN_MESSAGE =
  'Question 2 "How do GANs generate images?" duplicates question 1 "How does a GAN generate new images?" ' +
  '(questions 75% similar, answers 89% overlapping); merge them';

/** Fifty questions on fifty different topics: no two share a topic word. */
const TOPICS = [
  'beam search', 'dropout regularization', 'batch normalization', 'gradient clipping', 'attention heads',
  'word embeddings', 'positional encoding', 'learning rate', 'weight decay', 'mode collapse',
  'latent space', 'residual connections', 'softmax temperature', 'cross entropy', 'label smoothing',
  'early stopping', 'data augmentation', 'knowledge distillation', 'model quantization', 'reward shaping',
  'prompt injection', 'vector databases', 'diffusion schedules', 'contrastive pretraining', 'kernel tricks',
  'decision trees', 'random forests', 'support vectors', 'principal components', 'cosine similarity',
  'hidden markov chains', 'recurrent cells', 'convolution filters', 'pooling strides', 'activation functions',
  'sigmoid saturation', 'tokenizer vocabulary', 'perplexity scores', 'bleu metric', 'rouge recall',
  'adversarial examples', 'federated averaging', 'differential privacy', 'curriculum sampling', 'nucleus truncation',
  'lora adapters', 'mixture experts', 'speculative decoding', 'flash memory', 'causal masking',
];

function glossary(): string {
  const questions = TOPICS.map(
    (topic, i) => `# ${i + 1}. What is ${topic}?\n\nThe idea of ${topic} comes up in chapter ${i + 1} of the course, with worked examples.\n`,
  );
  // The planted near-duplicate of question 1, with the same answer.
  questions.push(`# 51. What is a beam search algorithm?\n\nThe idea of beam search comes up in chapter 1 of the course, with worked examples.\n`);
  return questions.join('\n');
}

const PLANTED = {
  line: 201,
  column: 1,
  message:
    'Question 51 "What is a beam search algorithm?" duplicates question 1 "What is beam search?" ' +
    '(questions 67% similar, answers 100% overlapping); merge them',
};

describe('duplicate-question', () => {
  describe('valid', () => {
    it('accepts a related but different pair', () => {
      const md = [
        '# 1. What is overfitting?',
        '',
        'Overfitting is when a model fits the noise of its training data and fails on new data.',
        '',
        '# 2. How can overfitting be prevented?',
        '',
        'Use more data, regularization, dropout and early stopping to keep a model from overfitting.',
        '',
      ].join('\n');
      expect(findings('duplicate-question', md)).toEqual([]);
    });

    it('accepts similar questions whose answers differ', () => {
      const md = [
        '# 1. How is a GAN trained?',
        '',
        'The generator and the discriminator take turns: each step updates one against the other.',
        '',
        '# 2. How is a VAE trained?',
        '',
        'By maximising the evidence lower bound: a reconstruction term plus a KL divergence term.',
        '',
      ].join('\n');
      expect(findings('duplicate-question', md)).toEqual([]);
    });

    it('does not pair questions made only of stop words', () => {
      const md = '# 1. What is it?\n\nA model.\n\n# 2. Why is that?\n\nA model.\n';
      expect(findings('duplicate-question', md)).toEqual([]);
    });

    it('finds no false positives among fifty distinct questions', () => {
      const md = glossary().split('# 51.')[0]!;
      for (const strategy of ['exhaustive', 'lsh'] as const) {
        const config = { rules: { 'duplicate-question': { options: { strategy } } } };
        expect(findings('duplicate-question', md, { config })).toEqual([]);
      }
    });
  });

  describe('invalid', () => {
    it('reports a reworded duplicate on the later question, pointing at the earlier one', () => {
      expect(findings('duplicate-question', GAN)).toEqual([{ line: 5, column: 1, message: GAN_MESSAGE }]);
      expect(lint(GAN, { config: only('duplicate-question') })).toEqual([
        {
          file: 'content/q.md',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 34,
          ruleId: 'duplicate-question',
          severity: 'error',
          message: GAN_MESSAGE,
          fixable: false,
          related: [{ file: 'content/q.md', line: 1, column: 1, message: 'question 1' }],
        },
      ]);
    });

    it('reports a near-identical question whatever its answer says', () => {
      const md = '# 1. How can overfitting be prevented?\n\nMore data.\n\n# 2. What are some ways to prevent overfitting?\n\nDropout.\n';
      expect(findings('duplicate-question', md)).toEqual([
        {
          line: 5,
          column: 1,
          message:
            'Question 2 "What are some ways to prevent overfitting?" duplicates question 1 "How can overfitting be prevented?" ' +
            '(questions 100% similar, answers 0% overlapping); merge them',
        },
      ]);
    });

    it('reports duplicates across two files, in the later file', () => {
      const [first, second] = GAN.split('\n# 2.');
      const files = { 'a.md': `${first}`, 'b.md': `# 1.${second}` };
      expect(lint(files, { config: only('duplicate-question') })).toMatchObject([
        {
          file: 'content/b.md',
          line: 1,
          message:
            'Question 1 "How do GANs generate images?" duplicates question 1 "How does a GAN generate new images?" ' +
            '(questions 75% similar, answers 89% overlapping); merge them',
          related: [{ file: 'content/a.md', line: 1, column: 1, message: 'question 1' }],
        },
      ]);
    });

    it('reports each copy of a question once, against the first, with every strategy', () => {
      const copy = (n: number) => `# ${n}. How can overfitting be prevented?\n\nMore data, dropout and early stopping.\n`;
      const md = [1, 2, 3, 4].map(copy).join('\n');
      const message = (n: number) =>
        `Question ${n} "How can overfitting be prevented?" duplicates question 1 "How can overfitting be prevented?" (questions 100% similar, answers 100% overlapping); merge them`;
      for (const strategy of ['exhaustive', 'lsh'] as const) {
        const config = { rules: { 'duplicate-question': { options: { strategy } } } };
        expect(findings('duplicate-question', md, { config }), strategy).toEqual([
          { line: 5, column: 1, message: message(2) },
          { line: 9, column: 1, message: message(3) },
          { line: 13, column: 1, message: message(4) },
        ]);
      }
    });

    it('honours questionThreshold', () => {
      const config = { rules: { 'duplicate-question': { options: { questionThreshold: 0.8 } } } };
      expect(findings('duplicate-question', GAN, { config })).toEqual([]);
    });

    it('finds the one planted duplicate among fifty questions with every strategy', () => {
      for (const strategy of ['auto', 'exhaustive', 'lsh'] as const) {
        const config = { rules: { 'duplicate-question': { options: { strategy } } } };
        expect(findings('duplicate-question', glossary(), { config }), strategy).toEqual([PLANTED]);
      }
    });

    it('uses MinHash + LSH with strategy "auto" above exhaustiveLimit, with the same result', () => {
      const config = { rules: { 'duplicate-question': { options: { exhaustiveLimit: 10 } } } };
      expect(findings('duplicate-question', glossary(), { config })).toEqual([PLANTED]);
    });
  });
});

describe('duplicate-question: code and math', () => {
  const SOFTMAX = [
    '```python',
    'def softmax(logits, temperature=1.0):',
    '    scaled = logits / temperature',
    '    shifted = scaled - scaled.max(axis=-1, keepdims=True)',
    '    weights = np.exp(shifted)',
    '    return weights / weights.sum(axis=-1, keepdims=True)',
    '```',
  ].join('\n');
  const FORMULA = '$$\n\\operatorname{softmax}(z)_i = \\frac{e^{z_i / T}}{\\sum_j e^{z_j / T}}\n$$';

  it('accepts similar questions whose answers share only code and a formula', () => {
    // Questions 75% similar; before code and math were left out, the answers overlapped 100%.
    const md = [
      '# 1. How do you compute the softmax in Python?',
      '',
      'Subtract the largest logit first so that the exponentials cannot overflow.',
      '',
      FORMULA,
      '',
      SOFTMAX,
      '',
      '# 2. How is softmax computed with a temperature in Python?',
      '',
      'Divide the logits by the temperature: above one it flattens the distribution, below one it sharpens it.',
      '',
      FORMULA,
      '',
      SOFTMAX,
      '',
    ].join('\n');
    expect(findings('duplicate-question', md)).toEqual([]);
  });

  it('still reports answers whose prose overlaps around different code', () => {
    const prose = 'Subtract the largest logit first so that the exponentials cannot overflow, then normalise by the sum.';
    const md = [
      '# 1. How do you compute the softmax in Python?',
      '',
      prose,
      '',
      '```python\nnp.exp(z - z.max()) / np.exp(z - z.max()).sum()\n```',
      '',
      '# 2. How is softmax computed with a temperature in Python?',
      '',
      prose,
      '',
      '```python\ntorch.softmax(z / t, dim=-1)\n```',
      '',
    ].join('\n');
    expect(findings('duplicate-question', md)).toEqual([
      {
        line: 9,
        column: 1,
        message:
          'Question 2 "How is softmax computed with a temperature in Python?" duplicates question 1 "How do you compute the softmax in Python?" ' +
          '(questions 75% similar, answers 100% overlapping); merge them',
      },
    ]);
  });
});
