import type { Code } from 'mdast';
import type { InlineMath, Math as MathBlock } from 'mdast-util-math';
import { ensure, mark, open } from '../layout.js';
import { drawFormula } from '../math/draw.js';
import { typeset, type TypesetMath } from '../math/tex.js';
import { flowRuns } from '../text.js';
import { COLOR, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/** Displayed math is set a little larger than the text, as TeX sets it. */
const DISPLAY_SIZE = SIZE.body * 1.1;

/**
 * Displayed math (`$$…$$`, a ```math block, or Anki's `\[…\]` in a paragraph): typeset by MathJax as vector graphics,
 * centred in the column (scaled down if wider), tagged as a `Formula` whose alternative
 * text is the TeX. TeX that does not parse (invalid-math reports it) prints as written.
 */
export function displayMath(context: BlockContext, node: MathBlock | Code | InlineMath): void {
  const doc = context.doc;
  let formula: TypesetMath;
  try {
    formula = typeset(node.value, true, DISPLAY_SIZE);
  } catch {
    flowRuns(context, [{ text: node.value, mono: true }], { color: COLOR.text, structType: 'P' });
    return;
  }
  const scale = Math.min(1, context.width / formula.width);
  const width = formula.width * scale;
  const height = formula.height * scale;
  const pad = 3;
  ensure(context, height + 2 * pad);
  const x = context.x0 + (context.width - width) / 2;
  const y = doc.y + pad;
  const element = open(context, 'Formula', { alt: node.value, bbox: [x, y, x + width, y + height], placement: 'Block' });
  mark(doc, element, 'Formula', () => drawFormula(doc, formula, x, y, scale));
  element.end();
  doc.x = context.x0;
  doc.y = y + height + pad;
}
