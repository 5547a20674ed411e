import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

describe('blank-lines-around-headings', () => {
  describe('valid', () => {
    it('accepts headings with blank lines around them, the first on line 1', () => {
      expect(findings('blank-lines-around-headings', '# 1. What is A?\n\nA.\n\n## Details\n\nMore.\n')).toEqual([]);
    });

    it('accepts a heading on the last line, with or without a final newline', () => {
      expect(findings('blank-lines-around-headings', 'Intro.\n\n# 1. What is A?\n')).toEqual([]);
      expect(findings('blank-lines-around-headings', 'Intro.\n\n# 1. What is A?')).toEqual([]);
    });

    it('does not look at headings inside block quotes or lists', () => {
      expect(findings('blank-lines-around-headings', '# 1. What is A?\n\n> Quote\n> # Quoted heading\n> more\n')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a missing blank line before a heading', () => {
      const md = '# 1. What is A?\n\nA.\n# 2. What is B?\n\nB.\n';
      expect(findings('blank-lines-around-headings', md)).toEqual([
        { line: 4, column: 1, message: 'Heading needs a blank line before it', fixable: true },
      ]);
      expect(fix(md, 'blank-lines-around-headings')).toBe('# 1. What is A?\n\nA.\n\n# 2. What is B?\n\nB.\n');
    });

    it('reports a missing blank line after a heading, also on line 1', () => {
      const md = '# 1. What is A?\nA.\n';
      expect(findings('blank-lines-around-headings', md)).toEqual([
        { line: 1, column: 1, message: 'Heading needs a blank line after it', fixable: true },
      ]);
      expect(fix(md, 'blank-lines-around-headings')).toBe('# 1. What is A?\n\nA.\n');
    });

    it('reports both at once and inserts exactly the two missing lines', () => {
      const md = '# 1. What is A?\n\nA.\n# 2. What is B?\nB.\n';
      expect(findings('blank-lines-around-headings', md)).toEqual([
        { line: 4, column: 1, message: 'Heading needs a blank line before and after it', fixable: true },
      ]);
      expect(fix(md, 'blank-lines-around-headings')).toBe('# 1. What is A?\n\nA.\n\n# 2. What is B?\n\nB.\n');
    });

    it('reports the gap between two adjacent headings once and fills it with one blank line', () => {
      const md = '# 1. What is A?\n## Details\n\nA.\n';
      expect(findings('blank-lines-around-headings', md)).toEqual([
        { line: 2, column: 1, message: 'Heading needs a blank line before it', fixable: true },
      ]);
      expect(fix(md, 'blank-lines-around-headings')).toBe('# 1. What is A?\n\n## Details\n\nA.\n');
    });

    it('treats a line of spaces as blank', () => {
      expect(findings('blank-lines-around-headings', 'Intro.\n   \n# 1. What is A?\n  \nA.\n')).toEqual([]);
    });

    it('handles a setext heading (two lines)', () => {
      const md = 'Intro.\n\nQuestions\n=========\nA.\n';
      expect(findings('blank-lines-around-headings', md)).toEqual([
        { line: 3, column: 1, message: 'Heading needs a blank line after it', fixable: true },
      ]);
      expect(fix(md, 'blank-lines-around-headings')).toBe('Intro.\n\nQuestions\n=========\n\nA.\n');
    });

    it('reports a heading right after front matter', () => {
      const md = '---\ntitle: Generative AI\n---\n# 1. What is A?\n\nA.\n';
      expect(findings('blank-lines-around-headings', md)).toEqual([
        { line: 4, column: 1, message: 'Heading needs a blank line before it', fixable: true },
      ]);
      expect(fix(md, 'blank-lines-around-headings')).toBe('---\ntitle: Generative AI\n---\n\n# 1. What is A?\n\nA.\n');
    });
  });
});
