import type { Heading } from 'mdast';
import { inlineRuns, runsText } from '../inline.js';
import { ensure, gap, lineHeight } from '../layout.js';
import { flowRuns, measure } from '../text.js';
import { KEEP_LINES, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/** A heading inside an answer, kept with the first lines that follow it. */
export function heading(context: BlockContext, node: Heading): void {
  const { runs } = inlineRuns(node.children, context.inline);
  const bolded = runs.map((r) => ({ ...r, bold: true }));
  const height = measure(context, runsText(runs), { size: SIZE.subheading, bold: true });
  gap(context, 4);
  ensure(context, height + KEEP_LINES * lineHeight());
  // The question is H2: answer headings start at H3.
  flowRuns(context, bolded, { size: SIZE.subheading, structType: `H${Math.min(6, Math.max(3, node.depth + 1))}` });
  context.doc.y += 1;
}
