import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

/** One question whose answer starts on line 3. */
function answer(text: string): string {
  return `# 1. How is it written?\n\n${text}\n`;
}

/** Severity, position and message, with the rule at its default severity (so reports may escalate it). */
function diagnostics(markdown: string, options?: Record<string, unknown>) {
  return lint(markdown, { config: only('raw-html', options ? { options } : undefined) }).map((d) => ({
    severity: d.severity,
    line: d.line,
    column: d.column,
    message: d.message,
  }));
}

describe('raw-html', () => {
  describe('valid', () => {
    it('accepts plain Markdown, autolinks and comparisons', () => {
      expect(findings('raw-html', answer('Use **bold**, <https://example.com> and a < b > c.'))).toEqual([]);
    });

    it('accepts genai-qa comments and ordinary HTML comments', () => {
      const md = answer('<!-- genai-qa tags="html" -->\n\n<!-- a note for editors: <script> is fine in here -->\n\nText <!-- inline note --> here.');
      expect(findings('raw-html', md)).toEqual([]);
    });

    it('accepts tags named in allow, in any case', () => {
      expect(findings('raw-html', answer('E = mc<sup>2</sup><BR>next'), { config: { rules: { 'raw-html': { options: { allow: ['br', 'sup'] } } } } })).toEqual([]);
    });

    it('accepts text that only looks like a tag (CommonMark does not read it as HTML)', () => {
      expect(findings('raw-html', answer('Not a tag: <img/src=x/onerror=alert(1)>'))).toEqual([]);
    });

    it('accepts HTML in code', () => {
      expect(findings('raw-html', answer('Write `<br>` or:\n\n```html\n<script>alert(1)</script>\n```'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('warns about a harmless tag such as <br> or <sup>, once per opening tag', () => {
      expect(diagnostics(answer('Line one<br>line two, E = mc<sup>2</sup>.'))).toEqual([
        { severity: 'warning', line: 3, column: 9, message: 'Raw HTML <br> is dropped by the Anki and PDF exports; use Markdown' },
        { severity: 'warning', line: 3, column: 29, message: 'Raw HTML <sup> is dropped by the Anki and PDF exports; use Markdown' },
      ]);
    });

    it('reports <script>, <style> and <iframe> as errors', () => {
      const md = answer('<script>alert(1)</script>\n\n<style>body { display: none }</style>\n\n<iframe src="https://example.com"></iframe>');
      expect(diagnostics(md)).toEqual([
        { severity: 'error', line: 3, column: 1, message: 'Raw <script> is not allowed: it can run code or change the page' },
        { severity: 'error', line: 5, column: 1, message: 'Raw <style> is not allowed: it can run code or change the page' },
        { severity: 'error', line: 7, column: 1, message: 'Raw <iframe> is not allowed: it can run code or change the page' },
      ]);
    });

    it('reports event-handler attributes as errors', () => {
      expect(diagnostics(answer('<img src="a.png" alt="A" onerror="alert(1)"> and <img src=x OnLoad=alert(1)>'))).toEqual([
        { severity: 'error', line: 3, column: 1, message: 'Event-handler attribute onerror= on <img> is not allowed' },
        { severity: 'error', line: 3, column: 50, message: 'Event-handler attribute onload= on <img> is not allowed' },
      ]);
    });

    it('reports javascript: and data: URLs in attributes as errors, however they are spelled', () => {
      const md = answer(
        [
          '<a href="javascript:alert(1)">a</a>',
          '<a href=" JavaScript:alert(1)">b</a>',
          '<a href="jav&#x61;script:alert(1)">c</a>',
          '<a href="java&#9;script:alert(1)">d</a>',
          '<img src="data:image/svg+xml;base64,AAAA" alt="e">',
        ].join('\n'),
      );
      const message = (tag: string) => `<${tag}> carries a script or data URL, which is not allowed`;
      expect(diagnostics(md)).toEqual([
        { severity: 'error', line: 3, column: 1, message: message('a') },
        { severity: 'error', line: 4, column: 1, message: message('a') },
        { severity: 'error', line: 5, column: 1, message: message('a') },
        { severity: 'error', line: 6, column: 1, message: message('a') },
        { severity: 'error', line: 7, column: 1, message: message('img') },
      ]);
    });

    it('reports each tag of an HTML block where it is', () => {
      const md = answer('<div>\n  <!-- the picture -->\n  <img src="a.png" alt="A" onerror="alert(1)">\n</div>');
      expect(diagnostics(md)).toEqual([
        { severity: 'warning', line: 3, column: 1, message: 'Raw HTML <div> is dropped by the Anki and PDF exports; use Markdown' },
        { severity: 'error', line: 5, column: 3, message: 'Event-handler attribute onerror= on <img> is not allowed' },
      ]);
    });

    it('reports tags of an HTML block inside a block quote at the start of the block', () => {
      const md = answer('> <div>\n> <img src="a.png" alt="A" onerror="alert(1)">\n> </div>');
      expect(diagnostics(md)).toEqual([
        { severity: 'warning', line: 3, column: 3, message: 'Raw HTML <div> is dropped by the Anki and PDF exports; use Markdown' },
        { severity: 'error', line: 3, column: 3, message: 'Event-handler attribute onerror= on <img> is not allowed' },
      ]);
    });

    it('does not let allow excuse a dangerous tag', () => {
      expect(diagnostics(answer('<script>alert(1)</script>'), { allow: ['script'] })).toEqual([
        { severity: 'error', line: 3, column: 1, message: 'Raw <script> is not allowed: it can run code or change the page' },
      ]);
    });

    it('uses the severity set in the config for every finding', () => {
      const md = answer('<script>alert(1)</script>');
      expect(lint(md, { config: only('raw-html', 'warning') }).map((d) => d.severity)).toEqual(['warning']);
    });

    it('reads tags as the HTML tokenizer does: named references, tags inside text-only elements, a tag cut off by a blank line', () => {
      const md = answer('<a href="javascript&colon;alert(1)">a</a>\n\n<textarea><script>alert(1)</script></textarea>\n\n<div\n\nMore.');
      expect(diagnostics(md)).toEqual([
        { severity: 'error', line: 3, column: 1, message: '<a> carries a script or data URL, which is not allowed' },
        { severity: 'warning', line: 5, column: 1, message: 'Raw HTML <textarea> is dropped by the Anki and PDF exports; use Markdown' },
        { severity: 'error', line: 5, column: 11, message: 'Raw <script> is not allowed: it can run code or change the page' },
        { severity: 'warning', line: 7, column: 1, message: 'Raw HTML <div> is dropped by the Anki and PDF exports; use Markdown' },
      ]);
    });

    it('reports a tag after a comment in the same HTML node', () => {
      expect(findings('raw-html', answer('<!-- note --><details>\n\nMore.\n\n</details>'))).toEqual([
        { line: 3, column: 14, message: 'Raw HTML <details> is dropped by the Anki and PDF exports; use Markdown' },
      ]);
    });
  });
});

describe('raw-html in a <details> layout', () => {
  it('leaves the questions’ own <details><summary> blocks alone, and reports HTML in the answers', () => {
    const md = '<details>\n<summary><b>What is a GAN?</b></summary>\n\nA <u>generative</u> model.\n\n</details>\n';
    expect(findings('raw-html', md)).toEqual([{ line: 4, column: 3, message: 'Raw HTML <u> is dropped by the Anki and PDF exports; use Markdown' }]);
  });

  it('leaves alone the <details><summary> that opens a list item question, not one inside its answer', () => {
    const md = '1. <details><summary>What is a GAN?</summary>\n\n   A model.\n\n   <details><summary>More</summary>\n\n   Two networks.\n\n   </details>\n   </details>\n\n2. <details><summary>What is a VAE?</summary>\n\n   An autoencoder.\n   </details>\n';
    expect(findings('raw-html', md)).toEqual([
      { line: 5, column: 4, message: 'Raw HTML <details> is dropped by the Anki and PDF exports; use Markdown' },
      { line: 5, column: 13, message: 'Raw HTML <summary> is dropped by the Anki and PDF exports; use Markdown' },
    ]);
  });

  it('still reports script in a summary', () => {
    const md = '<details>\n<summary>What is <script>x</script>?</summary>\n\nA model.\n\n</details>\n';
    expect(findings('raw-html', md).map((f) => f.message)).toEqual(['Raw <script> is not allowed: it can run code or change the page']);
  });
});
