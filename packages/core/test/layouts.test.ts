import fs from 'node:fs';
import { buildCorpus, decodeSource, parseFile, validateConfig, type LayoutSetting, type Question } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';

// Hand-written corpora in the layouts of public interview-question banks (test/fixtures/layouts).
const FIXTURES = new URL('../../../test/fixtures/layouts/', import.meta.url);

function corpusOf(name: string, layout?: LayoutSetting) {
  const dir = new URL(`${name}/`, FIXTURES);
  const files = fs.readdirSync(dir).sort().map((file) => {
    const source = decodeSource(fs.readFileSync(new URL(file, dir)), { path: `${name}/${file}`, absolutePath: `/${name}/${file}`, root: `/${name}` });
    return parseFile(source, file, layout ? { layout } : {});
  });
  return { files, corpus: buildCorpus(files) };
}

/** What a question is, without its answer. */
const card = (q: Question) => ({
  number: q.number,
  question: q.question,
  id: q.id,
  ...(q.section ? { section: q.section } : {}),
  tags: q.tags,
  ...(q.difficulty ? { difficulty: q.difficulty } : {}),
  ...(q.sources ? { sources: q.sources } : {}),
  line: q.source.line,
});

describe('layouts of public question banks', () => {
  it('level-4 headings numbered "1)" with [[src](…)] links, under ## topics', () => {
    const { files, corpus } = corpusOf('numbered-paren');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 4, numbering: 'N)' });
    expect(corpus.title).toBe('Machine Learning Interview Questions');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is the bias-variance trade-off?', id: 'what-is-the-bias-variance-trade-off', section: ['Statistics'], tags: ['statistics'], sources: ['https://example.com/bias-variance'], line: 13 },
      { number: 2, question: 'What is a p-value?', id: 'what-is-a-p-value', section: ['Statistics'], tags: ['statistics'], sources: ['https://example.com/p-value'], line: 17 },
      { number: 3, question: 'What is regularization?', id: 'what-is-regularization', section: ['Linear models'], tags: ['linear-models'], sources: ['https://example.com/regularization'], line: 23 },
      { number: 4, question: 'Why does L1 regularization give sparse weights?', id: 'why-does-l1-regularization-give-sparse-weights', section: ['Linear models'], tags: ['linear-models'], line: 27 },
    ]);
    // The answer ends where the next topic starts.
    expect(corpus.questions[1]!.answer.markdown).toBe('The probability, if the null hypothesis were true, of seeing a result at least as extreme as the one observed.');
  });

  it('bold questions with difficulty emoji under ## topics and ### sub-topics', () => {
    const { files, corpus } = corpusOf('bold-emoji');
    expect(files[0]!.layout).toEqual({ style: 'bold', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('Theoretical interview questions');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is supervised machine learning?', id: 'what-is-supervised-machine-learning', section: ['Supervised machine learning'], tags: ['supervised-machine-learning', 'difficulty::easy'], difficulty: 'easy', line: 9 },
      { number: 2, question: 'What is regression? Which models can you use to solve a regression problem?', id: 'what-is-regression-which-models-can-you-use-to-solve-a-regression-problem', section: ['Linear regression'], tags: ['linear-regression', 'difficulty::easy'], difficulty: 'easy', line: 15 },
      { number: 3, question: 'What is linear regression? When do we use it?', id: 'what-is-linear-regression-when-do-we-use-it', section: ['Linear regression'], tags: ['linear-regression', 'difficulty::easy'], difficulty: 'easy', line: 19 },
      { number: 4, question: 'What is the normal equation?', id: 'what-is-the-normal-equation', section: ['Linear regression', 'Training'], tags: ['linear-regression::training', 'difficulty::medium'], difficulty: 'medium', line: 25 },
      {
        number: 5,
        question: 'What is SGD — stochastic gradient descent? What’s the difference with the usual gradient descent?',
        id: 'what-is-sgd-stochastic-gradient-descent-whats-the-difference-with-the-usual-gradient-descent',
        section: ['Linear regression', 'Training'],
        tags: ['linear-regression::training', 'difficulty::medium'],
        difficulty: 'medium',
        line: 29,
      },
      { number: 6, question: 'Can we use L1 regularization with linear regression for classification?', id: 'can-we-use-l1-regularization-with-linear-regression-for-classification', section: ['Linear regression', 'Training'], tags: ['linear-regression::training', 'difficulty::hard'], difficulty: 'hard', line: 33 },
    ]);
    // The legend list before the first topic is no answer; the answer ends at the next heading.
    expect(corpus.questions[2]!.answer.text).toBe('A model that predicts the target as a weighted sum of the features. It is a good first model when the relationship is roughly linear.');
  });

  it('<details><summary> questions, the answer being the Markdown before </details>', () => {
    const { files, corpus } = corpusOf('details');
    expect(files[0]!.layout).toEqual({ style: 'details', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('Deep Learning Interview Questions');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is backpropagation?', id: 'what-is-backpropagation', section: ['Neural networks'], tags: ['neural-networks'], line: 7 },
      { number: 2, question: 'What is a vanishing gradient?', id: 'what-is-a-vanishing-gradient', section: ['Neural networks'], tags: ['neural-networks'], line: 14 },
      { number: 3, question: 'Why normalize the inputs & the activations?', id: 'why-normalize-the-inputs-the-activations', section: ['Training & tuning'], tags: ['training-tuning', 'difficulty::hard'], difficulty: 'hard', line: 26 },
    ]);
    expect(corpus.questions[1]!.answer.markdown).toBe(
      'When gradients shrink layer after layer on the way back, so that the early layers barely learn.\n\n- Sigmoid and tanh saturate.\n- Residual connections help.',
    );
  });

  it('"## Q1:" headings with sub-headings in the answers, titled by the H1', () => {
    const { files, corpus } = corpusOf('q-colon');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 2, numbering: 'QN:' });
    expect(corpus.title).toBe('63 Must-Know LLM Interview Questions');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is a large language model?', id: 'what-is-a-large-language-model', tags: [], line: 5 },
      { number: 2, question: 'What is tokenization?', id: 'what-is-tokenization', tags: [], line: 13 },
      { number: 3, question: 'Why do LLMs hallucinate?', id: 'why-do-llms-hallucinate', tags: [], line: 17 },
    ]);
    expect(corpus.questions[0]!.answer.markdown).toBe(
      'A neural network, usually a transformer, trained to predict the next token on a very large amount of text.\n\n### Example\n\nGPT-4 and Llama are large language models.',
    );
  });

  it('unnumbered "### What is …?" and "### Explain …" headings; "## How to contribute" is no question', () => {
    const { files, corpus } = corpusOf('unnumbered');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 3, numbering: 'none' });
    expect(corpus.title).toBe('NLP interview questions');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is tokenization?', id: 'what-is-tokenization', section: ['Basics'], tags: ['basics'], line: 5 },
      { number: 2, question: 'Explain the attention mechanism', id: 'explain-the-attention-mechanism', section: ['Basics'], tags: ['basics'], line: 9 },
      { number: 3, question: 'What is BERT?', id: 'what-is-bert', section: ['Models'], tags: ['models'], line: 15 },
      { number: 4, question: 'How does GPT differ from BERT?', id: 'how-does-gpt-differ-from-bert', section: ['Models'], tags: ['models'], line: 19 },
    ]);
    expect(corpus.questions[3]!.answer.text).toBe('GPT is a decoder that predicts the next token; BERT is an encoder that sees the whole sentence.');
  });

  it('a layout set in the config: every level-2 heading is a question, read or not as one', () => {
    const { corpus } = corpusOf('unnumbered', { style: 'heading', depth: 2, numbering: 'none', every: true });
    expect(corpus.questions.map((q) => q.question)).toEqual(['Basics', 'Models', 'How to contribute']);
  });
});

