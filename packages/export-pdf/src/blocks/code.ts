import type { Code } from 'mdast';
import { FACES } from '../fonts.js';
import { artifact, atTop, mark, maxY, newPage, open } from '../layout.js';
import { COLOR, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

/** A code block: monospaced lines on a shaded box, split across pages between lines. */
export function code(context: BlockContext, node: Code): void {
  const doc = context.doc;
  const pad = SIZE.codePadding;
  const lines = expandTabs(node.value).replace(/\n+$/, '').split('\n');
  const innerWidth = context.width - 2 * pad;
  doc.font(FACES.mono).fontSize(SIZE.code);
  const oneLine = doc.currentLineHeight(true) + SIZE.codeLineGap;
  const heights = lines.map((line) =>
    doc.widthOfString(line) <= innerWidth ? oneLine : doc.heightOfString(line, { width: innerWidth, lineGap: SIZE.codeLineGap }),
  );
  const element = open(context, 'Code');
  let i = 0;
  while (i < lines.length) {
    const room = maxY() - doc.y - 2 * pad;
    if (room < heights[i]! && !atTop(doc)) {
      newPage(context);
      continue;
    }
    let j = i;
    let height = 0;
    while (j < lines.length && (j === i || height + heights[j]! <= room)) height += heights[j++]!;
    const x = context.x0;
    const y = doc.y;
    artifact(doc, () => doc.roundedRect(x, y, context.width, height + 2 * pad, 3).fill(COLOR.codeBg));
    const text = lines.slice(i, j).join('\n');
    doc.font(FACES.mono).fontSize(SIZE.code).fillColor(COLOR.text);
    mark(doc, element, 'Code', () =>
      doc.text(text, x + pad, y + pad, { width: innerWidth, lineGap: SIZE.codeLineGap, height: height + 1 }),
    );
    doc.x = context.x0;
    doc.y = y + height + 2 * pad;
    i = j;
    if (i < lines.length) newPage(context);
  }
  element.end();
}

/** Tabs to spaces, at stops of 4 columns. */
export function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
      return out;
    })
    .join('\n');
}
