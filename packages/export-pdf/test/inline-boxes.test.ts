// The inline-box patch of src/pdfkit/internals.ts (inline math): pdfkit's private `_fragment`
// and `_font.ascender` are still there, and a box is drawn once, where pdfkit places its
// stand-in, on the baseline. A pdfkit upgrade that moves them fails here first.
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { fontFiles } from '../src/fonts.js';
import { drawInlineBoxes } from '../src/pdfkit/internals.js';

describe('drawInlineBoxes', () => {
  it('relies on _fragment and _font.ascender, which pdfkit still has', () => {
    const doc = new PDFDocument({ autoFirstPage: true, font: fontFiles().get('sans') as Buffer });
    expect(typeof (doc as unknown as { _fragment?: unknown })._fragment).toBe('function');
    expect(typeof (doc as unknown as { _font?: { ascender?: unknown } })._font?.ascender).toBe('number');
  });

  it('draws a box where pdfkit puts its stand-in, on the baseline, as wide as the stretched space', () => {
    const doc = new PDFDocument({ autoFirstPage: true, font: fontFiles().get('sans') as Buffer });
    drawInlineBoxes(doc);
    doc.fontSize(10);
    const calls: Array<[number, number]> = [];
    const space = doc.widthOfString('\u00a0');
    const before = doc.widthOfString('The loss is ');
    doc.text('The loss is ', 72, 100, { continued: true, width: 400 });
    doc.text('\u00a0', { continued: true, characterSpacing: 40 - space, inlineBox: { draw: (x: number, baseline: number) => calls.push([x, baseline]) } } as PDFKit.Mixins.TextOptions);
    const afterX: number[] = [];
    const fragment = (doc as unknown as { _fragment: (t: string, x: number, y: number, o: object) => void })._fragment;
    (doc as unknown as { _fragment: typeof fragment })._fragment = (t, x, y, o) => {
      afterX.push(x);
      fragment(t, x, y, o);
    };
    doc.text(' over the tokens.', { characterSpacing: 0, inlineBox: null } as PDFKit.Mixins.TextOptions);
    expect(calls).toHaveLength(1);
    const [x, baseline] = calls[0]!;
    expect(x).toBeCloseTo(72 + before, 3);
    const ascender = (doc as unknown as { _font: { ascender: number } })._font.ascender;
    expect(baseline).toBeCloseTo(100 + (ascender / 1000) * 10, 3);
    // The text after the box starts 40 points after the box's left edge.
    expect(afterX[0]).toBeCloseTo(x + 40, 3);
  });
});
