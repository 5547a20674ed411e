import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

function answer(text: string): string {
  return `# 1. Where can I read more?\n\n${text}\n`;
}

const message = (directive: string) => `Text fragment "${directive}" is a browser scroll hint, not part of the address; remove it`;

describe('text-fragment', () => {
  describe('valid', () => {
    it('accepts links with ordinary fragments, queries and no fragment', () => {
      expect(findings('text-fragment', answer('See [GANs](https://example.com/gan#training), <https://example.com/?q=a:~:b> and [top](#where-can-i-read-more).'))).toEqual([]);
    });

    it('accepts a text fragment in code or in link text', () => {
      expect(findings('text-fragment', answer('Browsers add `#:~:text=…`; see [#:~:text=a](https://example.com/).'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a text fragment in an inline link; the fix removes it and the "#"', () => {
      const md = answer('See [the paper](https://example.com/gan#:~:text=adversarial%20nets "GAN") now.');
      expect(findings('text-fragment', md)).toEqual([{ line: 3, column: 5, message: message('#:~:text=adversarial%20nets'), fixable: true }]);
      expect(fix(md, 'text-fragment')).toBe(answer('See [the paper](https://example.com/gan "GAN") now.'));
    });

    it('keeps a heading anchor written before the directive, and removes every directive after it', () => {
      const md = answer('See [training](https://example.com/gan#training:~:text=mode%20collapse&text=fix).');
      expect(findings('text-fragment', md)).toEqual([{ line: 3, column: 5, message: message(':~:text=mode%20collapse&text=fix'), fixable: true }]);
      expect(fix(md, 'text-fragment')).toBe(answer('See [training](https://example.com/gan#training).'));
    });

    it('fixes a bare URL and an autolink, leaving the punctuation after them', () => {
      const md = answer('Read https://example.com/gan/#:~:text=A%20generative,network. Or <https://example.com/vae#:~:text=encoder>.');
      expect(fix(md, 'text-fragment')).toBe(answer('Read https://example.com/gan/. Or <https://example.com/vae>.'));
    });

    it('turns a bare URL that would end early without its fragment into an autolink', () => {
      // Without the fragment, the final "." would no longer belong to the bare URL.
      const md = answer('Read https://example.com/v1.#:~:text=intro now.');
      expect(fix(md, 'text-fragment')).toBe(answer('Read <https://example.com/v1.> now.'));
    });

    it('fixes www. addresses, images, angle-bracket destinations and definitions', () => {
      const md = answer(
        'Visit www.example.com/gan#:~:text=gan today. ![A GAN diagram](<https://example.com/a b.png#:~:text=x>) and [ref].\n\n[ref]: https://example.com/ref#:~:text=y "Ref"',
      );
      expect(findings('text-fragment', md).map((f) => [f.line, f.column])).toEqual([
        [3, 7],
        [3, 46],
        [5, 1],
      ]);
      expect(fix(md, 'text-fragment')).toBe(
        answer('Visit www.example.com/gan today. ![A GAN diagram](<https://example.com/a b.png>) and [ref].\n\n[ref]: https://example.com/ref "Ref"'),
      );
    });

    it('finds the destination when the link text contains "](" or the URL itself', () => {
      const md = answer('[`](`](https://example.com/#:~:text=a) and [https://example.com/#:~:text=b](https://example.com/#:~:text=b)');
      expect(fix(md, 'text-fragment')).toBe(answer('[`](`](https://example.com/) and [https://example.com/#:~:text=b](https://example.com/)'));
    });

    it('with bare-url, a bare URL becomes an autolink without its fragment, and fixing twice changes nothing more', () => {
      const md = answer('Source:\nhttps://aws.amazon.com/what-is/gan/#:~:text=A%20generative%20adversarial%20network.');
      const fixed = answer('Source:\n<https://aws.amazon.com/what-is/gan/>.');
      expect(fix(md)).toBe(fixed);
      expect(fix(fixed)).toBe(fixed);
    });

    it('reports a link that is nothing but a text fragment without a fix (it would link to nothing)', () => {
      const md = answer('See [above](#:~:text=generator).');
      expect(findings('text-fragment', md)).toEqual([{ line: 3, column: 5, message: message('#:~:text=generator') }]);
      expect(fix(md, 'text-fragment')).toBe(md);
    });

    it('shortens a long fragment in the message', () => {
      const md = answer('See [x](https://example.com/#:~:text=a%20very%20long%20passage%20of%20the%20page).');
      expect(findings('text-fragment', md)[0]!.message).toBe(message('#:~:text=a%20very%20long%20passage%20of…'));
    });
  });
});
