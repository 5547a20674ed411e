import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

describe('final-newline', () => {
  describe('valid', () => {
    it('accepts a file that ends with a newline', () => {
      expect(findings('final-newline', '# 1. What is A?\n\nA.\n')).toEqual([]);
    });

    it('accepts an empty file', () => {
      expect(findings('final-newline', '')).toEqual([]);
    });

    it('accepts CRLF line endings', () => {
      expect(findings('final-newline', '# 1. What is A?\r\n\r\nA.\r\n')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a missing newline after the last character; the fix adds one', () => {
      const md = '# 1. What is A?\n\nA.';
      expect(findings('final-newline', md)).toEqual([{ line: 3, column: 3, message: 'File does not end with a newline', fixable: true }]);
      expect(fix(md, 'final-newline')).toBe('# 1. What is A?\n\nA.\n');
    });

    it('reports a one-line file', () => {
      expect(findings('final-newline', 'Notes')).toEqual([{ line: 1, column: 6, message: 'File does not end with a newline', fixable: true }]);
      expect(fix('Notes', 'final-newline')).toBe('Notes\n');
    });
  });
});
