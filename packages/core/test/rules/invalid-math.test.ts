import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

function answer(text: string): string {
  return `# 1. What is the loss?\n\n${text}\n`;
}

describe('invalid-math', () => {
  describe('valid', () => {
    it('accepts inline and display math that parses, and prices', () => {
      const md = answer(
        'The loss is $\\mathcal{L}_{CLM} = -\\sum_{i=1}^{n} \\log p(x_i \\mid x_{<i})$, at $5 a run.\n\n$$\n\\operatorname{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V\n$$\n\n```math\nf(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}\n```',
      );
      expect(findings('invalid-math', md)).toEqual([]);
    });

    it('accepts macros MathJax knows and KaTeX does not, and escaped dollars', () => {
      expect(findings('invalid-math', answer('$$\nE = mc^2 \\label{eq:energy}\n$$\n\nIt costs \\$10 with $HOME set.'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports an unknown macro at the macro', () => {
      expect(findings('invalid-math', answer('The loss is $\\frac{a}{b} + \\foo{x}$ here.'))).toEqual([
        { line: 3, column: 28, message: 'TeX does not parse: Undefined control sequence: \\foo' },
      ]);
    });

    it('reports an unbalanced brace in a display block, on its line', () => {
      expect(findings('invalid-math', answer('Then:\n\n$$\nx = 1\n+ y^{2\n$$'))).toEqual([
        { line: 7, column: 7, message: "TeX does not parse: Expected '}', got 'EOF'" },
      ]);
    });

    it('reports a fenced math block that does not parse', () => {
      expect(findings('invalid-math', answer('```math\n\\left( x\n```'))).toEqual([
        { line: 4, column: 9, message: "TeX does not parse: Expected '\\right', got 'EOF'" },
      ]);
    });

    it('reports a `$` left open', () => {
      expect(findings('invalid-math', answer('The ratio $\\alpha / \\beta is what matters.'))).toEqual([
        { line: 3, column: 11, message: 'This `$` opens math that is never closed; close it with `$`, or write `\\$` for a dollar sign' },
      ]);
    });
  });

  describe('the same formula more than once (KaTeX is asked once, the verdict kept)', () => {
    it('reports each occurrence, at its own place', () => {
      expect(findings('invalid-math', answer('First $\\foo$ and then $\\foo$.\n\nAgain: $\\foo$'))).toEqual([
        { line: 3, column: 8, message: 'TeX does not parse: Undefined control sequence: \\foo' },
        { line: 3, column: 24, message: 'TeX does not parse: Undefined control sequence: \\foo' },
        { line: 5, column: 9, message: 'TeX does not parse: Undefined control sequence: \\foo' },
      ]);
    });

    it('keeps apart the verdicts of inline and display math (\\tag is for display only)', () => {
      expect(findings('invalid-math', answer('Inline $\\tag{1} x$.\n\n$$\n\\tag{1} x\n$$\n\nInline again $\\tag{1} x$.'))).toEqual([
        { line: 3, column: 9, message: 'TeX does not parse: \\tag works only in display equations' },
        { line: 9, column: 15, message: 'TeX does not parse: \\tag works only in display equations' },
      ]);
    });

    it('keeps apart the verdicts under different macros options', () => {
      const md = answer('It is $\\myop x$.');
      const withMacros = (macros: string[]) => ({ config: { rules: { 'invalid-math': { options: { macros } } } } });
      expect(findings('invalid-math', md, withMacros(['\\myop']))).toEqual([]);
      expect(findings('invalid-math', md, withMacros([]))).toEqual([{ line: 3, column: 8, message: 'TeX does not parse: Undefined control sequence: \\myop' }]);
      expect(findings('invalid-math', md, withMacros(['\\myop']))).toEqual([]);
    });
  });
});
