import type { Corpus, ExportOptions } from '@genai-qa/core';
import { renderGuide } from './guide.js';

/** Settings of the PDF that the corpus does not carry. */
export interface PdfOptions {
  /** BCP 47 language of the text, for screen readers and text-to-speech. Default `en`. */
  lang?: string;
}

/**
 * Compiles the corpus into a PDF study guide: a title page, a clickable table of contents,
 * one section per question with the answer rendered from its Markdown, bookmarks, named
 * destinations (the question ids) and "page N of M" footers; tagged for accessibility.
 *
 * Pure: it reads nothing but the DejaVu font files of `dejavu-fonts-ttf`; images come from
 * `options.assets`; the same corpus, assets and date give the same bytes.
 * Asynchronous because pdfkit decodes some PNGs (alpha, interlaced) with the async zlib API.
 */
export async function exportPdf(corpus: Corpus, options: ExportOptions, pdf: PdfOptions = {}): Promise<Uint8Array> {
  return renderGuide(corpus, options, { lang: pdf.lang ?? 'en' });
}
