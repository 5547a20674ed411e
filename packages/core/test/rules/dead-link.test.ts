import type { ExternalLinkStatus } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

function answer(text: string): string {
  return `# 1. Where can I read more?\n\n${text}\n`;
}

/** What `lint --check-external` found, by URL without fragment (the network part is tested in the CLI). */
const external = new Map<string, ExternalLinkStatus>([
  ['https://example.com/gone', { status: 'dead', reason: '410 Gone' }],
  ['https://example.com/missing.png', { status: 'dead', reason: '404 Not Found' }],
  ['https://example.com/ok', { status: 'alive' }],
  ['https://example.com/moved', { status: 'alive', redirect: { status: 301, to: 'https://example.com/ok' } }],
]);

describe('dead-link', () => {
  describe('valid', () => {
    it('reports nothing offline (without the answers of --check-external)', () => {
      expect(findings('dead-link', answer('See [gone](https://example.com/gone).'))).toEqual([]);
    });

    it('accepts live and redirected links, URLs that were not checked, and non-http links', () => {
      const md = answer('See [a](https://example.com/ok), [b](https://example.com/moved), [c](https://example.com/other), [d](mailto:a@example.com) and [e](./local.md).');
      expect(findings('dead-link', md, { external, existing: ['local.md'] })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a dead URL at every place it occurs: links, bare URLs, autolinks, fragments, definitions', () => {
      const md = answer(
        'See [gone](https://example.com/gone), https://example.com/gone and <https://example.com/gone#part>.\n\n[ref]: https://example.com/gone',
      );
      expect(findings('dead-link', md, { external })).toEqual([
        { line: 3, column: 5, message: 'Link "https://example.com/gone" is dead: 410 Gone' },
        { line: 3, column: 39, message: 'Link "https://example.com/gone" is dead: 410 Gone' },
        { line: 3, column: 68, message: 'Link "https://example.com/gone#part" is dead: 410 Gone' },
        { line: 5, column: 1, message: 'Link definition "https://example.com/gone" is dead: 410 Gone' },
      ]);
    });

    it('reports images', () => {
      expect(findings('dead-link', answer('![A loss curve](https://example.com/missing.png)'), { external })).toEqual([
        { line: 3, column: 1, message: 'Image "https://example.com/missing.png" is dead: 404 Not Found' },
      ]);
    });

    it('can be silenced for a line, and re-severitied in the config', () => {
      const md = answer('<!-- genai-qa-disable-next-line dead-link -->\n[gone](https://example.com/gone)\n\n[again](https://example.com/gone)');
      expect(findings('dead-link', md, { external }).map((f) => f.line)).toEqual([6]);
    });
  });
});
