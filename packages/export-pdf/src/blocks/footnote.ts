import type { FootnoteDefinition } from 'mdast';
import { gap, open, within } from '../layout.js';
import { flow } from '../text.js';
import { COLOR, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/**
 * The answer's footnotes, after its text and in the order of their numbers (those of
 * answer.html and the deck): each its number, then its blocks, in a `Note` element.
 */
export function footnotes(context: BlockContext, notes: readonly FootnoteDefinition[]): void {
  for (const note of notes) {
    gap(context, context.blockGap);
    footnoteDefinition(context, note);
  }
}

function footnoteDefinition(context: BlockContext, node: FootnoteDefinition): void {
  const element = open(context, 'Note');
  const inner = within(context, { parent: element });
  flow(inner, [{ text: `[${context.inline.footnote(node.identifier) ?? node.label ?? node.identifier}]` }], { size: SIZE.small, color: COLOR.muted });
  inner.blocks(inner, node.children);
  element.end();
}
