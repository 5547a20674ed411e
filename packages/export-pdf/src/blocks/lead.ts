import type { RootContent } from 'mdast';
import { FACES } from '../fonts.js';
import { isFigureParagraph, plainText, type ImageNode } from '../inline.js';
import { lineHeight } from '../layout.js';
import { widthOver } from '../pdfkit/internals.js';
import { measure } from '../text.js';
import { KEEP_LINES, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';
import { drawable } from './figure.js';
import { headingSize } from './heading.js';

/** How much of a block must fit below a heading: its first few lines, or all of a figure. */
export function leadHeight(context: BlockContext, node: RootContent | undefined): number {
  const lines = KEEP_LINES * lineHeight();
  if (!node) return 0;
  switch (node.type) {
    case 'paragraph': {
      if (isFigureParagraph(node.children)) {
        const image = node.children.find((c): c is ImageNode => c.type === 'image' || c.type === 'imageReference');
        const drawn = image ? drawable(context, image) : undefined;
        return drawn ? drawn.height : lines;
      }
      // A few lines' worth of text is enough to know whether it fills KEEP_LINES lines.
      const text = plainText(node).slice(0, 160 * KEEP_LINES);
      context.doc.font(FACES.sans).fontSize(SIZE.body);
      // Text wider than KEEP_LINES full lines wraps to at least KEEP_LINES lines. Its whole
      // words first: they are no wider than the text, and pdfkit has laid them out before,
      // where the word cut at the end would be a new word to shape.
      const words = text.slice(0, text.lastIndexOf(' ') + 1);
      if (widthOver(context.doc, words, KEEP_LINES * context.width)) return lines;
      if (widthOver(context.doc, text, KEEP_LINES * context.width)) return lines;
      return Math.min(measure(context, text || ' ', {}), lines);
    }
    case 'list':
      return leadHeight(context, node.children[0]?.children[0]);
    case 'blockquote':
      return leadHeight(context, node.children[0]);
    case 'code': {
      const codeLines = Math.min(KEEP_LINES, node.value.split('\n').length);
      return codeLines * (SIZE.code * 1.164 + SIZE.codeLineGap) + 2 * SIZE.codePadding;
    }
    case 'heading':
      return headingSize(context.headingLevels.get(node) ?? 3) * 1.164 + 4 + lines;
    case 'table':
      return 2 * (lineHeight() + 9);
    default:
      return lineHeight();
  }
}
