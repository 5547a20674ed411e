/**
 * Lays out one study guide: title page, contents, one section per question, bookmarks and
 * footers. Rendering is synchronous once the raster images are embedded, so that the order
 * of objects in the file — and so its bytes — depend only on the input.
 */
import type { Corpus, ExportOptions } from '@genai-qa/core';
import { collectBytes, createDocument } from './document.js';
import { drawContents, layoutContents } from './front/contents.js';
import { decoratePages } from './front/footers.js';
import { addOutline } from './front/outline.js';
import { titlePage } from './front/title.js';
import { PAGE_OPTIONS, pageCount, pageWidth, type Layout } from './layout.js';
import { Pages } from './pages.js';
import { clearLayoutCaches } from './pdfkit-internals.js';
import { renderQuestion, type Placement } from './question.js';
import { embedImages } from './raster.js';
import { Destinations } from './targets.js';
import { MARGINS } from './theme.js';

/** How often (in questions) pdfkit's word-layout caches are checked, and the words each may hold. */
const CACHE_QUESTIONS = 500;
const CACHE_WORDS = 20_000;

export async function renderGuide(corpus: Corpus, options: ExportOptions, info: { lang: string }): Promise<Uint8Array> {
  const date = options.date;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError('exportPdf: options.date must be a valid Date (e.g. new Date(Date.UTC(2026, 0, 1)))');
  }
  const dests = new Destinations(corpus);
  const doc = createDocument(corpus, date, info.lang);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const context: Layout = { doc, x0: MARGINS.left, width: pageWidth(), parent: root, pages: new Pages(doc) };
  const images = await embedImages(doc, corpus, options);
  const bytes = collectBytes(doc);

  titlePage(context, corpus, date.toISOString().slice(0, 10));
  const contents = layoutContents(context, corpus);
  const first = pageCount(doc);
  for (let i = 0; i < contents.pages; i++) doc.addPage(PAGE_OPTIONS);
  const heading = doc.struct('H2');
  root.add(heading);
  const element = doc.struct('TOC');
  root.add(element);
  doc.addPage(PAGE_OPTIONS);
  const placements: Placement[] = [];
  corpus.questions.forEach((q, i) => {
    if (i > 0 && i % CACHE_QUESTIONS === 0) clearLayoutCaches(doc, CACHE_WORDS);
    placements.push(renderQuestion(context, { dests, options, images }, q, i));
  });
  drawContents(context, corpus, contents, { first, heading, element, placements, dests });
  heading.end();
  element.end();
  addOutline(doc, corpus, placements);
  decoratePages(doc, context.pages, corpus.title);
  root.end();
  doc.end();
  return bytes();
}
