/**
 * The table of contents. Its size is known before the questions are laid out (`layoutContents`),
 * so that its pages can be reserved; it is drawn afterwards (`drawContents`), when every
 * question's page is known.
 */
import type { Corpus } from '@genai-qa/core';
import { mark, type Layout, type StructElement } from '../layout.js';
import { pdfString, textAt } from '../pdfkit/internals.js';
import type { Placement } from '../question.js';
import type { Destinations } from '../targets.js';
import { FACES } from '../fonts.js';
import { drawRuns, flow, measure, type FlowOptions } from '../text.js';
import { COLOR, MARGINS, PAGE_SIZE, SIZE } from '../theme.js';

export interface ContentsLayout {
  pages: number;
  /** One row per question: the contents page (0-based, from the first) and its box. */
  rows: Array<{ page: number; y: number; height: number }>;
}

const NUMBER_WIDTH = 30;
const HEADING_HEIGHT = SIZE.question * 1.2 * 1.164 + 18;

function textWidth(context: Layout): number {
  return context.width - NUMBER_WIDTH - 44;
}

export function layoutContents(context: Layout, corpus: Corpus): ContentsLayout {
  const top = MARGINS.top;
  const bottom = PAGE_SIZE[1] - MARGINS.bottom;
  const rows: ContentsLayout['rows'] = [];
  let page = 0;
  let y = top + HEADING_HEIGHT;
  for (const q of corpus.questions) {
    const height = measure(context, q.question, { size: SIZE.tocEntry, width: textWidth(context), lineGap: 1.5 }) + 4.5;
    if (y + height > bottom) {
      page++;
      y = top;
    }
    rows.push({ page, y, height });
    y += height;
  }
  return { pages: page + 1, rows };
}

/**
 * Draws the contents on the pages reserved from `first`: a `TOC` of `TOCI` items, each a
 * `Link` with the number, the question and its page, and a link annotation to the question.
 */
export function drawContents(
  context: Layout,
  corpus: Corpus,
  contents: ContentsLayout,
  where: { first: number; heading: StructElement; element: StructElement; placements: readonly Placement[]; dests: Destinations },
): void {
  const doc = context.doc;
  const x = MARGINS.left;
  const width = context.width;
  doc.switchToPage(where.first);
  doc.y = MARGINS.top;
  flow(context, [{ text: 'Contents' }], { size: SIZE.question * 1.2, bold: true, color: COLOR.text, structElement: where.heading });
  corpus.questions.forEach((q, i) => {
    const row = contents.rows[i]!;
    const target = where.placements[i]!;
    doc.switchToPage(where.first + row.page);
    const item = doc.struct('TOCI');
    where.element.add(item);
    const link = doc.struct('Link');
    item.add(link);
    const pageLabel = String(target.page + 1);
    // Number, question and page: one marked-content sequence of the row's Link element.
    mark(doc, link, 'Link', () => {
      cell(context, `${q.number}.`, { size: SIZE.tocEntry, color: COLOR.muted, x, y: row.y, width: NUMBER_WIDTH - 6, align: 'right', height: row.height });
      cell(context, q.question, { size: SIZE.tocEntry, color: COLOR.text, x: x + NUMBER_WIDTH, y: row.y, width: textWidth(context), lineGap: 1.5, height: row.height });
      const lineHeight = SIZE.tocEntry * 1.164 + 1.5;
      const lastLineY = row.y + row.height - 4.5 - lineHeight;
      cell(context, pageLabel, { size: SIZE.tocEntry, color: COLOR.text, x: x + width - 40, y: lastLineY, width: 40, align: 'right', height: lineHeight + 2 });
    });
    // The row's text (number, question, page) is the Link's content; the annotation's
    // description names the target without repeating the question (one per question).
    doc.goTo(x, row.y, width, row.height - 2, where.dests.names[i]!, { structParent: link, Contents: pdfString(`Question ${q.number}, page ${pageLabel}`) });
    link.end();
    item.end();
  });
}

/**
 * One text of a contents row. Most fit on one line: drawn as one line at the place pdfkit's
 * line wrapper would give it (left, or right-aligned without trailing spaces), without
 * running the wrapper; a longer one wraps as any text does.
 */
function cell(context: Layout, text: string, options: FlowOptions & { x: number; y: number; width: number; size: number; color: string }): void {
  const doc = context.doc;
  doc.font(FACES.sans).fontSize(options.size);
  if (text.includes('\n') || doc.widthOfString(text) > options.width) return drawRuns(context, [{ text }], options);
  doc.fillColor(options.color);
  const x = options.align === 'right' ? options.x + options.width - doc.widthOfString(text.replace(/\s+$/, '')) : options.x;
  textAt(doc, text, x, options.y);
  doc.x = context.x0;
}