function parse(md: string, layout?: LayoutSetting) {
  return parseFile(decodeSource(new TextEncoder().encode(md), { path: 'q.md', absolutePath: '/c/q.md', root: '/c' }), 'q.md', layout ? { layout } : {});
}

describe('what genai-qa reads as a question', () => {
  it('a file’s own tags win over the section tag; the difficulty tag is added', () => {
    const q = parse('## GANs\n\n**What is a GAN? 🚀**\n\n<!-- genai-qa tags="gan" -->\n\nA model.\n').questions[0]!;
    expect([q.question, q.tags, q.section]).toEqual(['What is a GAN?', ['gan', 'difficulty::hard'], ['GANs']]);
  });

  it('numbered headings win over question-like bold paragraphs in the answers', () => {
    const file = parse('# 1. What is a GAN?\n\n**Why does it work?**\n\nA game.\n\n**Why is it hard?**\n\nBalance.\n\n# 2. What is a VAE?\n\nA model.\n');
    expect(file.layout).toEqual({ style: 'heading', depth: 1, numbering: 'N.' });
    expect(file.questions.map((q) => q.question)).toEqual(['What is a GAN?', 'What is a VAE?']);
  });

  it('an H1 that is itself a question is no title', () => {
    expect(parse('# What is a GAN?\n\nA model.\n').title).toBe('');
    expect(parse('# 1. What is a GAN?\n\nA model.\n').title).toBe('');
  });

  it('front matter’s title wins over the H1, which is then no section either', () => {
    const file = parse('---\ntitle: GANs\n---\n\n# Generative models\n\n## 1. What is a GAN?\n\nA model.\n');
    expect([file.title, file.questions[0]!.section]).toEqual(['GANs', []]);
  });

  it('a source link inside the question stays part of it; only trailing ones are sources', () => {
    const q = parse('## 1. What does the [src](https://a.example) attribute do? [[src]](https://b.example)\n\nIt names the file.\n').questions[0]!;
    expect([q.question, q.sources]).toEqual(['What does the src attribute do?', ['https://b.example']]);
  });

  it('topic headings, "Table of contents" and "How to …" headings are no questions', () => {
    expect(parse('# Notes\n\n## Table of contents\n\n## Linear regression\n\nText.\n\n## How to contribute\n\nPRs.\n').questions).toEqual([]);
  });
});

