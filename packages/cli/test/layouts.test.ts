import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

// The hand-written corpora of test/fixtures/layouts, built by the CLI as a new user would
// (no config, no front matter), the deck read back with SQLite (sql.js), not the exporter.
const FIXTURES = new URL('../../../test/fixtures/layouts/', import.meta.url);

function copyFixture(name: string): string {
  const dir = new URL(`${name}/`, FIXTURES);
  return tempTree(Object.fromEntries(fs.readdirSync(dir).map((f) => [`content/${f}`, fs.readFileSync(new URL(f, dir))])));
}

async function deck(file: string): Promise<{ deckNames: string[]; notes: Array<{ question: string; tags: string }> }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const SQL = await initSqlJs();
  const db = new SQL.Database(await zip.file('collection.anki2')!.async('uint8array'));
  const decks = JSON.parse(String(db.exec('select decks from col')[0]!.values[0]![0])) as Record<string, { name: string }>;
  // The first field of each note is the question.
  const rows = db.exec('select flds, tags from notes order by id')[0]?.values ?? [];
  db.close();
  return {
    deckNames: Object.values(decks).map((d) => d.name).filter((n) => n !== 'Default'),
    notes: rows.map(([flds, tags]) => ({ question: String(flds).split('\x1f')[0]!, tags: String(tags).trim() })),
  };
}

