import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

const HINT = 'give one of them an explicit id with <!-- genai-qa id="…" -->';

describe('duplicate-id', () => {
  describe('valid', () => {
    it('accepts questions with different texts', () => {
      expect(findings('duplicate-id', '# 1. What is a GAN?\n\nA.\n\n# 2. What is a VAE?\n\nB.\n')).toEqual([]);
    });

    it('accepts two questions with the same text when one has an explicit id', () => {
      const md = ['# 1. What is a GAN?', '', 'A.', '', '# 2. What is a GAN?', '', '<!-- genai-qa id="what-is-a-gan-2" -->', '', 'B.', ''].join('\n');
      expect(findings('duplicate-id', md)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports two questions with the same text on the later one', () => {
      const md = '# 1. What is a GAN?\n\nA.\n\n# 2. What is a GAN?\n\nB.\n';
      expect(findings('duplicate-id', md)).toEqual([
        { line: 5, column: 1, message: `Question 2 has the id "what-is-a-gan", already used by question 1; ${HINT}` },
      ]);
    });

    it('reports texts that differ only in case and punctuation (they slug alike)', () => {
      const md = '# 1. What is a GAN?\n\nA.\n\n# 2. What is a gan\n\nB.\n';
      expect(findings('duplicate-id', md)).toEqual([
        { line: 5, column: 1, message: `Question 2 has the id "what-is-a-gan", already used by question 1; ${HINT}` },
      ]);
    });

    it('reports two explicit ids that collide', () => {
      const md = [
        '# 1. What is a GAN?',
        '<!-- genai-qa id="gan" -->',
        '',
        'A.',
        '',
        '# 2. How is a GAN trained?',
        '<!-- genai-qa id="gan" -->',
        '',
        'B.',
        '',
      ].join('\n');
      expect(findings('duplicate-id', md)).toEqual([
        { line: 6, column: 1, message: `Question 2 has the id "gan", already used by question 1; ${HINT}` },
      ]);
    });

    it('reports an explicit id that collides with another question’s derived id', () => {
      const md = ['# 1. What is a GAN?', '', 'A.', '', '# 2. How do GANs work?', '<!-- genai-qa id="what-is-a-gan" -->', '', 'B.', ''].join('\n');
      expect(findings('duplicate-id', md)).toEqual([
        { line: 5, column: 1, message: `Question 2 has the id "what-is-a-gan", already used by question 1; ${HINT}` },
      ]);
    });

    it('reports ids shared across files, pointing at the first file', () => {
      const files = { 'a.md': '# 1. What is a GAN?\n\nA.\n', 'b.md': '# 1. What is a GAN?\n\nB.\n' };
      expect(lint(files, { config: only('duplicate-id') })).toEqual([
        {
          file: 'content/b.md',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 20,
          ruleId: 'duplicate-id',
          severity: 'error',
          message: `Question 1 has the id "what-is-a-gan", already used by question 1; ${HINT}`,
          fixable: false,
          related: [{ file: 'content/a.md', line: 1, message: 'question 1' }],
        },
      ]);
    });
  });
});