describe('questions in genai-qa.config.json', () => {
  it('accepts the layouts, and says what is wrong with a bad one', () => {
    expect(validateConfig({ content: 'docs', questions: { style: 'heading', depth: 4, numbering: 'N)' } }, 'genai-qa.config.json')).toBeDefined();
    expect(validateConfig({ questions: { style: 'bold', numbering: 'none', every: true } }, 'genai-qa.config.json')).toBeDefined();
    expect(() => validateConfig({ questions: { style: 'bold', depth: 2 } }, 'genai-qa.config.json')).toThrow(
      'genai-qa.config.json: questions.depth is the level of question headings; it does not apply to style "bold" (remove it, or write "style": "heading")',
    );
    expect(() => validateConfig({ questions: { numbering: '1.' } }, 'genai-qa.config.json')).toThrow(/questions\/numbering must be equal to one of the allowed values/);
    expect(() => validateConfig({ questions: { depth: 7 } }, 'genai-qa.config.json')).toThrow(/questions\/depth must be <= 6/);
  });

  it('a style alone picks that style among what the file holds', () => {
    const md = '## 1. What is a GAN?\n\n**Why does it work?**\n\nA game.\n\n## 2. What is a VAE?\n\nA model.\n';
    expect(parse(md).questions.map((q) => q.question)).toEqual(['What is a GAN?', 'What is a VAE?']);
    expect(parse(md, { style: 'bold' }).questions.map((q) => q.question)).toEqual(['Why does it work?']);
  });
});

describe('a README of bold "Q1-" questions, as a real bank writes them', () => {
  // The shape of a public notes README that genai-qa once read as 2 questions of 8: numbered
  // "Q1-", "Q2 " and "Q4." in one file, questions without "?", "#####" sub-headings inside
  // answers, answers on the line right after the question, topics numbered "1." and "II.".
  it('finds every numbered question, keeps sub-headings in their answers, and tags by topic without its number', () => {
    const { files, corpus } = corpusOf('bold-q-dash');
    expect(files[0]!.layout).toEqual({ style: 'bold', depth: 0, numbering: 'QN-' });
    expect(corpus.title).toBe('Notes for data-science interviews');
    expect(corpus.questions.map((q) => [q.number, q.question, q.tags, q.answer.markdown])).toEqual([
      [1, 'What does a validation set measure?', ['foundations'], 'How well the model does on data it was not trained on, while it is still being tuned.'],
      [2, 'How is a validation set different from a test set?', ['foundations'], '##### Validation set\nUsed many times, to pick hyperparameters.\n\n##### Test set\nUsed once, at the end, for the number you report.'],
      [3, 'Explain what a learning curve shows.', ['foundations'], 'Training and validation error as the training set grows.'],
      [4, 'What is early stopping', ['foundations'], 'Training ends when the validation error stops falling.\nThe weights of the best epoch are kept.'],
      [5, 'When is a linear model enough?', ['models'], 'When the features already separate the classes, or the data is small.\n\n**Is that ever true for images?**\nRarely, without learned features.'],
    ]);
    expect(corpus.questions.map((q) => q.section)).toEqual([['1. Foundations'], ['1. Foundations'], ['1. Foundations'], ['1. Foundations'], ['II. Models']]);
  });
});

