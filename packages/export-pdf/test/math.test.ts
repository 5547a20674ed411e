import { describe, expect, it } from 'vitest';
import { exportPdf } from '../src/index.js';
import { typeset } from '../src/math/tex.js';
import { readPdf } from '../../../test/support/pdf.js';
import { cleanup, corpusOf, DATE, deref, needs, qpdfJson, structElements, tempFile, text } from './helpers.js';
import { afterAll } from 'vitest';

const MARKDOWN = `# 1. What does a causal language model minimise?

The loss is $\\mathcal{L} = -\\sum_{i=1}^{n} \\log p(x_i \\mid x_{<i})$ over the tokens.

$$
\\frac{1}{N} \\sum_{i=1}^{N} x_i
$$

\`\`\`math
f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}
\`\`\`

A broken one: $\\foo{x}$.
`;

/** The tag tree's elements of one role, with their alternative text, depth first. */
function elements(node: unknown, role: string, out: Array<{ alt?: string }> = []): Array<{ alt?: string }> {
  if (node && typeof node === 'object') {
    const n = node as { role?: string; alt?: string; children?: unknown[] };
    if (n.role === role) out.push({ alt: n.alt });
    for (const child of n.children ?? []) elements(child, role, out);
  }
  return out;
}

describe('math in the guide', () => {
  it('typesets TeX with MathJax: sized in points, the baseline known, an error for TeX that does not parse', () => {
    const inline = typeset('x_i^2', false, 10);
    expect(inline.svg).toMatch(/^<svg [^>]*viewBox="/);
    expect(inline.svg).not.toMatch(/<use|<text/);
    expect(inline.width).toBeGreaterThan(5);
    expect(inline.width).toBeLessThan(20);
    expect(inline.depth).toBeGreaterThan(0);
    expect(inline.depth).toBeLessThan(inline.height);
    expect(typeset('x_i^2', false, 20).width).toBeCloseTo(inline.width * 2, 5);
    expect(() => typeset('\\foo{x}', false, 10)).toThrow('Undefined control sequence \\foo');
  });

  it('draws formulas, not TeX: none in the text layer, each a Formula with its TeX as alt text (pdf.js)', async () => {
    const read = await readPdf(await exportPdf(corpusOf(MARKDOWN), { assets: new Map(), date: DATE }));
    const text = read.text.join(' ');
    expect(text).toContain('The loss is');
    expect(text).toContain('over the tokens.');
    expect(text).not.toMatch(/\\mathcal|\\frac|\\sum|\$\$|\\begin/);
    // TeX that does not parse is printed as written (and reported by invalid-math).
    expect(text).toContain('\\foo{x}');
    const formulas = read.structure.flatMap((page) => elements(page, 'Formula'));
    expect(formulas.map((f) => f.alt)).toEqual([
      '\\mathcal{L} = -\\sum_{i=1}^{n} \\log p(x_i \\mid x_{<i})',
      '\\frac{1}{N} \\sum_{i=1}^{N} x_i',
      'f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}',
    ]);
  });
});

describe('inline math at the end of a line', () => {
  const UPDATE = '$\\theta_{t+1} = \\theta_t - \\eta_t \\left( \\hat{m}_t / (\\sqrt{\\hat{v}_t} + \\epsilon) + \\lambda \\theta_t \\right)$';
  const OTHERS = '$\\beta_1 = 0.9$, $\\beta_2 = 0.95$ and weight decay $\\lambda = 0.1$';

  /** How many paths the pages draw (pdf.js operator list): each glyph of a formula is one. */
  async function paths(markdown: string): Promise<number> {
    const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const bytes = await exportPdf(corpusOf(markdown), { assets: new Map(), date: DATE });
    const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
    let count = 0;
    for (let n = 1; n <= document.numPages; n++) {
      const list = await (await document.getPage(n)).getOperatorList();
      count += list.fnArray.filter((fn) => fn === OPS.constructPath).length;
    }
    await document.destroy();
    return count;
  }

  it('draws a formula that moves to the next line once, there (not also at the end of the line before)', async () => {
    // The same formulas; in the first text the long one does not fit after "update is".
    const wrapped = await paths(`# 1. What is AdamW's update?\n\nWith ${OTHERS}, AdamW's update is ${UPDATE}.\n`);
    const unwrapped = await paths(`# 1. What is AdamW's update?\n\n${UPDATE} is AdamW's update, with ${OTHERS}.\n`);
    expect(wrapped).toBe(unwrapped);
  });
});

describe("Anki's displayed math, \\[…\\], in a paragraph", () => {
  const qpdf = needs('qpdf');
  afterAll(cleanup);
  const TEX = '\n\\mathcal{L}_{DPO} = -\\log \\sigma\\left(\\beta \\log \\frac{\\pi_\\theta(y_w \\mid x)}{\\pi_{ref}(y_w \\mid x)}\\right)\n';
  const MD = `# 1. What is the DPO loss?\n\nFor a preference pair:\n\\[${TEX}\\]\nwith $\\beta$ a temperature.\n`;

  it.skipIf(qpdf.skip)(`is displayed: a Formula of Block placement, centred in the column, the text before and after it paragraphs of their own (qpdf)${qpdf.reason}`, async () => {
    const pdf = tempFile('anki-display.pdf', await exportPdf(corpusOf(MD), { assets: new Map(), date: DATE }));
    const json = qpdfJson(pdf);
    const formulas = structElements(json, '/Formula').map((f) => ({ alt: text(f['/Alt']), attributes: deref(json, f['/A']) as Record<string, unknown> | undefined }));
    const display = formulas.find((f) => f.alt === TEX);
    expect(display?.attributes?.['/Placement']).toBe('/Block');
    const [x0, , x1] = display!.attributes!['/BBox'] as number[];
    // The column runs from 66 to 595.28 - 66 points: its centre is the page's.
    expect(Math.abs((x0! + x1!) / 2 - 595.28 / 2)).toBeLessThan(0.5);
    const paragraphs = structElements(json, '/P').length;
    expect(paragraphs).toBeGreaterThanOrEqual(2);
    const report = await readPdf(await exportPdf(corpusOf(MD), { assets: new Map(), date: DATE }));
    expect(report.text.join(' ')).toContain('For a preference pair:');
    expect(report.text.join(' ')).toContain('with a temperature.');
    expect(report.text.join(' ')).not.toContain('\\frac');
  });
});
