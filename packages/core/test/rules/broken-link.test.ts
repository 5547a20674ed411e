import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

const TWO = ['# 1. What is A?', '', 'A is a letter.', '', '# 2. What is B?', '', 'B is a letter.', ''].join('\n');

/** The two-question file with one more line of answer under question 2 (line 9). */
function withLine(line: string): string {
  return `${TWO}\n${line}\n`;
}

describe('broken-link', () => {
  describe('valid', () => {
    it('accepts an image that exists', () => {
      expect(findings('broken-link', withLine('![Diagram of A](images/a.png)'), { existing: ['images/a.png'] })).toEqual([]);
    });

    it('accepts a link to another Markdown file of the corpus, with any fragment', () => {
      expect(findings('broken-link', { 'q.md': withLine('See [the other file](other.md#some-heading).'), 'other.md': '# 1. X?\n\nY.\n' })).toEqual([]);
    });

    it('accepts a percent-encoded file name and a query string', () => {
      expect(findings('broken-link', withLine('![Diagram of A](images/my%20diagram.png?raw=true)'), { existing: ['images/my diagram.png'] })).toEqual([]);
    });

    it('accepts a link to a directory that exists', () => {
      expect(findings('broken-link', withLine('See [the images](images/).'), { existing: ['images/a.png'] })).toEqual([]);
    });

    it('accepts an anchor made by GitHub from a question heading', () => {
      expect(findings('broken-link', withLine('See [question 2](#2-what-is-b) and [question 1](#1-what-is-a).'))).toEqual([]);
    });

    it('accepts anchors in any case, percent-encoded, or with the user-content- prefix', () => {
      expect(findings('broken-link', withLine('[a](#2-What-Is-B) [b](#user-content-2-what-is-b) [c](#%32-what-is-b)'))).toEqual([]);
    });

    it('accepts the -1 anchor of a repeated heading, and an id written in HTML', () => {
      const md = ['# 1. What is A?', '', '## Example', '', 'x', '', '## Example', '', '<a id="glossary"></a>', '', '[a](#example-1) [b](#glossary)', ''].join('\n');
      expect(findings('broken-link', md)).toEqual([]);
    });

    it('never checks external URLs', () => {
      const md = withLine('[a](https://example.com/missing) [b](http://localhost/x) [c](mailto:a@example.com) [d](//cdn.example.com/x.png)');
      expect(findings('broken-link', md)).toEqual([]);
    });

    it('ignores a text-fragment link and an empty fragment', () => {
      expect(findings('broken-link', withLine('[quote](#:~:text=letter) [top](#)'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a missing local file, saying where it looked', () => {
      expect(findings('broken-link', withLine('See [the notes](notes.md).'))).toEqual([
        { line: 9, column: 5, message: 'Link target "notes.md" does not exist (looked for content/notes.md)' },
      ]);
    });

    it('reports a missing image', () => {
      expect(findings('broken-link', withLine('![Diagram of B](images/b.png)'), { existing: ['images/a.png'] })).toEqual([
        { line: 9, column: 1, message: 'Image target "images/b.png" does not exist (looked for content/images/b.png)' },
      ]);
    });

    it('resolves links from the file’s own folder', () => {
      expect(findings('broken-link', withLine('![Diagram of A](images/a.png)'), { name: 'part/q.md', existing: ['images/a.png'] })).toEqual([
        { line: 9, column: 1, message: 'Image target "images/a.png" does not exist (looked for content/part/images/a.png)' },
      ]);
      expect(findings('broken-link', withLine('![Diagram of A](../images/a.png)'), { name: 'part/q.md', existing: ['images/a.png'] })).toEqual([]);
    });

    it('reports a reference definition to a missing file', () => {
      expect(findings('broken-link', withLine('See [the notes][notes].\n\n[notes]: notes.md'))).toEqual([
        { line: 11, column: 1, message: 'Link target "notes.md" does not exist (looked for content/notes.md)' },
      ]);
    });

    it('reports an anchor that no heading produces', () => {
      expect(findings('broken-link', withLine('See [above](#missing) and [question 2](#2-what-is-c).'))).toEqual([
        { line: 9, column: 5, message: 'Link target "#missing" matches no heading in this file' },
        { line: 9, column: 27, message: 'Link target "#2-what-is-c" matches no heading in this file' },
      ]);
    });

    it('reports an anchor written the way other sites slug headings', () => {
      expect(findings('broken-link', withLine('[b](#what-is-b)'))).toEqual([
        { line: 9, column: 1, message: 'Link target "#what-is-b" matches no heading in this file' },
      ]);
    });
  });
});
