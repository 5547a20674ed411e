import type { ThematicBreak } from 'mdast';
import { artifact, ensure } from '../layout.js';
import { COLOR } from '../theme.js';
import type { BlockContext } from './context.js';

/** A thematic break: a thin rule across the column (decoration, not content). */
export function thematicBreak(context: BlockContext, _node: ThematicBreak): void {
  const doc = context.doc;
  ensure(context, 10);
  const y = doc.y + 4;
  artifact(doc, () => doc.moveTo(context.x0, y).lineTo(context.x0 + context.width, y).lineWidth(0.8).strokeColor(COLOR.rule).stroke());
  doc.y = y + 5;
}
