/** One question's section: its heading, its tags and its answer's blocks. */
import type { ExportOptions, Question } from '@genai-qa/core';
import { answerTree, footnoteKey } from './answer.js';
import { footnotes } from './blocks/footnote.js';
import type { BlockContext } from './blocks/context.js';
import { headingLevels } from './blocks/heading.js';
import { renderBlocks } from './blocks/index.js';
import { leadHeight } from './blocks/lead.js';
import { runsText, type Run } from './inline.js';
import { artifact, atTop, maxY, newPage, open, pageCount, pageWidth, within, type Layout } from './layout.js';
import type { Destinations } from './targets.js';
import { flow, flowRuns, measure } from './text.js';
import { COLOR, MARGINS, SIZE } from './theme.js';

/** Where a question starts: page index (0-based) and distance from the top of the page. */
export interface Placement {
  page: number;
  y: number;
}

/** What every question is drawn with, besides the layout. */
export interface Resources {
  readonly dests: Destinations;
  readonly options: ExportOptions;
  readonly images: ReadonlyMap<string, PDFKit.PDFImageObject>;
}

/**
 * Draws question `index` in a `Sect` element: a rule above (unless at the top of a page),
 * the numbered heading with a named destination, kept on the page with the first lines of
 * the answer, then the answer.
 */
export function renderQuestion(context: Layout, resources: Resources, q: Question, index: number): Placement {
  const doc = context.doc;
  const { tree, definitions, footnotes: numbers, notes } = answerTree(q, resources.options);
  const blocks = tree.children;
  const section = open(context, 'Sect');
  const answer: BlockContext = {
    ...within(context, { parent: section }),
    question: q,
    inline: { resolve: (url) => resources.dests.resolve(q, url), definitions, footnote: (identifier) => numbers.get(footnoteKey(identifier)) },
    headingLevels: headingLevels(tree),
    blockGap: SIZE.blockGap,
    listDepth: 0,
    assets: resources.options.assets,
    images: resources.images,
    blocks: renderBlocks,
  };
  const headingRuns: Run[] = [{ text: `${q.number}. `, bold: true }, { text: q.question, bold: true }];
  const headingHeight = measure(answer, runsText(headingRuns), { size: SIZE.question, bold: true, lineGap: 2 });
  const tagsHeight = q.tags.length > 0 ? SIZE.small * 1.164 + 4 : 0;
  const keep = headingHeight + tagsHeight + 8 + leadHeight(answer, blocks[0]);
  if (!atTop(doc)) doc.y += SIZE.questionGapBefore;
  if (doc.y + keep > maxY() && !atTop(doc)) newPage(answer);
  if (!atTop(doc)) {
    const y = doc.y - SIZE.questionGapBefore / 2;
    artifact(doc, () => doc.moveTo(MARGINS.left, y).lineTo(MARGINS.left + pageWidth(), y).lineWidth(0.6).strokeColor(COLOR.rule).stroke());
  }
  const placement = { page: pageCount(doc) - 1, y: doc.y };
  doc.addNamedDestination(resources.dests.names[index]!, 'XYZ', null, Math.max(0, doc.y - 12), null);
  flowRuns(
    answer,
    [{ ...headingRuns[0]!, color: COLOR.accent }, { ...headingRuns[1]!, color: COLOR.text }],
    { size: SIZE.question, lineGap: 2, structType: 'H2' },
  );
  if (q.tags.length > 0) {
    doc.y += 2;
    flow(answer, [{ text: q.tags.join(' · ') }], { size: SIZE.small, color: COLOR.muted });
  }
  doc.y += 8;
  renderBlocks(answer, blocks);
  footnotes(answer, notes);
  section.end();
  return placement;
}
