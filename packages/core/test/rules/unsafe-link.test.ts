import { lintFiles } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { findings, only, parse, virtualHost } from '../helpers.js';

/** One question whose answer is `line` (line 3). */
function answer(line: string): string {
  return `# 1. Where is the diagram?\n\n${line}\n`;
}

/** Lints with symlinks in the content root: `{ 'img/link.png': '/etc/passwd' }`. */
function withSymlinks(markdown: string, symlinks: Record<string, string>, existing: string[] = []) {
  const host = virtualHost(['q.md', ...existing], symlinks);
  return lintFiles([parse(markdown)], { config: only('unsafe-link'), host }).map((d) => ({
    line: d.line,
    column: d.column,
    message: d.message,
  }));
}

describe('unsafe-link', () => {
  describe('valid', () => {
    it('accepts web, mail and relative links inside the root', () => {
      const md = answer('[a](https://example.com) [b](mailto:a@example.com) [c](images/a.png) [d](./part/../q.md) [e](#1-where-is-the-diagram)');
      expect(findings('unsafe-link', md)).toEqual([]);
    });

    it('accepts a file whose name merely starts with "javascript"', () => {
      expect(findings('unsafe-link', answer('[notes](javascript.md)'))).toEqual([]);
    });

    it('accepts a symlink that stays inside the root', () => {
      const md = answer('![Diagram](img/alias.png)');
      expect(withSymlinks(md, { 'img/alias.png': '/content/images/a.png' }, ['images/a.png'])).toEqual([]);
    });

    it('leaves missing files to broken-link', () => {
      expect(findings('unsafe-link', answer('![Diagram](images/missing.png)'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a javascript: link', () => {
      expect(findings('unsafe-link', answer('[Click](javascript:alert(1))'))).toEqual([
        { line: 3, column: 1, message: 'Link uses a javascript: URL, which is never allowed' },
      ]);
    });

    it('sees through mixed case, spaces, tabs and control characters, as browsers do', () => {
      const md = answer('[a](< JaVaScRiPt:alert(1)>) [b](<java&#9;script:alert(1)>) [c](<\u0001java script:alert(1)>)');
      expect(findings('unsafe-link', md)).toEqual([
        { line: 3, column: 1, message: 'Link uses a javascript: URL, which is never allowed' },
        { line: 3, column: 29, message: 'Link uses a javascript: URL, which is never allowed' },
        { line: 3, column: 60, message: 'Link uses a javascript: URL, which is never allowed' },
      ]);
    });

    it('reports data:, file: and vbscript: URLs', () => {
      const md = answer('![Diagram](data:image/png;base64,AAAA) [b](file:///etc/passwd) [c](vbscript:msgbox)');
      expect(findings('unsafe-link', md)).toEqual([
        { line: 3, column: 1, message: 'Image uses a data: URL, which is never allowed' },
        { line: 3, column: 40, message: 'Link uses a file: URL, which is never allowed' },
        { line: 3, column: 64, message: 'Link uses a vbscript: URL, which is never allowed' },
      ]);
    });

    it('reports a relative path that climbs out of the content root', () => {
      expect(findings('unsafe-link', answer('[secret](../../etc/passwd)'))).toEqual([
        { line: 3, column: 1, message: 'Link target "../../etc/passwd" leaves the content root' },
      ]);
    });

    it('decodes percent-encoded dots before resolving', () => {
      expect(findings('unsafe-link', answer('[secret](%2e%2e/secret.md)'))).toEqual([
        { line: 3, column: 1, message: 'Link target "../secret.md" leaves the content root' },
      ]);
    });

    it('reports an absolute path', () => {
      expect(findings('unsafe-link', answer('[secret](/etc/passwd)'))).toEqual([
        { line: 3, column: 1, message: 'Link target "/etc/passwd" is an absolute path' },
      ]);
    });

    it('reports a Windows absolute path (not a URL scheme)', () => {
      expect(findings('unsafe-link', answer('![Diagram](C:/Users/me/diagram.png) [b](<d:\\secret.txt>)'))).toEqual([
        { line: 3, column: 1, message: 'Image target "C:/Users/me/diagram.png" is an absolute path' },
        { line: 3, column: 37, message: 'Link target "d:\\secret.txt" is an absolute path' },
      ]);
    });

    it('reports a reference definition', () => {
      expect(findings('unsafe-link', answer('[Click][x]\n\n[x]: javascript:alert(1)'))).toEqual([
        { line: 5, column: 1, message: 'Link uses a javascript: URL, which is never allowed' },
      ]);
    });

    it('reports a symlink inside the root that points outside it', () => {
      const md = answer('![Diagram](img/link.png)');
      expect(withSymlinks(md, { 'img/link.png': '/etc/passwd' })).toEqual([
        { line: 3, column: 1, message: 'Image target "img/link.png" is a symlink that leaves the content root' },
      ]);
    });

    it('reports a file inside a symlinked folder that points outside the root', () => {
      const md = answer('![Diagram](img/a.png)');
      expect(withSymlinks(md, { img: '/home/me/pictures', 'img/a.png': '/home/me/pictures/a.png' })).toEqual([
        { line: 3, column: 1, message: 'Image target "img/a.png" is a symlink that leaves the content root' },
      ]);
    });
  });
});