// Layouts read by hand in real public banks (ten of them, kept out of the repository), each
// rewritten here as a small fixture in our own words.
describe('layouts of real public banks', () => {
  it('"1. **What …?**" list items with their answers indented below; a table of contents is no question', () => {
    const { files, corpus } = corpusOf('list-bold');
    expect(files[0]!.layout).toEqual({ style: 'list', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('Machine learning in one list');
    // The list's own numbers (1, 2, then 10) are presentation: a question's number is its position.
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is overfitting?', id: 'what-is-overfitting', section: ['Basics'], tags: ['basics'], line: 10 },
      { number: 2, question: 'Why split data into training and test sets?', id: 'why-split-data-into-training-and-test-sets', section: ['Basics'], tags: ['basics'], line: 13 },
      { number: 3, question: 'What does a decision tree split on?', id: 'what-does-a-decision-tree-split-on', section: ['Trees'], tags: ['trees'], line: 19 },
    ]);
    // The answer, out of its item: without the item's indentation (4 columns after "10. ").
    expect(corpus.questions.map((q) => q.answer.markdown)).toEqual([
      '- **Answer**: The model learns the noise of its training data, so it does worse on new data.',
      '- **Answer**: The test set estimates how the model does on data it has never seen.\n- Keep it out of every choice made while training.',
      '- **Answer**: The feature and threshold that make the two halves purest, by Gini impurity or entropy.',
    ]);
  });

  it('Chinese bold bullets under numbered topics ("## 1. CNN" is a topic, not a question)', () => {
    const { files, corpus } = corpusOf('list-zh');
    expect(files[0]!.layout).toEqual({ style: 'list', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('机器学习面试题');
    // "池化层的作用" has neither "？" nor a question word; the file's other bold items do.
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: '卷积为什么适合图像？', id: '卷积为什么适合图像', section: ['1. CNN'], tags: ['cnn'], line: 5 },
      { number: 2, question: '池化层的作用', id: '池化层的作用', section: ['1. CNN'], tags: ['cnn'], line: 8 },
      { number: 3, question: '如何判断模型过拟合？', id: '如何判断模型过拟合', section: ['2. Overfitting'], tags: ['overfitting'], line: 13 },
    ]);
    expect(corpus.questions[1]!.answer.markdown).toBe('* 降低特征图的尺寸，让模型对小的平移不敏感。');
  });

  it('"### Q: …" headings: the mark is no part of the question, "Q: Explain … ." is a question', () => {
    const { files, corpus } = corpusOf('q-mark');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 3, numbering: 'none' });
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is regularization?', id: 'what-is-regularization', section: ['Fundamentals'], tags: ['fundamentals'], line: 5 },
      { number: 2, question: 'Explain early stopping.', id: 'explain-early-stopping', section: ['Fundamentals'], tags: ['fundamentals'], line: 9 },
      { number: 3, question: 'When is a linear model enough?', id: 'when-is-a-linear-model-enough', section: ['Models'], tags: ['models'], line: 15 },
    ]);
  });

  it('"### Q1：…？" with the full-width colon; a Chinese topic is a Chinese tag', () => {
    const { files, corpus } = corpusOf('zh-q-colon');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 3, numbering: 'QN：' });
    expect(corpus.title).toBe('强化学习常见问题');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: '什么是策略？', id: '什么是策略', section: ['基础'], tags: ['基础'], line: 5 },
      { number: 2, question: '奖励和回报的区别', id: '奖励和回报的区别', section: ['基础'], tags: ['基础'], line: 9 },
    ]);
  });

  it('"… - Google, Meta Interview Question" headings, the difficulty on the answer’s first line, a summary table', () => {
    const { files, corpus } = corpusOf('asked-by');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 3, numbering: 'none' });
    // The table at the end lists the same questions again: it adds none.
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is a p-value?', id: 'what-is-a-p-value', section: ['Premium questions'], tags: ['premium-questions', 'difficulty::easy'], difficulty: 'easy', line: 5 },
      { number: 2, question: 'How to choose the sample size?', id: 'how-to-choose-the-sample-size', section: ['Premium questions'], tags: ['premium-questions', 'difficulty::hard'], difficulty: 'hard', line: 11 },
    ]);
  });

  it('"## Question 1" labels above bold questions are no topics; the "---" after an answer is no part of it', () => {
    const { files, corpus } = corpusOf('question-label');
    expect(files[0]!.layout).toEqual({ style: 'bold', depth: 0, numbering: 'none' });
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What is an activation function?', id: 'what-is-an-activation-function', tags: [], line: 5 },
      { number: 2, question: 'Explain dropout.', id: 'explain-dropout', tags: [], line: 13 },
    ]);
    expect(corpus.questions[0]!.answer.markdown).toBe(
      "**Answer:** A non-linear function applied to each neuron's weighted sum, without which stacked layers would collapse into one linear map.",
    );
  });
});

