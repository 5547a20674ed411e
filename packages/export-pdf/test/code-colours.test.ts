import { describe, expect, it } from 'vitest';
import { exportPdf } from '../src/index.js';
import { colourLines, inkOf } from '../src/blocks/code-colours.js';
import { COLOR } from '../src/theme.js';
import { inkedText, type InkedText } from '../../../test/support/pdf.js';
import { corpusOf, DATE } from './helpers.js';

const MARKDOWN = `# 1. How is a VAE's loss computed?

\`\`\`python
def vae_loss(recon, target, mu, log_var):
    kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())  # closed form
    return recon + kl
\`\`\`

# 2. And without a language?

\`\`\`
def plain_loss(recon, target):
    return recon + target
\`\`\`
`;

/** The operators that draw the lines of a block, from the one that starts with `first` to the one that ends with `last`. */
function block(ops: readonly InkedText[], first: string, last: string): InkedText[] {
  const start = ops.findIndex((op) => op.text.startsWith(first));
  const end = ops.findIndex((op, i) => i >= start && op.text.trimEnd().endsWith(last));
  expect(start, `a text operator starting with ${first}`).toBeGreaterThanOrEqual(0);
  expect(end, `a text operator ending with ${last}`).toBeGreaterThanOrEqual(start);
  return ops.slice(start, end + 1);
}

describe('code in the PDF, highlighted as on the card', () => {
  it('draws a Python block’s keywords in another colour than its identifiers, read back with pdf.js', async () => {
    const ops = await inkedText(await exportPdf(corpusOf(MARKDOWN), { assets: new Map(), date: DATE }));
    const python = block(ops, 'def', 'kl');
    const fill = (text: string) => python.filter((op) => op.text.trim() === text).map((op) => op.fill);
    expect(fill('def')).toEqual(['#cf222e']);
    expect(fill('return')).toEqual(['#cf222e']);
    expect(fill('vae_loss')).toEqual(['#6639ba']); // the function's name, a title
    expect(python.find((op) => op.text.includes('recon + kl'))?.fill).toBe(COLOR.text); // identifiers are plain
    expect(python.find((op) => op.text.includes('# closed form'))?.fill).toBe('#57606a');
    // Every character of the block is drawn once: the operators' texts are its lines.
    expect(python.map((op) => op.text).join('')).toBe(
      'def vae_loss(recon, target, mu, log_var):' +
        '    kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())  # closed form' +
        '    return recon + kl',
    );
  });

  it('draws a block without a language in one colour (its language is not guessed)', async () => {
    const ops = await inkedText(await exportPdf(corpusOf(MARKDOWN), { assets: new Map(), date: DATE }));
    const plain = block(ops, 'def plain_loss', 'recon + target');
    expect(plain.map((op) => op.text.trim())).toEqual(['def plain_loss(recon, target):', 'return recon + target']);
    expect(new Set(plain.map((op) => op.fill))).toEqual(new Set([COLOR.text]));
  });
});

describe('print colours', () => {
  it('has every token colour at least 4.5:1 against the code box (WCAG AA), so none is pale', () => {
    for (const scope of ['comment', 'keyword', 'string', 'number', 'title', 'built_in', 'deletion']) {
      expect(contrast(inkOf([scope])!.color, COLOR.codeBg), scope).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps keywords apart from identifiers in greyscale: bold, and a lighter grey', () => {
    const keyword = inkOf(['keyword'])!;
    expect(keyword.bold).toBe(true);
    expect(luminance(keyword.color) - luminance(COLOR.text)).toBeGreaterThan(0.1);
  });

  it('splits the runs of a wrapped line at its pieces, the continuation’s indent plain', () => {
    const source = 'x = call(first_argument, second)';
    const lines = [{ text: 'x = call(' }, { text: '  first_argument, second)', mark: 0 }];
    const segments = colourLines('python', source, lines, (mark) => mark + 2)!;
    expect(segments.map((line) => line.map((s) => s.text).join(''))).toEqual(lines.map((l) => l.text));
    expect(segments[1]![0]).toEqual({ text: '  ' });
    expect(colourLines(undefined, source, lines, (mark) => mark + 2)).toBeUndefined();
    expect(colourLines('math', source, lines, (mark) => mark + 2)).toBeUndefined();
  });
});

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