const CASES = [
  {
    name: 'numbered-paren',
    layout: 'level-4 headings, numbered "N)" (1 file, 4 questions)',
    title: 'Machine Learning Interview Questions',
    file: 'machine-learning-interview-questions',
    notes: [
      ['What is the bias-variance trade-off?', 'statistics'],
      ['What is a p-value?', 'statistics'],
      ['What is regularization?', 'linear-models'],
      ['Why does L1 regularization give sparse weights?', 'linear-models'],
    ],
  },
  {
    name: 'bold-emoji',
    layout: 'bold paragraphs, unnumbered (1 file, 6 questions)',
    title: 'Theoretical interview questions',
    file: 'theoretical-interview-questions',
    notes: [
      ['What is supervised machine learning?', 'supervised-machine-learning difficulty::easy'],
      ['What is regression? Which models can you use to solve a regression problem?', 'linear-regression difficulty::easy'],
      ['What is linear regression? When do we use it?', 'linear-regression difficulty::easy'],
      ['What is the normal equation?', 'linear-regression::training difficulty::medium'],
      ['What is SGD — stochastic gradient descent? What’s the difference with the usual gradient descent?', 'linear-regression::training difficulty::medium'],
      ['Can we use L1 regularization with linear regression for classification?', 'linear-regression::training difficulty::hard'],
    ],
  },
  {
    name: 'details',
    layout: '<details><summary> blocks, unnumbered (1 file, 3 questions)',
    title: 'Deep Learning Interview Questions',
    file: 'deep-learning-interview-questions',
    notes: [
      ['What is backpropagation?', 'neural-networks'],
      ['What is a vanishing gradient?', 'neural-networks'],
      ['Why normalize the inputs &amp; the activations?', 'training-tuning difficulty::hard'],
    ],
  },
  {
    name: 'q-colon',
    layout: 'level-2 headings, numbered "QN:" (1 file, 3 questions)',
    title: '63 Must-Know LLM Interview Questions',
    file: '63-must-know-llm-interview-questions',
    notes: [
      ['What is a large language model?', ''],
      ['What is tokenization?', ''],
      ['Why do LLMs hallucinate?', ''],
    ],
  },
  {
    name: 'unnumbered',
    layout: 'level-3 headings, unnumbered (1 file, 4 questions)',
    title: 'NLP interview questions',
    file: 'nlp-interview-questions',
    notes: [
      ['What is tokenization?', 'basics'],
      ['Explain the attention mechanism', 'basics'],
      ['What is BERT?', 'models'],
      ['How does GPT differ from BERT?', 'models'],
    ],
  },
  // The layouts below come from real public banks (read by hand, then rewritten in our words).
  {
    name: 'list-bold',
    layout: 'list items (1 file, 3 questions)',
    title: 'Machine learning in one list',
    file: 'machine-learning-in-one-list',
    notes: [
      ['What is overfitting?', 'basics'],
      ['Why split data into training and test sets?', 'basics'],
      ['What does a decision tree split on?', 'trees'],
    ],
  },
  {
    name: 'list-zh',
    layout: 'list items (1 file, 3 questions)',
    title: '机器学习面试题',
    file: '机器学习面试题',
    notes: [
      ['卷积为什么适合图像？', 'cnn'],
      ['池化层的作用', 'cnn'],
      ['如何判断模型过拟合？', 'overfitting'],
    ],
  },
  {
    name: 'q-mark',
    layout: 'level-3 headings, unnumbered (1 file, 3 questions)',
    title: 'Common ML questions',
    file: 'common-ml-questions',
    notes: [
      ['What is regularization?', 'fundamentals'],
      ['Explain early stopping.', 'fundamentals'],
      ['When is a linear model enough?', 'models'],
    ],
  },
  {
    name: 'zh-q-colon',
    layout: 'level-3 headings, numbered "QN：" (1 file, 2 questions)',
    title: '强化学习常见问题',
    file: '强化学习常见问题',
    // Tags keep letters of any script, as ids do: the topic "基础" is the tag.
    notes: [
      ['什么是策略？', '基础'],
      ['奖励和回报的区别', '基础'],
    ],
  },
  {
    name: 'asked-by',
    layout: 'level-3 headings, unnumbered (1 file, 2 questions)',
    title: 'A/B testing interview questions',
    file: 'ab-testing-interview-questions',
    notes: [
      ['What is a p-value?', 'premium-questions difficulty::easy'],
      ['How to choose the sample size?', 'premium-questions difficulty::hard'],
    ],
  },
  {
    name: 'q-label',
    layout: 'bold paragraphs, unnumbered (1 file, 3 questions)',
    title: 'Deep learning, asked two ways',
    file: 'deep-learning-asked-two-ways',
    notes: [
      ['Why does a learning rate that is too high make the loss diverge?', ''],
      ['What does weight decay do?', ''],
      ['¿Qué es el aprendizaje por transferencia?', ''],
    ],
  },
  {
    name: 'question-label',
    layout: 'bold paragraphs, unnumbered (1 file, 2 questions)',
    title: 'Deep learning theory questions',
    file: 'deep-learning-theory-questions',
    notes: [
      ['What is an activation function?', ''],
      ['Explain dropout.', ''],
    ],
  },
  {
    name: 'level-line',
    layout: 'level-3 headings, unnumbered (1 file, 4 questions)',
    title: 'Deep learning question bank',
    file: 'deep-learning-question-bank',
    notes: [
      ['Why does a learning-rate warm-up help large batches?', 'optimisation difficulty::hard'],
      ['What does momentum add to plain SGD?', 'optimisation difficulty::easy'],
      ['When does dropout hurt?', 'regularisation difficulty::medium'],
      ['What is label smoothing?', 'regularisation difficulty::easy'],
    ],
  },
  {
    name: 'numbered-bold',
    layout: 'bold paragraphs, numbered "N)" (1 file, 4 questions)',
    title: 'Statistics refresher',
    file: 'statistics-refresher',
    notes: [
      ['Sampling: Why can a random sample stand for the population?', 'basics'],
      ['Variance: What does the variance measure?', 'basics'],
      ['What is a confidence interval?', 'inference'],
      ['Power', 'inference'],
    ],
  },
  {
    name: 'zh-topics',
    layout: 'level-3 headings, numbered "N、" (1 file, 3 questions)',
    title: '机器学习面试题',
    file: '机器学习面试题',
    // Numbered from 1 again under the second topic: no question-numbering error.
    notes: [
      ['什么是过拟合？', '基础知识'],
      ['正则化有什么作用？', '基础知识'],
      ['为什么需要激活函数？', '深度学习'],
    ],
  },
  {
    name: 'list-details',
    layout: 'list items (1 file, 3 questions)',
    title: 'Web platform questions',
    file: 'web-platform-questions',
    // The question's own <details><summary> draws no raw-html warning (lint is checked for errors only).
    notes: [
      ['What does the lang attribute change?', 'html'],
      ['Why give an image an empty alt?', 'html'],
      ['Write a rule that hides an element but keeps its space', 'css'],
    ],
  },
  {
    name: 'list-label',
    layout: 'list items (1 file, 3 questions)',
    title: '项目经验问答',
    file: '项目经验问答',
    notes: [
      ['数据来源：训练数据是怎么收集的？', '数据'],
      ['数据清洗：如何去掉重复的样本？', '数据'],
      ['评测指标：如何选择评测指标？', '评测'],
    ],
  },
];

describe.each(CASES)('a corpus in the layout of $name', (c) => {
  it('lints clean of errors and says which layout it found', async () => {
    const dir = copyFixture(c.name);
    const result = await cli(['lint', '--verbose', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(result.stderr).toBe(`genai-qa: questions: ${c.layout} [detected]\n`);
  });

  it('builds a deck named by its H1, one note per question, topics as tags', async () => {
    const dir = copyFixture(c.name);
    const result = await cli(['build', '--only', 'json,anki'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { deckNames, notes } = await deck(path.join(dir, 'dist', `${c.file}.apkg`));
    expect(deckNames).toEqual([c.title]);
    // Note ids come from question ids (hashes), so compare in a fixed order.
    const sorted = (rows: string[][]) => [...rows].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(sorted(notes.map((n) => [n.question, n.tags]))).toEqual(sorted(c.notes));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'dist/questions.json'), 'utf8')).title).toBe(c.title);
  });
});

