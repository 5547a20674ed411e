import type { Corpus } from '@genai-qa/core';
import { artifact, PAGE_OPTIONS, type Layout } from '../layout.js';
import { flow } from '../text.js';
import { COLOR, MARGINS, SIZE } from '../theme.js';

/** The title page: label, title, accent bar, description, question count and date. */
export function titlePage(context: Layout, corpus: Corpus, date: string): void {
  const doc = context.doc;
  doc.addPage(PAGE_OPTIONS);
  const x = MARGINS.left;
  doc.y = 190;
  flow(context, [{ text: 'STUDY GUIDE' }], { size: 10, bold: true, color: COLOR.accent, structType: 'P' });
  doc.y += 10;
  flow(context, [{ text: corpus.title }], { size: SIZE.title, bold: true, color: COLOR.text, structType: 'H1', lineGap: 2 });
  doc.y += 14;
  artifact(doc, () => doc.rect(x, doc.y, 64, 3.5).fill(COLOR.accent));
  doc.y += 24;
  if (corpus.description) {
    flow(context, [{ text: corpus.description }], { size: 12.5, color: COLOR.muted, lineGap: 4.5, width: Math.min(context.width, 400) });
    doc.y += 26;
  }
  const count = corpus.questions.length;
  flow(context, [{ text: `${count} ${count === 1 ? 'question' : 'questions'}`, bold: true }], { size: 11, color: COLOR.text });
  doc.y += 3;
  flow(context, [{ text: date }], { size: 11, color: COLOR.muted });
}