describe('questions that a bold label introduces', () => {
  it('"**Q:** How …?", "**Q**: …" with "**A:**" on the next line, "**Pregunta:** ¿…?"', () => {
    const { files, corpus } = corpusOf('q-label');
    expect(files[0]!.layout).toEqual({ style: 'bold', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('Deep learning, asked two ways');
    expect(corpus.questions.map((q) => [q.number, q.question, q.source.line, q.answer.markdown])).toEqual([
      [1, 'Why does a learning rate that is too high make the loss diverge?', 5, '**Simple:** Each step overshoots the valley it was meant to go down into.\n\n**Detailed:** The update jumps past the minimum by more than it was away from it, so the error grows at every step.'],
      [2, 'What does weight decay do?', 13, '**A:** It shrinks every weight a little at each step, which keeps the weights small.'],
      [3, '¿Qué es el aprendizaje por transferencia?', 16, '**Respuesta:** Partir de un modelo entrenado en otra tarea y ajustarlo con pocos datos.'],
    ]);
  });
});

describe('difficulty stated in words', () => {
  it('"**Level:** Advanced", "**Difficulty:** easy", "level - BEGINNER" as an answer’s first line, "(Intermediate)" after the question', () => {
    const { files, corpus } = corpusOf('level-line');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 3, numbering: 'none' });
    expect(corpus.title).toBe('Deep learning question bank');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'Why does a learning-rate warm-up help large batches?', id: 'why-does-a-learning-rate-warm-up-help-large-batches', section: ['Optimisation'], tags: ['optimisation', 'difficulty::hard'], difficulty: 'hard', line: 5 },
      { number: 2, question: 'What does momentum add to plain SGD?', id: 'what-does-momentum-add-to-plain-sgd', section: ['Optimisation'], tags: ['optimisation', 'difficulty::easy'], difficulty: 'easy', line: 13 },
      { number: 3, question: 'When does dropout hurt?', id: 'when-does-dropout-hurt', section: ['Regularisation'], tags: ['regularisation', 'difficulty::medium'], difficulty: 'medium', line: 21 },
      { number: 4, question: 'What is label smoothing?', id: 'what-is-label-smoothing', section: ['Regularisation'], tags: ['regularisation', 'difficulty::easy'], difficulty: 'easy', line: 25 },
    ]);
    // The line that states the level stays in the answer, as written.
    expect(corpus.questions[0]!.answer.markdown.split('\n\n')[0]).toBe('**Level:** Advanced  \n**Focus:** schedules');
  });

  it('reads the six words in any case, and only as a level', () => {
    const level = (line: string) => parse(`### What is a GAN?\n\n${line}\n\nTwo networks.\n`).questions[0]!.difficulty;
    expect(['Level: beginner', 'LEVEL: Easy', 'Difficulty: Intermediate', 'difficulty: MEDIUM', 'Level: advanced', 'Difficulty: Hard', 'Level: Intermediate-Advanced', '难度：困难'].map(level)).toEqual(
      ['easy', 'easy', 'medium', 'medium', 'hard', 'hard', 'medium', 'hard'],
    );
    // Not a level: another word after the label, a level word without the label, "Hardware" for "Hard".
    expect(['Level: expert', 'Advanced topic.', 'Difficulty: Hardware', 'The level: hard to say.'].map(level)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('a bold number before a bold label', () => {
  it('"**1)** **Sampling:** Why …?" starts a question, the answer on the next line or after a blank line', () => {
    const { files, corpus } = corpusOf('numbered-bold');
    expect(files[0]!.layout).toEqual({ style: 'bold', depth: 0, numbering: 'N)' });
    expect(corpus.title).toBe('Statistics refresher');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'Sampling: Why can a random sample stand for the population?', id: 'sampling-why-can-a-random-sample-stand-for-the-population', section: ['Basics'], tags: ['basics'], line: 7 },
      { number: 2, question: 'Variance: What does the variance measure?', id: 'variance-what-does-the-variance-measure', section: ['Basics'], tags: ['basics'], line: 11 },
      { number: 3, question: 'What is a confidence interval?', id: 'what-is-a-confidence-interval', section: ['Inference'], tags: ['inference'], line: 17 },
      { number: 4, question: 'Power', id: 'power', section: ['Inference'], tags: ['inference'], line: 22 },
    ]);
    expect(corpus.questions.map((q) => q.answer.markdown)).toEqual([
      "Because every member had the same chance of being drawn, so the sample's proportions\nestimate the population's without bias.",
      'The mean squared distance of the values from their mean.',
      'A range computed from the sample by a method that covers the true value in a stated share\nof repeated samples.',
      'The probability that a test rejects the null hypothesis when it is false.',
    ]);
  });
});

