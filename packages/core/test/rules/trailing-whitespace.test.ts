import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

function answer(...lines: string[]): string {
  return ['# 1. What is a GAN?', '', ...lines, ''].join('\n');
}

describe('trailing-whitespace', () => {
  describe('valid', () => {
    it('accepts lines without trailing whitespace', () => {
      expect(findings('trailing-whitespace', answer('A generative model.', '', 'Two networks.'))).toEqual([]);
    });

    it('accepts a backslash hard break', () => {
      expect(findings('trailing-whitespace', answer('Line one\\', 'line two.'))).toEqual([]);
    });

    it('leaves trailing spaces inside a fenced code block alone', () => {
      expect(findings('trailing-whitespace', answer('```python', 'x = 1  ', '\t', '```'))).toEqual([]);
    });

    it('leaves code alone in a fence inside a list item, and in a fence left open at the end of the file', () => {
      expect(findings('trailing-whitespace', answer('- Run:', '', '  ```', '  x = 1  ', '  ```'))).toEqual([]);
      expect(findings('trailing-whitespace', answer('```', 'x = 1  '))).toEqual([]);
    });

    it('leaves trailing spaces inside an indented code block alone', () => {
      const md = answer('Code:', '', '    x = 1  ', '    y = 2  ', '', 'Done.');
      expect(findings('trailing-whitespace', md)).toEqual([]);
      expect(fix(md, 'trailing-whitespace')).toBe(md);
    });
  });

  describe('invalid', () => {
    it('reports trailing spaces at the end of a paragraph and deletes them', () => {
      const md = answer('A generative model.   ');
      expect(findings('trailing-whitespace', md)).toEqual([
        { line: 3, column: 20, message: 'Trailing whitespace (3 spaces)', fixable: true },
      ]);
      expect(fix(md, 'trailing-whitespace')).toBe(answer('A generative model.'));
    });

    it('reports tabs, and says what it found', () => {
      const md = answer('A model.\t', '', 'Two networks. \t ');
      expect(findings('trailing-whitespace', md)).toEqual([
        { line: 3, column: 9, message: 'Trailing whitespace (1 tab)', fixable: true },
        { line: 5, column: 14, message: 'Trailing whitespace (2 spaces, 1 tab)', fixable: true },
      ]);
      expect(fix(md, 'trailing-whitespace')).toBe(answer('A model.', '', 'Two networks.'));
    });

    it('reports a whitespace-only line and empties it', () => {
      const md = answer('A model.', '   ', 'Two networks.');
      expect(findings('trailing-whitespace', md)).toEqual([
        { line: 4, column: 1, message: 'Trailing whitespace (3 spaces)', fixable: true },
      ]);
      expect(fix(md, 'trailing-whitespace')).toBe(answer('A model.', '', 'Two networks.'));
    });

    it('reports a two-space hard break; the fix writes it as a backslash', () => {
      const md = answer('Line one  ', 'line two.');
      expect(findings('trailing-whitespace', md)).toEqual([
        { line: 3, column: 9, message: 'Trailing whitespace makes an invisible line break; write it as a backslash', fixable: true },
      ]);
      expect(fix(md, 'trailing-whitespace')).toBe(answer('Line one\\', 'line two.'));
    });

    it('deletes a single space at the end of a line inside a paragraph (not a break)', () => {
      const md = answer('Line one ', 'line two.');
      expect(fix(md, 'trailing-whitespace')).toBe(answer('Line one', 'line two.'));
    });

    it('reports the fence lines of a code block, which are not code', () => {
      const md = answer('```python  ', 'x = 1  ', '``` ');
      expect(findings('trailing-whitespace', md)).toEqual([
        { line: 3, column: 10, message: 'Trailing whitespace (2 spaces)', fixable: true },
        { line: 5, column: 4, message: 'Trailing whitespace (1 space)', fixable: true },
      ]);
      expect(fix(md, 'trailing-whitespace')).toBe(answer('```python', 'x = 1  ', '```'));
    });

    it('reports the heading line and the last line without a newline', () => {
      const md = '# 1. What is a GAN? \n\nA model. ';
      expect(findings('trailing-whitespace', md)).toEqual([
        { line: 1, column: 20, message: 'Trailing whitespace (1 space)', fixable: true },
        { line: 3, column: 9, message: 'Trailing whitespace (1 space)', fixable: true },
      ]);
      expect(fix(md, 'trailing-whitespace')).toBe('# 1. What is a GAN?\n\nA model.');
    });
  });
});
