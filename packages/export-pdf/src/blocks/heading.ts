import type { Heading, Nodes, Root } from 'mdast';
import { inlineRuns, runsText } from '../inline.js';
import { ensure, gap, lineHeight } from '../layout.js';
import { flowRuns, measure } from '../text.js';
import { KEEP_LINES, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/** A heading inside an answer, sized by its level and kept with the first lines that follow it. */
export function heading(context: BlockContext, node: Heading): void {
  const level = context.headingLevels.get(node) ?? 3;
  const size = headingSize(level);
  const { runs } = inlineRuns(node.children, context.inline);
  const bolded = runs.map((r) => ({ ...r, bold: true }));
  const height = measure(context, runsText(runs), { size, bold: true });
  gap(context, 4);
  ensure(context, height + KEEP_LINES * lineHeight());
  flowRuns(context, bolded, { size, structType: `H${level}` });
  context.doc.y += 1;
}

/** The text size of a heading of tag level 3–6. */
export function headingSize(level: number): number {
  return SIZE.subheadings[Math.min(6, Math.max(3, level)) - 3]!;
}

/**
 * The tag level of every heading of an answer. The question is H2, so the answer's headings
 * start at H3, and each is one level below the nearest shallower heading before it: the tag
 * tree skips no level even when the Markdown does (`##` then `####` gives H3 then H4).
 * Deeper than H6 stays H6.
 */
export function headingLevels(tree: Root): Map<Heading, number> {
  const levels = new Map<Heading, number>();
  const open: Array<{ depth: number; level: number }> = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') {
      while (open.length > 0 && open[open.length - 1]!.depth >= node.depth) open.pop();
      const level = Math.min(6, (open[open.length - 1]?.level ?? 2) + 1);
      open.push({ depth: node.depth, level });
      levels.set(node, level);
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return levels;
}
