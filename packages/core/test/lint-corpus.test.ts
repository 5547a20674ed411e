import { lintCorpus, lintFiles, sortDiagnostics, summarizeFile } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { parse, virtualHost } from './helpers.js';

const lines = (...text: string[]): string => [...text, ''].join('\n');

// Two files that share a question and a long passage, with findings of file rules and
// corpus rules on the same heading, and a comment that silences a corpus rule.
const PASSAGE =
  'Attention lets every token weigh every other token of the sequence when it builds its own representation, so distant words can inform each other directly.';
const files = {
  'a.md': lines(
    '# 1.What is self-attention in a transformer?',
    '',
    PASSAGE,
    '',
    '# 2. What does a tokenizer do?',
    '',
    'It splits text into tokens.',
  ),
  'b.md': lines(
    '# 3. What is self-attention in a transformer?',
    '',
    PASSAGE,
    '',
    '# 4. What does a tokenizer do?',
    '',
    '<!-- genai-qa-disable-question duplicate-question duplicate-id -->',
    '',
    'It splits text into tokens.',
  ),
};

describe('lintCorpus', () => {
  const parsed = Object.entries(files).map(([name, text]) => parse(text, name));
  const host = virtualHost(Object.keys(files));

  it('with each file linted on its own, gives exactly what one lintFiles call gives', () => {
    const whole = lintFiles(parsed, { host });
    const streamed = sortDiagnostics(
      [...parsed.flatMap((file) => lintFiles([file], { host, scopes: ['file'] })), ...lintCorpus(parsed.map(summarizeFile))],
      parsed.map((f) => f.source.path),
    );
    expect(streamed).toEqual(whole);
    // What this covers: a file rule and corpus rules on the same heading (ordered by rule),
    // a passage across files, and corpus findings silenced in b.md's question 4.
    expect(whole.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'content/a.md:1:5 heading-format',
      'content/b.md:1:1 question-numbering',
      'content/b.md:1:1 duplicate-question',
      'content/b.md:1:1 duplicate-id',
      'content/b.md:3:1 duplicate-passage',
    ]);
    const unsilenced = [parsed[0]!, parse(files['b.md'].replace(/<!--.*-->\n\n/, ''), 'b.md')];
    expect(lintCorpus(unsilenced.map(summarizeFile)).filter((d) => d.line === 5).map((d) => d.ruleId)).toEqual(['duplicate-question', 'duplicate-id']);
  });

  it('runs only the corpus rules', () => {
    expect(new Set(lintCorpus(parsed.map(summarizeFile)).map((d) => d.ruleId))).toEqual(new Set(['duplicate-question', 'duplicate-passage', 'duplicate-id']));
  });

  it('summaries keep positions and text, not the tree', () => {
    const summary = summarizeFile(parsed[0]!);
    const question = summary.questions[0]!;
    expect(question).toEqual({
      id: 'what-is-self-attention-in-a-transformer',
      idExplicit: false,
      number: 1,
      question: 'What is self-attention in a transformer?',
      line: 1,
      endLine: 4,
      text: PASSAGE,
      // No code or math in this answer: nothing to leave out of the comparisons, its prose is its text.
      literals: [],
      prose: PASSAGE,
      heading: { position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 45, offset: 44 } } },
      nodes: [{ position: { start: { line: 3, column: 1, offset: 46 }, end: { line: 3, column: 155, offset: 200 } } }],
    });
    expect('tree' in summary).toBe(false);
  });
});