describe('questions in other languages and list shapes', () => {
  it('"### 1、什么是…？" numbering, written without a space, and Spanish "¿…?" headings', () => {
    const zh = parse('# Spring 面试题\n\n### 1、什么是依赖注入？\n\n把对象的依赖从外部传入。\n\n### 2、Bean 的作用域有哪些？\n\nsingleton、prototype 等。\n');
    expect([zh.layout, zh.questions.map((q) => [q.number, q.question])]).toEqual([
      { style: 'heading', depth: 3, numbering: 'N、' },
      [[1, '什么是依赖注入？'], [2, 'Bean 的作用域有哪些？']],
    ]);
    const es = parse('## Árboles\n\n### ¿Qué es un árbol de decisión?\n\nUn modelo que divide los datos.\n');
    expect(es.questions.map((q) => [q.question, q.tags])).toEqual([['¿Qué es un árbol de decisión?', ['árboles']]]);
  });

  it('"### 1、…？" numbered again from 1 under each Chinese topic; the topics are the tags', () => {
    const { files, corpus } = corpusOf('zh-topics');
    expect(files[0]!.layout).toEqual({ style: 'heading', depth: 3, numbering: 'N、' });
    expect(corpus.title).toBe('机器学习面试题');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: '什么是过拟合？', id: '什么是过拟合', section: ['基础知识'], tags: ['基础知识'], line: 5 },
      { number: 2, question: '正则化有什么作用？', id: '正则化有什么作用', section: ['基础知识'], tags: ['基础知识'], line: 9 },
      { number: 1, question: '为什么需要激活函数？', id: '为什么需要激活函数', section: ['深度学习'], tags: ['深度学习'], line: 15 },
    ]);
  });

  it('Chinese section headings such as "项目介绍" or "使用说明" are no questions; "介绍一下GAN" is one', () => {
    expect(parse('# 笔记\n\n## 项目介绍\n\n内容。\n\n## 使用说明\n\n内容。\n').questions).toEqual([]);
    expect(parse('# 笔记\n\n## 介绍一下GAN\n\n生成器和判别器。\n').questions.map((q) => q.question)).toEqual(['介绍一下GAN']);
  });

  it('plain items of an ordered list are questions when most of them read as ones; link-only items never', () => {
    const md = '## Contents\n\n1. [What is a GAN?](#gan)\n\n## Questions\n\n1. 什么是生成对抗网络\n\n   两个网络相互博弈。\n\n1. 判别器的作用\n\n   区分真假样本。\n\n1. 如何训练生成器？\n\n   让判别器出错。\n';
    const file = parse(md);
    expect(file.layout).toEqual({ style: 'list', depth: 0, numbering: 'none' });
    expect(file.questions.map((q) => [q.question, q.markdown])).toEqual([
      ['什么是生成对抗网络', '两个网络相互博弈。'],
      ['判别器的作用', '区分真假样本。'],
      ['如何训练生成器？', '让判别器出错。'],
    ]);
  });

  it('"1. <details><summary>…</summary>" items: the answer indented below, without its "</details>"', () => {
    const { files, corpus } = corpusOf('list-details');
    expect(files[0]!.layout).toEqual({ style: 'list', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('Web platform questions');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: 'What does the lang attribute change?', id: 'what-does-the-lang-attribute-change', section: ['HTML'], tags: ['html'], line: 5 },
      { number: 2, question: 'Why give an image an empty alt?', id: 'why-give-an-image-an-empty-alt', section: ['HTML'], tags: ['html'], line: 10 },
      // Not worded as a question, but one among <details> items that are.
      { number: 3, question: 'Write a rule that hides an element but keeps its space', id: 'write-a-rule-that-hides-an-element-but-keeps-its-space', section: ['CSS'], tags: ['css'], line: 20 },
    ]);
    expect(corpus.questions.map((q) => q.answer.markdown)).toEqual([
      'Screen readers pick their pronunciation from it, and browsers their hyphenation.',
      'To tell assistive technology that the image is decoration and can be skipped.',
      '```css\n.ghost { visibility: hidden; }\n```',
    ]);
  });

  it('"- **数据来源**：…？" bullets, a bold label and the question on one line, the answer nested below', () => {
    const { files, corpus } = corpusOf('list-label');
    expect(files[0]!.layout).toEqual({ style: 'list', depth: 0, numbering: 'none' });
    expect(corpus.title).toBe('项目经验问答');
    expect(corpus.questions.map(card)).toEqual([
      { number: 1, question: '数据来源：训练数据是怎么收集的？', id: '数据来源训练数据是怎么收集的', section: ['数据'], tags: ['数据'], line: 5 },
      { number: 2, question: '数据清洗：如何去掉重复的样本？', id: '数据清洗如何去掉重复的样本', section: ['数据'], tags: ['数据'], line: 7 },
      { number: 3, question: '评测指标：如何选择评测指标？', id: '评测指标如何选择评测指标', section: ['评测'], tags: ['评测'], line: 12 },
    ]);
    expect(corpus.questions[0]!.answer.markdown).toBe('- 公开数据集加上人工标注的业务数据。');
    // A glossary is no question list: "**Term**: a definition." does not read as a question.
    expect(parse('# Terms\n\n- **Token**: a unit of text.\n  - More.\n- **Epoch**: one pass over the data.\n  - More.\n').questions).toEqual([]);
  });

  it('follow-up questions listed in an answer stay in it, however many they are', () => {
    const md = '## 1. What prevents overfitting?\n\nFollow-ups:\n\n1. Why does dropout help?\n2. How much data is enough?\n3. What is early stopping?\n\n## 2. What is dropout?\n\nZeroing units at random.\n';
    const file = parse(md);
    expect(file.layout).toEqual({ style: 'heading', depth: 2, numbering: 'N.' });
    expect(file.questions.map((q) => q.question)).toEqual(['What prevents overfitting?', 'What is dropout?']);
    expect(parse(md, { style: 'list' }).questions.map((q) => q.question)).toEqual(['Why does dropout help?', 'How much data is enough?', 'What is early stopping?']);
  });

  it('a list in an answer stays in the answer of a heading layout', () => {
    const file = parse('## 1. What prevents overfitting?\n\n1. **More data**\n2. **Regularization**\n\n## 2. What is dropout?\n\nZeroing units at random.\n');
    expect(file.layout).toEqual({ style: 'heading', depth: 2, numbering: 'N.' });
    expect(file.questions.map((q) => q.question)).toEqual(['What prevents overfitting?', 'What is dropout?']);
  });
});
