import type { ExternalLinkStatus } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

function answer(text: string): string {
  return `# 1. Where can I read more?\n\n${text}\n`;
}

/** What `lint --check-external` found, by URL without fragment (the network part is tested in the CLI). */
const external = new Map<string, ExternalLinkStatus>([
  ['http://example.com/gan', { status: 'alive', redirect: { status: 301, to: 'https://example.com/gan' } }],
  ['https://example.com/old', { status: 'alive', redirect: { status: 308, to: 'https://example.com/new/(v2)' } }],
  ['https://example.com/anchored', { status: 'alive', redirect: { status: 301, to: 'https://example.com/page#top' } }],
  ['https://example.com/temporary', { status: 'alive' }],
  ['https://example.com/gone', { status: 'dead', reason: '404 Not Found' }],
]);

describe('permanent-redirect', () => {
  describe('valid', () => {
    it('reports nothing offline', () => {
      expect(findings('permanent-redirect', answer('See [GANs](http://example.com/gan).'))).toEqual([]);
    });

    it('accepts links that are not redirected or only temporarily, and dead links (dead-link reports those)', () => {
      const md = answer('See [a](https://example.com/temporary), [b](https://example.com/gone) and [c](https://example.com/unknown).');
      expect(findings('permanent-redirect', md, { external })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a permanently redirected link; the fix writes the new address and keeps the fragment', () => {
      const md = answer('See [GANs](http://example.com/gan#training "GANs").');
      expect(findings('permanent-redirect', md, { external })).toEqual([
        {
          line: 3,
          column: 5,
          message: 'Link "http://example.com/gan#training" redirects permanently (301) to "https://example.com/gan#training"; link there directly',
          fixable: true,
        },
      ]);
      expect(fix(md, 'permanent-redirect', [], external)).toBe(answer('See [GANs](https://example.com/gan#training "GANs").'));
    });

    it('keeps the form of the link: bare URL, autolink, definition; escapes parentheses a destination cannot hold', () => {
      const md = answer('Read http://example.com/gan, <http://example.com/gan> and [old][].\n\n[old]: https://example.com/old');
      expect(fix(md, 'permanent-redirect', [], external)).toBe(
        answer('Read https://example.com/gan, <https://example.com/gan> and [old][].\n\n[old]: https://example.com/new/(v2)'),
      );
      expect(fix(answer('[x](https://example.com/old)'), 'permanent-redirect', [], external)).toBe(answer('[x](https://example.com/new/(v2))'));
    });

    it('a bare URL whose new address would not end where it should becomes an autolink', () => {
      const md = answer('Read https://example.com/old now.');
      const redirected = new Map<string, ExternalLinkStatus>([['https://example.com/old', { status: 'alive', redirect: { status: 301, to: 'https://example.com/v1.' } }]]);
      expect(fix(md, 'permanent-redirect', [], redirected)).toBe(answer('Read <https://example.com/v1.> now.'));
    });

    it("uses the redirect's own fragment when it has one", () => {
      expect(fix(answer('[x](https://example.com/anchored#mine)'), 'permanent-redirect', [], external)).toBe(answer('[x](https://example.com/page#top)'));
    });

    it('fixing twice changes nothing more', () => {
      const once = fix(answer('[x](http://example.com/gan)'), 'permanent-redirect', [], external);
      expect(fix(once, 'permanent-redirect', [], external)).toBe(once);
    });
  });
});
