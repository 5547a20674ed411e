import type { Paragraph, PhrasingContent } from 'mdast';
import { inlineRuns, isFigureParagraph } from '../inline.js';
import { gap } from '../layout.js';
import { flowRuns } from '../text.js';
import { SIZE } from '../theme.js';
import type { BlockContext } from './context.js';
import { figure } from './figure.js';
import { displayMath } from './math.js';

/**
 * A paragraph: one flowing text; a paragraph of images only is a column of captioned figures.
 * Anki's displayed math, `\[…\]`, is displayed (centred, in display style) where it stands,
 * the text before and after it flowing above and below.
 */
export function paragraph(context: BlockContext, node: Paragraph): void {
  if (!node.children.some(isDisplayed)) return text(context, node.children);
  let pending: PhrasingContent[] = [];
  let first = true;
  const flush = (): void => {
    if (pending.some((c) => c.type !== 'text' || c.value.trim() !== '')) {
      if (!first) gap(context, context.blockGap);
      first = false;
      text(context, pending);
    }
    pending = [];
  };
  for (const child of node.children) {
    if (!isDisplayed(child)) {
      pending.push(child);
      continue;
    }
    flush();
    if (!first) gap(context, context.blockGap);
    first = false;
    displayMath(context, child);
  }
  flush();
}

/** `\[…\]` (core marks it `math-display`; `$…$` and `\(…\)` are inline). */
function isDisplayed(node: PhrasingContent): node is Extract<PhrasingContent, { type: 'inlineMath' }> {
  if (node.type !== 'inlineMath') return false;
  const data: unknown = node.data;
  const classes = (data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return Array.isArray(classes) && classes.includes('math-display');
}

function text(context: BlockContext, children: readonly PhrasingContent[]): void {
  if (isFigureParagraph(children)) {
    let first = true;
    for (const child of children) {
      if (child.type !== 'image' && child.type !== 'imageReference') continue;
      if (!first) gap(context, SIZE.blockGap);
      first = false;
      figure(context, child, true);
    }
    return;
  }
  const { runs, images } = inlineRuns(children, context.inline);
  flowRuns(context, runs, { structType: 'P' });
  // Images inside text follow the paragraph, without a caption (their alt text is in it).
  for (const image of images) {
    gap(context, SIZE.blockGap);
    figure(context, image, false);
  }
}
