import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '@genai-qa/core';
import type { Paragraph } from 'mdast';
import { parse } from './helpers.js';

/** The first paragraph's children, as type and value (math) or text. */
function inline(markdown: string): Array<[string, string]> {
  const paragraph = parseMarkdown(markdown).children.find((c): c is Paragraph => c.type === 'paragraph')!;
  return paragraph.children.map((c) => [c.type, 'value' in c ? c.value : '']);
}

describe("Anki's math delimiters, \\(…\\) and \\[…\\]", () => {
  it('reads an inline formula in one text as math, the TeX as written', () => {
    expect(inline('Costs \\(O(n^2)\\) time.\n')).toEqual([
      ['text', 'Costs '],
      ['inlineMath', 'O(n^2)'],
      ['text', ' time.'],
    ]);
  });

  it('undoes the emphasis that underscores inside the TeX made, and keeps the TeX exactly', () => {
    const tex = '\n\\mathcal{L}_{DPO} = -\\log \\sigma\\left(\\beta \\log \\frac{\\pi_\\theta(y_w \\mid x)}{\\pi_{ref}(y_w \\mid x)}\\right)\n';
    expect(inline(`The loss:\n\\[${tex}\\]\nfor a pair \\(y_w, y_l\\).\n`)).toEqual([
      ['text', 'The loss:\n'],
      ['inlineMath', tex],
      ['text', '\nfor a pair '],
      ['inlineMath', 'y_w, y_l'],
      ['text', '.'],
    ]);
  });

  it('keeps the positions of the formula and of the text after it', () => {
    const md = '# 1. Q?\n\nSee *this* \\(a_1 + b_1 = c_1\\) and `code`.\n';
    const paragraph = parse(md).questions[0]!.nodes[0] as Paragraph;
    const math = paragraph.children.find((c) => c.type === 'inlineMath')!;
    expect(math.position).toMatchObject({ start: { line: 3, column: 12, offset: 20 }, end: { line: 3, column: 31, offset: 39 } });
    expect(md.slice(20, 39)).toBe('\\(a_1 + b_1 = c_1\\)');
    expect(paragraph.children.map((c) => c.type)).toEqual(['text', 'emphasis', 'text', 'inlineMath', 'text', 'inlineCode', 'text']);
  });

  it('leaves a delimiter inside inline code alone', () => {
    expect(inline('Write `\\(x\\)` for math.\n')).toEqual([
      ['text', 'Write '],
      ['inlineCode', '\\(x\\)'],
      ['text', ' for math.'],
    ]);
  });

  it('shows the formula in answer.html with the TeX intact, no <em>', () => {
    const md = '# 1. What is DPO?\n\n\\[\n\\mathcal{L}_{DPO} = \\pi_\\theta\n\\]\n';
    const html = parse(md).questions[0]!.html;
    expect(html).toBe('<p><code class="language-math math-display">\n\\mathcal{L}_{DPO} = \\pi_\\theta\n</code></p>');
  });
});