describe('build --verbose', () => {
  it('prints the layout found, in one line on stderr', async () => {
    const result = await cli(['build', '--verbose', '--only', 'json'], copyFixture('q-colon'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('genai-qa: questions: level-2 headings, numbered "QN:" (1 file, 3 questions) [detected]\n');
  });
});

describe('the PDF guide follows the H1 too', () => {
  it('is named after it', async () => {
    const dir = copyFixture('q-colon');
    const result = await cli(['build', '--only', 'pdf'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['63-must-know-llm-interview-questions.pdf']);
  });
});

describe('a corpus without questions', () => {
  const TOPICS = '# Notes\n\n## Linear regression\n\nTo be written.\n';
  const LOOKED_FOR =
    'question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks';

  it('does not build, even with --force, and keeps the artifacts of the last build', async () => {
    const dir = tempTree({ 'content/notes.md': TOPICS, 'dist/old.apkg': 'previous deck' });
    for (const args of [['build'], ['build', '--force']]) {
      const result = await cli(args, dir);
      expect(result).toEqual({ code: 1, stdout: '', stderr: `genai-qa: not building: no questions in content/; looked for ${LOOKED_FOR}\n` });
    }
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['old.apkg']);
    expect(fs.readFileSync(path.join(dir, 'dist/old.apkg'), 'utf8')).toBe('previous deck');
  });

  it('is a lint error, in the same words', async () => {
    const dir = tempTree({ 'content/notes.md': TOPICS });
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: 'content/notes.md', line: 1, column: 1, ruleId: 'no-questions', severity: 'error', message: `No questions in content/: looked for ${LOOKED_FOR}`, fixable: false },
    ]);
  });
});

