import SVGtoPDF from 'svg-to-pdfkit';
import type { Doc } from '../layout.js';
import { COLOR } from '../theme.js';
import type { TypesetMath } from './tex.js';

/** Draws a typeset formula as vector graphics with its top-left corner at (x, y). */
export function drawFormula(doc: Doc, formula: TypesetMath, x: number, y: number, scale = 1, color: string = COLOR.text): void {
  doc.save();
  doc.translate(x, y).scale(scale);
  try {
    // MathJax paints in `currentColor`: the text's colour here.
    SVGtoPDF(doc, formula.svg.replace(/currentColor/g, color), 0, 0, {
      width: formula.width,
      height: formula.height,
      preserveAspectRatio: 'xMidYMid meet',
      documentCallback: () => [],
      imageCallback: () => new Uint8Array(0),
      warningCallback: () => {},
    });
  } finally {
    doc.restore();
  }
}
