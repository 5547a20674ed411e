import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

const LOOKED_FOR =
  'question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks';
const CORPUS = `No questions in content/: looked for ${LOOKED_FOR}`;
const FILE = `File has no questions; genai-qa looked for ${LOOKED_FOR}`;

describe('no-questions', () => {
  describe('valid', () => {
    it('accepts a file with a question', () => {
      expect(findings('no-questions', '# 1. What is a GAN?\n\nA generative model.\n')).toEqual([]);
    });

    it('accepts questions at any heading level, after an introduction', () => {
      expect(findings('no-questions', '# Generative AI\n\nAn introduction.\n\n## 1. What is a GAN?\n\nA generative model.\n')).toEqual([]);
    });

    it('accepts a question that has no answer yet (empty-answer reports that)', () => {
      expect(findings('no-questions', '# 1. What is a GAN?\n')).toEqual([]);
    });

    it('accepts unnumbered question headings, bold questions and <details>', () => {
      expect(findings('no-questions', '# What is a GAN?\n\nA generative model.\n')).toEqual([]);
      expect(findings('no-questions', '## GANs\n\n**What is a GAN? 👶**\n\nA generative model.\n')).toEqual([]);
      expect(findings('no-questions', '<details>\n<summary>What is a GAN?</summary>\n\nA generative model.\n\n</details>\n')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports an empty corpus as an error naming the content root and the layouts looked for', () => {
      expect(findings('no-questions', '')).toEqual([{ line: 1, column: 1, message: CORPUS }]);
      expect(lint('', { config: only('no-questions') }).map((d) => d.severity)).toEqual(['error']);
    });

    it('reports headings that are topics, not questions', () => {
      const md = '# Generative models\n\nAn overview.\n\n## GANs\n\nA generator and a discriminator.\n';
      expect(findings('no-questions', md)).toEqual([{ line: 1, column: 1, message: CORPUS }]);
    });

    it('reports "#1. What" lines, which are paragraphs, not headings', () => {
      expect(findings('no-questions', '#1. What is a GAN?\n\nA generative model.\n')).toEqual([{ line: 1, column: 1, message: CORPUS }]);
    });

    it('reports a file with only front matter on the line after it, where a disable comment can go', () => {
      expect(findings('no-questions', '---\ntitle: Drafts\n---\n\nTo do.\n')).toEqual([{ line: 4, column: 1, message: CORPUS }]);
      expect(findings('no-questions', '---\ntitle: Drafts\n---\n<!-- genai-qa-disable no-questions -->\n\nTo do.\n')).toEqual([]);
    });

    it('reports each empty file of a corpus that has questions elsewhere, as a warning', () => {
      const files = { 'a.md': '# 1. What is a GAN?\n\nA generative model.\n', 'b.md': 'Notes for later.\n' };
      expect(lint(files, { config: only('no-questions') })).toEqual([
        { file: 'content/b.md', line: 1, column: 1, ruleId: 'no-questions', severity: 'warning', message: FILE, fixable: false },
      ]);
    });

    it('reports a corpus of several files without questions once, on the first', () => {
      const files = { 'a.md': 'Intro.\n', 'b.md': 'Notes for later.\n' };
      expect(lint(files, { config: only('no-questions') })).toEqual([
        { file: 'content/a.md', line: 1, column: 1, ruleId: 'no-questions', severity: 'error', message: CORPUS, fixable: false },
      ]);
    });
  });

  describe('questions without answers', () => {
    const HOW = 'without answers below them (genai-qa reads a question with its answer below it, e.g. "### What is …?" and the answer under it)';

    it('names a table whose column lists questions, at its line, instead of counting its rows', () => {
      const md = '# Index\n\n| # | Question | Level |\n|---|---|---|\n| 1 | What is a GAN? | Easy |\n| 2 | Explain mode collapse. | Hard |\n';
      expect(findings('no-questions', md)).toEqual([{ line: 3, column: 1, message: `No questions in content/: the table at q.md:3 lists 2 questions ${HOW}; looked for ${LOOKED_FOR}` }]);
    });

    it('names lists of question items none of which has an answer', () => {
      const md = '# Index\n\n## GANs\n\n1. What is a GAN?\n2. Why does training oscillate?\n\n## Diffusion\n\n1. What is the noise schedule?\n';
      expect(findings('no-questions', md)).toEqual([{ line: 5, column: 1, message: `No questions in content/: 2 lists, the first at q.md:5, list 3 questions ${HOW}; looked for ${LOOKED_FOR}` }]);
    });

    it('names bullets of a bold label and a question, none with an answer', () => {
      const md = '## 项目\n\n- **数据获取**：训练数据是如何获取的？\n- **过拟合**：遇到过哪些过拟合现象？\n';
      expect(findings('no-questions', md)).toEqual([{ line: 3, column: 1, message: `No questions in content/: the list at q.md:3 lists 2 questions ${HOW}; looked for ${LOOKED_FOR}` }]);
    });

    it('says it in the warning of one file among files with questions', () => {
      const files = { 'a.md': '# 1. What is a GAN?\n\nA generative model.\n', 'b.md': '| Question |\n|---|\n| What is a GAN? |\n| What is a VAE? |\n' };
      expect(lint(files, { config: only('no-questions') })).toEqual([
        { file: 'content/b.md', line: 1, column: 1, ruleId: 'no-questions', severity: 'warning', message: `File has no questions: the table at line 1 lists 2 questions ${HOW}`, fixable: false },
      ]);
    });

    it('leaves a table of topics alone, and a question table beside answered questions adds nothing', () => {
      expect(findings('no-questions', '| Topic | Chapter |\n|---|---|\n| GANs | 1 |\n| VAEs | 2 |\n')).toEqual([{ line: 1, column: 1, message: CORPUS }]);
      expect(findings('no-questions', '## What is a GAN?\n\nA generative model.\n\n| Question |\n|---|\n| What is a GAN? |\n| What is a VAE? |\n')).toEqual([]);
    });
  });
});
