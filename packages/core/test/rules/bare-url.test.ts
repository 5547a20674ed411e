import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

function answer(text: string): string {
  return `# 1. Where can I read more?\n\n${text}\n`;
}

describe('bare-url', () => {
  describe('valid', () => {
    it('accepts autolinks in angle brackets and inline links', () => {
      expect(findings('bare-url', answer('See <https://example.com/gan> or [the paper](https://arxiv.org/abs/1406.2661).'))).toEqual([]);
    });

    it('accepts URLs in inline code and code blocks', () => {
      expect(findings('bare-url', answer('Run `curl https://example.com/api`.\n\n```\nhttps://example.com\n```'))).toEqual([]);
    });

    it('accepts a bare e-mail address', () => {
      expect(findings('bare-url', answer('Write to editors@example.com.'))).toEqual([]);
    });

    it('accepts reference links and definitions', () => {
      expect(findings('bare-url', answer('See [the paper][gan].\n\n[gan]: https://arxiv.org/abs/1406.2661'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports an https URL in text; the fix wraps it in <>', () => {
      const md = answer('See https://example.com/gan for more.');
      expect(findings('bare-url', md)).toEqual([
        { line: 3, column: 5, message: 'Bare URL "https://example.com/gan"; write it as a link', fixable: true },
      ]);
      expect(fix(md, 'bare-url')).toBe(answer('See <https://example.com/gan> for more.'));
    });

    it('reports a www. address; the fix makes an http link of it', () => {
      const md = answer('Visit www.example.com today.');
      expect(findings('bare-url', md)).toEqual([
        { line: 3, column: 7, message: 'Bare URL "www.example.com"; write it as a link', fixable: true },
      ]);
      expect(fix(md, 'bare-url')).toBe(answer('Visit [www.example.com](http://www.example.com) today.'));
    });

    it('keeps trailing punctuation and a closing parenthesis outside the link', () => {
      const md = answer('Read https://example.com/a. (Or https://example.com/b.) Or https://example.com/wiki/GAN_(model)!');
      expect(fix(md, 'bare-url')).toBe(answer('Read <https://example.com/a>. (Or <https://example.com/b>.) Or <https://example.com/wiki/GAN_(model)>!'));
    });

    it('escapes Markdown in the link text and unbalanced parentheses in the destination', () => {
      const md = answer('See www.example.com/_a_/*b* or www.example.com/a(b now.');
      const fixed = answer('See [www.example.com/\\_a\\_/\\*b](http://www.example.com/_a_/*b)* or [www.example.com/a(b](http://www.example.com/a\\(b) now.');
      expect(fix(md, 'bare-url')).toBe(fixed);
      expect(findings('bare-url', fixed)).toEqual([]);
    });

    it('reports a URL containing ">" without a fix (an autolink would end there)', () => {
      const md = answer('See https://example.com/x>y now.');
      expect(findings('bare-url', md)).toEqual([{ line: 3, column: 5, message: 'Bare URL "https://example.com/x>y"; write it as a link' }]);
      expect(fix(md, 'bare-url')).toBe(md);
    });

    it('does not crash on a www. address glued to a link, which the parser gives no position', () => {
      expect(findings('bare-url', answer('See [a](https://example.com)www.example.com now.'))).toEqual([]);
    });

    it('shortens a long URL in the message', () => {
      const url = 'https://example.com/a/very/long/path/that/goes/on/and/on/and/on/page.html';
      expect(findings('bare-url', answer(`See ${url}`))).toEqual([
        { line: 3, column: 5, message: 'Bare URL "https://example.com/a/very/long/path/that/goes/on/and/on/…"; write it as a link', fixable: true },
      ]);
    });

    it('reports URLs in list items, and fixing twice changes nothing more', () => {
      const md = answer('- https://example.com/a\n- www.example.com/b');
      const fixed = answer('- <https://example.com/a>\n- [www.example.com/b](http://www.example.com/b)');
      expect(fix(md, 'bare-url')).toBe(fixed);
      expect(fix(fixed, 'bare-url')).toBe(fixed);
      expect(findings('bare-url', fixed)).toEqual([]);
    });
  });
});
