/**
 * The baseline of the benchmark: plain pdfkit laying out the same text with the same fonts,
 * page size and margins — each question's heading, then its answer's blocks as plain
 * paragraphs (code in the mono face) — with none of the guide's work: no tagging, no links,
 * no contents, outline or footers, pages not buffered. The text is taken from the answers'
 * trees before the clock starts.
 */
import PDFDocument from 'pdfkit';
import { renderableAnswer } from '@genai-qa/core';
import { FACES, fontFiles } from '../dist/fonts.js';
import { MARGINS, PAGE_SIZE, SIZE } from '../dist/theme.js';

/** The blocks of every answer as [face, text] pairs (list items and quotes flattened). */
export function plainBlocks(corpus, answers) {
  const text = (node) => ('value' in node ? node.value : 'children' in node ? node.children.map(text).join('') : '');
  return corpus.questions.map((q) => {
    const out = [];
    const walk = (nodes) => {
      for (const node of nodes) {
        if (node.type === 'code') out.push(['mono', node.value]);
        else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableRow') out.push(['sans', text(node)]);
        else if ('children' in node) walk(node.children);
      }
    };
    walk(renderableAnswer(q, answers).tree.children);
    return { heading: `${q.number}. ${q.question}`, blocks: out };
  });
}

/** Lays the text out and returns the PDF bytes. */
export async function plainPdf(questions) {
  const fonts = fontFiles();
  const doc = new PDFDocument({ size: PAGE_SIZE, margins: MARGINS, font: fonts.get('sans') });
  for (const [face, bytes] of fonts) doc.registerFont(FACES[face], bytes);
  const chunks = [];
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.on('data', (chunk) => chunks.push(chunk));
  const width = PAGE_SIZE[0] - MARGINS.left - MARGINS.right;
  for (const q of questions) {
    doc.moveDown(1);
    doc.font(FACES['sans-bold']).fontSize(SIZE.question).text(q.heading, { width });
    for (const [face, text] of q.blocks) {
      doc.moveDown(0.4);
      if (face === 'mono') doc.font(FACES.mono).fontSize(SIZE.code).text(text, { width, lineGap: SIZE.codeLineGap });
      else doc.font(FACES.sans).fontSize(SIZE.body).text(text, { width, lineGap: SIZE.lineGap });
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
