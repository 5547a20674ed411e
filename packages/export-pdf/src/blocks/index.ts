/** The block table: which module draws which kind of mdast block. */
import type { RootContent } from 'mdast';
import { plainText } from '../inline.js';
import { gap } from '../layout.js';
import { flow } from '../text.js';
import { code } from './code.js';
import type { BlockContext, BlockHandler } from './context.js';
import { heading } from './heading.js';
import { list } from './list.js';
import { displayMath } from './math.js';
import { paragraph } from './paragraph.js';
import { blockquote } from './quote.js';
import { thematicBreak } from './rule.js';
import { table } from './table.js';

type Handlers = { [K in RootContent['type']]?: BlockHandler<Extract<RootContent, { type: K }>> };

const HANDLERS: Handlers = {
  math: displayMath,
  paragraph,
  heading,
  list,
  code,
  blockquote,
  table,
  thematicBreak,
};

/**
 * Kinds that draw nothing where they are written: raw HTML is never rendered; definitions and
 * front matter are data; footnotes are drawn after the answer, numbered (blocks/footnote.ts).
 */
const SILENT = new Set<string>(['html', 'definition', 'yaml', 'footnoteDefinition']);

/** Draws blocks one below the other, `context.blockGap` apart. */
export function renderBlocks(context: BlockContext, nodes: readonly RootContent[]): void {
  let first = true;
  for (const node of nodes) {
    if (SILENT.has(node.type)) continue;
    if (!first) gap(context, context.blockGap);
    first = false;
    renderBlock(context, node);
  }
}

function renderBlock(context: BlockContext, node: RootContent): void {
  // A ```math block is displayed math, as GitHub shows it.
  if (node.type === 'code' && node.lang === 'math') return displayMath(context, node);
  const handler = HANDLERS[node.type] as BlockHandler<RootContent> | undefined;
  if (handler) return handler(context, node);
  // Anything else (a construct without a module yet) prints as its plain text.
  const text = plainText(node).trim();
  if (text) flow(context, [{ text }], {});
}
