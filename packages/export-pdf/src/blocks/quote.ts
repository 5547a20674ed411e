import type { Blockquote } from 'mdast';
import { ensure, indented, lineHeight, open, within } from '../layout.js';
import { SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/** A block quote: its blocks indented, with a bar down the left that follows it across pages. */
export function blockquote(context: BlockContext, node: Blockquote): void {
  const doc = context.doc;
  const element = open(context, 'BlockQuote');
  const outer = within(context, { parent: element });
  ensure(outer, lineHeight());
  const bar = context.pages.openBar(context.x0 + 2);
  const inner = indented(outer, SIZE.quoteIndent, { blockGap: SIZE.blockGap });
  doc.x = inner.x0;
  inner.blocks(inner, node.children);
  doc.x = context.x0;
  context.pages.closeBar(bar);
  element.end();
}
