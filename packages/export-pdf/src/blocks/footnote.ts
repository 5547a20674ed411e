import type { FootnoteDefinition } from 'mdast';
import { open, within } from '../layout.js';
import { flow } from '../text.js';
import { COLOR, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/** A footnote: its label, then its blocks, in a `Note` element. */
export function footnoteDefinition(context: BlockContext, node: FootnoteDefinition): void {
  const element = open(context, 'Note');
  const inner = within(context, { parent: element });
  flow(inner, [{ text: `[${node.label ?? node.identifier}]` }], { size: SIZE.small, color: COLOR.muted });
  inner.blocks(inner, node.children);
  element.end();
}