describe('a bank that lists questions without answers', () => {
  const LOOKED_FOR =
    'question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks';
  const HOW = 'without answers below them (genai-qa reads a question with its answer below it, e.g. "### What is …?" and the answer under it)';

  it.each([
    ['question-table', 5, 'the table at README.md:5 lists 3 questions'],
    ['question-list', 5, '2 lists, the first at README.md:5, list 3 questions'],
  ])('%s: no notes and no empty answers; lint and build name the index', async (name, line, what) => {
    const dir = copyFixture(name);
    const lint = await cli(['lint', '--format', 'json'], dir);
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout)).toEqual([
      { file: 'content/README.md', line, column: 1, ruleId: 'no-questions', severity: 'error', message: `No questions in content/: ${what} ${HOW}; looked for ${LOOKED_FOR}`, fixable: false },
    ]);
    const build = await cli(['build', '--force'], dir);
    expect(build).toEqual({ code: 1, stdout: '', stderr: `genai-qa: not building: no questions in content/: ${what} ${HOW}; looked for ${LOOKED_FOR}\n` });
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('genai-qa init', () => {
  const config = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'genai-qa.config.json'), 'utf8'));

  it('detects the layout of a repository’s README, writes the config and the workflow, then lint runs', async () => {
    const dir = tempTree({
      'README.md': fs.readFileSync(new URL('numbered-paren/README.md', FIXTURES)),
      'CONTRIBUTING.md': '# Contributing\n\nOpen a pull request.\n',
    });
    const result = await cli(['init'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'found 4 questions in ./: level-4 headings, numbered "N)"',
        'wrote genai-qa.config.json',
        'wrote .github/workflows/genai-qa.yml',
        '',
        'Next steps:',
        '  npx --yes --package=@genai-qa/cli@0.1.0 genai-qa lint --verbose   lint the questions (add --fix for the safe fixes)',
        '  npx --yes --package=@genai-qa/cli@0.1.0 genai-qa build            the Anki deck, the PDF guide and JSON, into dist/',
        '  commit genai-qa.config.json and .github/workflows/genai-qa.yml: pull requests then get',
        '  lint annotations, and code scanning the SARIF report',
        '  (in a repository with a package.json, "npm install --save-dev @genai-qa/cli@0.1.0"',
        '  makes it "npx genai-qa lint")',
        '',
      ].join('\n'),
    );
    expect(config(dir)).toEqual({
      $schema: 'https://raw.githubusercontent.com/genai-qa/genai-qa/main/schemas/config.schema.json',
      content: '.',
      questions: { style: 'heading', depth: 4, numbering: 'N)' },
    });
    const workflow = fs.readFileSync(path.join(dir, '.github/workflows/genai-qa.yml'), 'utf8');
    expect(workflow).toMatch(/genai-qa lint --format github\n/);
    expect(workflow).toMatch(/genai-qa lint --format sarif > genai-qa\.sarif \|\| test \$\? -eq 1\n/);
    expect(workflow).toContain('uses: github/codeql-action/upload-sarif@v3');
    // `genai-qa lint` with no PATH now reads the repository: only CONTRIBUTING.md has no question.
    const lint = await cli(['lint', '--format', 'json'], dir);
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout).map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual(['CONTRIBUTING.md no-questions']);
  });

  it('uses content/ when there is one, and never overwrites a file', async () => {
    const dir = tempTree({ 'content/q.md': '## GANs\n\n**What is a GAN? 👶**\n\nA model.\n', 'genai-qa.config.json': '{}\n' });
    const result = await cli(['init'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      'found 1 question in content/: bold paragraphs, unnumbered',
      'kept genai-qa.config.json (it exists; init never overwrites a file)',
      'wrote .github/workflows/genai-qa.yml',
    ]);
    expect(fs.readFileSync(path.join(dir, 'genai-qa.config.json'), 'utf8')).toBe('{}\n');
    const again = await cli(['init'], dir);
    expect(again.stdout).toContain('kept .github/workflows/genai-qa.yml (it exists; init never overwrites a file)');
  });

  it('leaves "questions" out of the config when the files differ in layout, so that lint finds them all', async () => {
    const dir = tempTree({
      'README.md': fs.readFileSync(new URL('list-bold/README.md', FIXTURES)),
      'faq.md': fs.readFileSync(new URL('zh-q-colon/faq.md', FIXTURES)),
    });
    const result = await cli(['init'], dir);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      'found 5 questions in ./: list items (3); level-3 headings, numbered "QN：" (2)',
      'the files differ in layout: genai-qa.config.json leaves "questions" out, so that each file\'s is detected',
      'wrote genai-qa.config.json',
    ]);
    expect(config(dir)).toEqual({ $schema: 'https://raw.githubusercontent.com/genai-qa/genai-qa/main/schemas/config.schema.json', content: '.' });
    const lint = await cli(['lint', '--verbose', '--format', 'json'], dir);
    expect([lint.code, lint.stderr]).toEqual([0, 'genai-qa: questions: list items (1 file, 3 questions); level-3 headings, numbered "QN：" (1 file, 2 questions) [detected]\n']);
  });

  it('writes nothing where it finds no question', async () => {
    const dir = tempTree({ 'docs/notes.md': '# Notes\n\nNothing yet.\n' });
    const result = await cli(['init', '--content', 'docs'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^genai-qa: no questions in docs\/; looked for .* \(nothing written; use --content DIR\)\n$/);
    expect(fs.readdirSync(dir)).toEqual(['docs']);
  });
});

describe('the content and questions keys of the config', () => {
  it('lint without PATH reads "content", the same with --cache (the warm path too)', async () => {
    const dir = tempTree({
      'genai-qa.config.json': '{ "content": "docs" }\n',
      'docs/q.md': '### What is a GAN?\n\nA model.\n\n### What is a VAE?\n\nA model.\n\n###What is a GPT?\n\nA model.\n',
    });
    const expected = 'docs/q.md:9:4: Missing space after "###": this line is a paragraph, not a question heading (heading-format)';
    const lines = (out: string) => (JSON.parse(out) as Array<{ file: string; line: number; column: number; message: string; ruleId: string }>).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message} (${d.ruleId})`);
    for (const args of [['lint', '--format', 'json'], ['lint', '--format', 'json', '--cache'], ['lint', '--format', 'json', '--cache']]) {
      const result = await cli(args, dir);
      expect(result.code).toBe(1);
      expect(lines(result.stdout)).toEqual([expected]);
    }
  });

  it('--verbose says when the layout comes from the config', async () => {
    const dir = tempTree({
      'genai-qa.config.json': '{ "questions": { "style": "heading", "depth": 2, "numbering": "none", "every": true } }\n',
      'content/q.md': '# Notes\n\n## Bias and variance\n\nTwo sources of error.\n\n## Regularization\n\nA penalty on the weights.\n',
    });
    const result = await cli(['lint', '--verbose'], dir);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'genai-qa: questions: level-2 headings, unnumbered (1 file, 2 questions) [questions in the config: {"style":"heading","depth":2,"numbering":"none","every":true}]\n',
    });
  });
});
