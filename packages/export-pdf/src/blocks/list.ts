import type { List } from 'mdast';
import { FACES } from '../fonts.js';
import { inlineRuns, isTextParagraph } from '../inline.js';
import { ensure, gap, indented, lineHeight, mark, open } from '../layout.js';
import { textAt } from '../pdfkit/internals.js';
import { flowRuns } from '../text.js';
import { COLOR, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

const BULLETS = ['•', '◦', '▪'];

/** A list: labels right-aligned in a gutter, each item's blocks in the indented column. */
export function list(context: BlockContext, node: List): void {
  const doc = context.doc;
  const ordered = node.ordered === true;
  const start = node.start ?? 1;
  doc.font(FACES.sans).fontSize(SIZE.body);
  const labels = node.children.map((item, i) => {
    if (typeof item.checked === 'boolean') return item.checked ? '☑' : '☐';
    if (ordered) return `${start + i}.`;
    return BULLETS[Math.min(context.listDepth, 2)]!;
  });
  const labelWidth = Math.max(SIZE.listIndent, ...labels.map((l) => doc.widthOfString(l) + 7));
  const tight = node.spread !== true && node.children.every((item) => item.spread !== true);
  const itemGap = tight ? SIZE.tightGap : SIZE.blockGap;
  const element = open(context, 'L');
  node.children.forEach((item, i) => {
    if (i > 0) gap(context, itemGap);
    const li = doc.struct('LI');
    element.add(li);
    ensure(context, lineHeight());
    const label = labels[i]!;
    const y = doc.y;
    doc.font(FACES.sans).fontSize(SIZE.body).fillColor(ordered ? COLOR.text : COLOR.muted);
    const labelX = context.x0 + labelWidth - 6 - doc.widthOfString(label);
    const drawLabel = (): void => void textAt(doc, label, labelX, y);
    if (ordered || typeof item.checked === 'boolean') {
      // A number or a task's box says something: it is the item's Lbl.
      const lbl = doc.struct('Lbl');
      li.add(lbl);
      mark(doc, lbl, 'Lbl', drawLabel);
      lbl.end();
    } else {
      // A bullet says nothing the LI does not: an artifact, and the LI holds only its LBody.
      doc.markContent('Artifact');
      drawLabel();
      doc.endMarkedContent();
    }
    const body = doc.struct('LBody');
    li.add(body);
    const inner = indented(context, labelWidth, { parent: body, listDepth: context.listDepth + 1, blockGap: itemGap });
    doc.x = inner.x0;
    doc.y = y;
    const only = item.children.length === 1 ? item.children[0] : undefined;
    if (only?.type === 'paragraph' && isTextParagraph(only.children)) {
      // An item of one paragraph (most of them): its text belongs to the LBody itself, one
      // element fewer per item in the tag tree (LBody may hold content directly).
      flowRuns(inner, inlineRuns(only.children, inner.inline).runs, { structElement: body });
    } else inner.blocks(inner, item.children);
    doc.x = context.x0;
    body.end();
    li.end();
  });
  element.end();
}
