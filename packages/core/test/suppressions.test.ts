import { ruleIds } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { fix, lint } from './helpers.js';

/** Which rule reported on which line, with only `rules` turned on. */
function reported(markdown: string | Record<string, string>, ...rules: string[]) {
  const config = { rules: Object.fromEntries([...ruleIds].map((id) => [id, rules.includes(id) ? ('warning' as const) : ('off' as const)])) };
  return lint(markdown, { config }).map((d) => ({ ...(typeof markdown === 'string' ? {} : { file: d.file }), line: d.line, ruleId: d.ruleId }));
}

const lines = (...text: string[]): string => [...text, ''].join('\n');

describe('suppressions', () => {
  describe('genai-qa-disable-question', () => {
    const md = lines(
      '# 1. Where can I read more?',
      '',
      '<!-- genai-qa-disable-question bare-url -->',
      '',
      'See https://a.example.com  first.',
      '',
      '# 2. Where else?',
      '',
      'See https://b.example.com  then.',
    );

    it('silences only the named rule, only in that question', () => {
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([
        { line: 5, ruleId: 'multiple-spaces' },
        { line: 9, ruleId: 'bare-url' },
        { line: 9, ruleId: 'multiple-spaces' },
      ]);
    });

    it('silences every rule of the question when it names none', () => {
      expect(reported(md.replace('disable-question bare-url', 'disable-question'), 'bare-url', 'multiple-spaces')).toEqual([
        { line: 9, ruleId: 'bare-url' },
        { line: 9, ruleId: 'multiple-spaces' },
      ]);
    });

    it('covers the heading line, where question-level rules report', () => {
      const duplicate = lines(
        '# 1. How can overfitting be prevented?',
        '',
        'More data.',
        '',
        '# 2. What are some ways to prevent overfitting?',
        '',
        '<!-- genai-qa-disable-question duplicate-question -- asked on purpose -->',
        '',
        'Dropout.',
      );
      expect(reported(duplicate, 'duplicate-question')).toEqual([]);
      expect(reported(duplicate.replace('<!-- genai-qa-disable-question duplicate-question -- asked on purpose -->', ''), 'duplicate-question')).toEqual([
        { line: 5, ruleId: 'duplicate-question' },
      ]);
    });

    it('also stops the fix in that question only', () => {
      expect(fix(md, 'bare-url')).toBe(md.replace('https://b.example.com', '<https://b.example.com>'));
    });
  });

  describe('genai-qa-disable / genai-qa-enable', () => {
    it('silences the named rules between the two comments', () => {
      const md = lines(
        '# 1. Where can I read more?',
        '',
        'See https://a.example.com  first.',
        '',
        '<!-- genai-qa-disable bare-url -->',
        '',
        'See https://b.example.com  then.',
        '',
        '<!-- genai-qa-enable bare-url -->',
        '',
        'See https://c.example.com last.',
      );
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([
        { line: 3, ruleId: 'bare-url' },
        { line: 3, ruleId: 'multiple-spaces' },
        { line: 7, ruleId: 'multiple-spaces' },
        { line: 11, ruleId: 'bare-url' },
      ]);
    });

    it('silences every rule without rule ids, to the end of the file when not re-enabled', () => {
      const md = lines(
        '# 1. Where can I read more?',
        '',
        'See https://a.example.com  first.',
        '',
        '<!-- genai-qa-disable -->',
        '',
        'See https://b.example.com  then.',
        '',
        '# 2. Where else?',
        '',
        'See https://c.example.com  last.',
      );
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([
        { line: 3, ruleId: 'bare-url' },
        { line: 3, ruleId: 'multiple-spaces' },
      ]);
    });

    it('re-enables one rule inside a disable-all region', () => {
      const md = lines(
        '# 1. Where can I read more?',
        '',
        '<!-- genai-qa-disable -->',
        '',
        'See https://a.example.com  first.',
        '',
        '<!-- genai-qa-enable bare-url -->',
        '',
        'See https://b.example.com  then.',
        '',
        '<!-- genai-qa-enable -->',
        '',
        'See https://c.example.com  last.',
      );
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([
        { line: 9, ruleId: 'bare-url' },
        { line: 13, ruleId: 'bare-url' },
        { line: 13, ruleId: 'multiple-spaces' },
      ]);
    });

    it('keeps the other rules of a region disabled when one is re-enabled', () => {
      const md = lines(
        '# 1. Where can I read more?',
        '',
        '<!-- genai-qa-disable bare-url, multiple-spaces -->',
        '',
        'See https://a.example.com  first.',
        '',
        '<!-- genai-qa-enable multiple-spaces -->',
        '',
        'See https://b.example.com  then.',
      );
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([{ line: 9, ruleId: 'multiple-spaces' }]);
    });

    it('applies to its own file only', () => {
      const files = {
        'a.md': lines('<!-- genai-qa-disable bare-url -->', '', '# 1. Where?', '', 'See https://a.example.com.'),
        'b.md': lines('# 1. Where else?', '', 'See https://b.example.com.'),
      };
      expect(reported(files, 'bare-url')).toEqual([{ file: 'content/b.md', line: 3, ruleId: 'bare-url' }]);
    });

    it('also stops the fix inside the region', () => {
      const md = lines('# 1. Where?', '', '<!-- genai-qa-disable bare-url -->', 'See https://a.example.com.', '<!-- genai-qa-enable -->', '', 'See https://b.example.com.');
      expect(fix(md, 'bare-url')).toBe(md.replace('https://b.example.com', '<https://b.example.com>'));
    });
  });

  describe('genai-qa-disable-next-line', () => {
    it('silences the named rule on the next line only', () => {
      const md = lines(
        '# 1. Where can I read more?',
        '',
        '<!-- genai-qa-disable-next-line bare-url -->',
        'See https://a.example.com  first,',
        'then https://b.example.com.',
      );
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([
        { line: 4, ruleId: 'multiple-spaces' },
        { line: 5, ruleId: 'bare-url' },
      ]);
    });

    it('silences every rule on the next line when it names none', () => {
      const md = lines('# 1. Where can I read more?', '', '<!-- genai-qa-disable-next-line -->', 'See https://a.example.com  first.', 'Then  this.');
      expect(reported(md, 'bare-url', 'multiple-spaces')).toEqual([{ line: 5, ruleId: 'multiple-spaces' }]);
      expect(fix(md)).toBe(md.replace('Then  this.', 'Then this.'));
    });
  });

  describe('invalid-metadata', () => {
    it('cannot be silenced', () => {
      const md = lines(
        '<!-- genai-qa-disable -->',
        '<!-- genai-qa-disable invalid-metadata -->',
        '',
        '# 1. What is a GAN?',
        '',
        '<!-- genai-qa-disable-question invalid-metadata -->',
        '',
        '<!-- genai-qa tags="GAN" -->',
        '',
        '<!-- genai-qa-disable-next-line invalid-metadata -->',
        '<!-- genai-qa-foo -->',
        '',
        'A generative model.',
      );
      expect(reported(md, 'invalid-metadata')).toEqual([
        { line: 8, ruleId: 'invalid-metadata' },
        { line: 11, ruleId: 'invalid-metadata' },
      ]);
    });
  });
});
