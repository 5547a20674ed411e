/** The pdfkit document of a guide: its options, fonts and patches, and its bytes at the end. */
import type { Corpus } from '@genai-qa/core';
import PDFDocument from 'pdfkit';
import { FACES, fontFiles } from './fonts.js';
import { packObjectStreams } from './object-streams.js';
import type { Doc } from './layout.js';
import { attachGoToLinksToStructure, cacheTextWidths, drawInlineBoxes, coalesceOutput, escapeXmpMetadata, roundAnnotationRects, shareResources, sortDestinationsByBytes, unfinishedObjects } from './pdfkit/internals.js';
import { compactContent } from './pdfkit/text.js';
import { MARGINS, PAGE_SIZE } from './theme.js';

export function createDocument(corpus: Corpus, date: Date, lang: string): Doc {
  const fonts = fontFiles();
  const documentOptions = {
    size: PAGE_SIZE,
    margins: MARGINS,
    // Every page stays in memory until the end: the footers need the page count.
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang,
    displayTitle: true,
    // An embedded default font, so that pdfkit never loads a standard (WinAnsi) font.
    font: fonts.get('sans'),
    info: {
      Title: corpus.title,
      ...(corpus.description ? { Subject: corpus.description } : {}),
      Creator: 'genai-qa',
      Producer: 'genai-qa with PDFKit',
      // The file ID is a hash of this dictionary, computed in the constructor: the dates
      // must be here, from the options, or the bytes would change on every build.
      CreationDate: date,
      ModDate: date,
    },
  };
  const doc = new PDFDocument(documentOptions as unknown as PDFKit.PDFDocumentOptions);
  coalesceOutput(doc);
  escapeXmpMetadata(doc);
  for (const [face, bytes] of fonts) doc.registerFont(FACES[face], bytes);
  sortDestinationsByBytes(doc);
  attachGoToLinksToStructure(doc);
  shareResources(doc);
  roundAnnotationRects(doc);
  cacheTextWidths(doc);
  compactContent(doc);
  drawInlineBoxes(doc);
  return doc;
}

/** Collects the document's output; `end()` the document, then await the bytes. */
export function collectBytes(doc: Doc): () => Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  return async () => {
    // Every image is embedded by now, so pdfkit finishes synchronously unless an object was
    // left open — which would otherwise leave the promise pending forever.
    const waiting = unfinishedObjects(doc);
    if (waiting > 0) throw new Error(`exportPdf: internal error, ${waiting} PDF object(s) never finished`);
    await done;
    return packObjectStreams(concat(chunks));
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
