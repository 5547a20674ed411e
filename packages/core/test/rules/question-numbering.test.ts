import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

/** A file with one short question per number, in the order given (question k is on line 4k + 1). */
function numbered(...numbers: number[]): string {
  return numbers.map((n) => `# ${n}. Question ${n}?\n\nAnswer ${n}.\n`).join('\n');
}

describe('question-numbering', () => {
  describe('valid', () => {
    it('accepts 1, 2, 3', () => {
      expect(findings('question-numbering', numbered(1, 2, 3))).toEqual([]);
    });

    it('accepts a file without questions', () => {
      expect(findings('question-numbering', 'Just some notes.\n')).toEqual([]);
    });

    it('ignores numbered sub-headings below the question level', () => {
      const md = ['# 1. What is a GAN?', '', '## 7. Training tips', '', 'Text.', '', '# 2. What is a VAE?', '', 'Text.', ''].join('\n');
      expect(findings('question-numbering', md)).toEqual([]);
    });

    it('accepts 0, 1, 2 with { start: 0 }', () => {
      const config = { rules: { 'question-numbering': { options: { start: 0 } } } };
      expect(findings('question-numbering', numbered(0, 1, 2), { config })).toEqual([]);
    });

    it('numbers each file on its own', () => {
      expect(findings('question-numbering', { 'a.md': numbered(1, 2), 'b.md': numbered(1, 2) })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a gap of one number', () => {
      expect(findings('question-numbering', numbered(1, 3, 4))).toEqual([
        { line: 5, column: 1, message: 'Question 3 follows question 1: expected 2 (number 2 is missing)' },
      ]);
    });

    it('reports a gap of several numbers once', () => {
      expect(findings('question-numbering', numbered(1, 2, 5, 6))).toEqual([
        { line: 9, column: 1, message: 'Question 5 follows question 2: expected 3 (numbers 3–4 are missing)' },
      ]);
    });

    it('reports a file that does not start at 1', () => {
      expect(findings('question-numbering', numbered(2, 3))).toEqual([
        { line: 1, column: 1, message: 'Question 2 is the first question: expected 1 (number 1 is missing)' },
      ]);
    });

    it('reports a repeated number, and only the repeat', () => {
      expect(findings('question-numbering', numbered(1, 2, 2, 3))).toEqual([
        { line: 9, column: 1, message: 'Question number 2 is used twice (first on line 5); expected 3' },
      ]);
    });

    it('points a repeat at the first use', () => {
      const [diagnostic] = lint(numbered(1, 1), { config: only('question-numbering') });
      expect(diagnostic).toMatchObject({
        ruleId: 'question-numbering',
        severity: 'error',
        line: 5,
        related: [{ file: 'content/q.md', line: 1, message: 'question 1' }],
      });
    });

    it('reports two swapped questions once', () => {
      expect(findings('question-numbering', numbered(1, 3, 2, 4))).toEqual([
        { line: 5, column: 1, message: 'Question 3 follows question 1: expected 2 (number 2 is missing)' },
        { line: 9, column: 1, message: 'Question 2 is out of order: expected 4' },
      ]);
    });

    it('honours { start: 0 }', () => {
      const config = { rules: { 'question-numbering': { options: { start: 0 } } } };
      expect(findings('question-numbering', numbered(1, 2), { config })).toEqual([
        { line: 1, column: 1, message: 'Question 1 is the first question: expected 0 (number 0 is missing)' },
      ]);
    });

    it('reports 0 as out of order when numbering starts at 1', () => {
      expect(findings('question-numbering', numbered(0, 1))).toEqual([
        { line: 1, column: 1, message: 'Question 0 is out of order: expected 1' },
      ]);
    });
  });
});


describe('question-numbering in other layouts', () => {
  it('checks "N)" headings under topic headings', () => {
    const md = '## Stats\n\n#### 1) What is a p-value?\n\nA probability.\n\n## Models\n\n#### 3) What is a t-test?\n\nA test.\n';
    expect(findings('question-numbering', md)).toEqual([{ line: 9, column: 1, message: 'Question 3 follows question 1: expected 2 (number 2 is missing)' }]);
  });

  it('lets each topic number its questions from 1 again, and checks them within the topic', () => {
    const md = '## Basics\n\n### 1、什么是分词？\n\nA.\n\n### 2、什么是上下文？\n\nB.\n\n## Agents\n\n### 1、什么是工具调用？\n\nC.\n\n### 3、什么是规划？\n\nD.\n';
    expect(findings('question-numbering', md)).toEqual([{ line: 17, column: 1, message: 'Question 3 follows question 1: expected 2 (number 2 is missing)' }]);
    // Within one topic, a second 1 is still a repeat.
    expect(findings('question-numbering', '## Basics\n\n### 1. What?\n\nA.\n\n### 1. Why?\n\nB.\n')).toEqual([
      { line: 7, column: 1, message: 'Question number 1 is used twice (first on line 3); expected 2' },
    ]);
  });

  it('checks "QN:" headings', () => {
    expect(findings('question-numbering', '## Q1: What?\n\nA.\n\n## Q1: Why?\n\nB.\n')).toEqual([
      { line: 5, column: 1, message: 'Question number 1 is used twice (first on line 1); expected 2' },
    ]);
  });

  it('has nothing to check in unnumbered questions: headings, bold paragraphs, <details>', () => {
    expect(findings('question-numbering', '### What is A?\n\nA.\n\n### What is B?\n\nB.\n')).toEqual([]);
    expect(findings('question-numbering', '## Topic\n\n**What is A? 👶**\n\nA.\n\n**What is B?**\n\nB.\n')).toEqual([]);
    expect(findings('question-numbering', '<details>\n<summary>What is A?</summary>\n\nA.\n\n</details>\n')).toEqual([]);
  });
});
