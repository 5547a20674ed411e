import type { Paragraph } from 'mdast';
import { inlineRuns, isFigureParagraph } from '../inline.js';
import { gap } from '../layout.js';
import { flowRuns } from '../text.js';
import { SIZE } from '../theme.js';
import type { BlockContext } from './context.js';
import { figure } from './figure.js';

/** A paragraph: one flowing text; a paragraph of images only is a column of captioned figures. */
export function paragraph(context: BlockContext, node: Paragraph): void {
  if (isFigureParagraph(node.children)) {
    let first = true;
    for (const child of node.children) {
      if (child.type !== 'image' && child.type !== 'imageReference') continue;
      if (!first) gap(context, SIZE.blockGap);
      first = false;
      figure(context, child, true);
    }
    return;
  }
  const { runs, images } = inlineRuns(node.children, context.inline);
  flowRuns(context, runs, { structType: 'P' });
  // Images inside text follow the paragraph, without a caption (their alt text is in it).
  for (const image of images) {
    gap(context, SIZE.blockGap);
    figure(context, image, false);
  }
}
