import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

const MESSAGE = 'File has no questions; a question starts at a heading like "# 1. What is …?"';

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
  });

  describe('invalid', () => {
    it('reports an empty file', () => {
      expect(findings('no-questions', '')).toEqual([{ line: 1, column: 1, message: MESSAGE }]);
    });

    it('reports headings written without their number', () => {
      const md = '# What is a GAN?\n\nA generative model.\n\n# What is a VAE?\n\nAn autoencoder.\n';
      expect(findings('no-questions', md)).toEqual([{ line: 1, column: 1, message: MESSAGE }]);
    });

    it('reports "#1. What" lines, which are paragraphs, not headings', () => {
      expect(findings('no-questions', '#1. What is a GAN?\n\nA generative model.\n')).toEqual([{ line: 1, column: 1, message: MESSAGE }]);
    });

    it('reports a file with only front matter on the line after it, where a disable comment can go', () => {
      expect(findings('no-questions', '---\ntitle: Drafts\n---\n\nTo do.\n')).toEqual([{ line: 4, column: 1, message: MESSAGE }]);
      expect(findings('no-questions', '---\ntitle: Drafts\n---\n<!-- genai-qa-disable no-questions -->\n\nTo do.\n')).toEqual([]);
    });

    it('reports each file on its own, as a warning', () => {
      const files = { 'a.md': '# 1. What is a GAN?\n\nA generative model.\n', 'b.md': 'Notes for later.\n' };
      expect(lint(files, { config: only('no-questions') })).toEqual([
        { file: 'content/b.md', line: 1, column: 1, ruleId: 'no-questions', severity: 'warning', message: MESSAGE, fixable: false },
      ]);
    });
  });
});
