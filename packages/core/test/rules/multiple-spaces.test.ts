import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

function answer(...lines: string[]): string {
  return ['# 1. What is generative AI used for?', '', ...lines, ''].join('\n');
}

describe('multiple-spaces', () => {
  describe('valid', () => {
    it('accepts single spaces', () => {
      expect(findings('multiple-spaces', answer('Art, music and text.'))).toEqual([]);
    });

    it('leaves indentation alone', () => {
      const md = answer('1. First step', '', '   Still the first step,', '   indented under it.', '', '- Item', '  continued.');
      expect(findings('multiple-spaces', md)).toEqual([]);
    });

    it('leaves inline code and code blocks alone', () => {
      const md = answer('Call `f(a,  b)` here.', '', '```', 'x  =  1', '```', '', '    y  =  2');
      expect(findings('multiple-spaces', md)).toEqual([]);
      expect(fix(md, 'multiple-spaces')).toBe(md);
    });

    it('leaves table padding and a two-space hard break alone', () => {
      const md = answer('| Model   | Year |', '| ------- | ---- |', '| GAN     | 2014 |', '', 'Line one  ', 'line two.');
      expect(findings('multiple-spaces', md)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports runs of spaces between words; the fix leaves one', () => {
      const md = answer('Art,            music   and text.');
      expect(findings('multiple-spaces', md)).toEqual([
        { line: 3, column: 5, message: '12 spaces between words; use one', fixable: true },
        { line: 3, column: 22, message: '3 spaces between words; use one', fixable: true },
      ]);
      expect(fix(md, 'multiple-spaces')).toBe(answer('Art, music and text.'));
    });

    it('reports two spaces after a full stop', () => {
      const md = answer('It generates.  It also edits.');
      expect(findings('multiple-spaces', md)).toEqual([{ line: 3, column: 14, message: '2 spaces between words; use one', fixable: true }]);
      expect(fix(md, 'multiple-spaces')).toBe(answer('It generates. It also edits.'));
    });

    it('reports a run next to a link, emphasis or inline code', () => {
      const md = answer('See [the paper](https://example.com)  and **GANs**  or `f()`  here.');
      expect(findings('multiple-spaces', md)).toEqual([
        { line: 3, column: 37, message: '2 spaces between words; use one', fixable: true },
        { line: 3, column: 51, message: '2 spaces between words; use one', fixable: true },
        { line: 3, column: 61, message: '2 spaces between words; use one', fixable: true },
      ]);
      expect(fix(md, 'multiple-spaces')).toBe(answer('See [the paper](https://example.com) and **GANs** or `f()` here.'));
    });

    it('reports spaces in headings, list items, emphasis and link text', () => {
      const md = answer('- A  list item', '- *Very  important*', '- [The  paper](https://example.com)');
      expect(fix(md, 'multiple-spaces')).toBe(answer('- A list item', '- *Very important*', '- [The paper](https://example.com)'));
      expect(fix('# 1. What  is A?\n\nA.\n', 'multiple-spaces')).toBe('# 1. What is A?\n\nA.\n');
    });
  });
});
