/** PNG and JPEG images: vetted and embedded before the layout starts. */
import { inflateSync } from 'node:zlib';
import { referencedImages, type Corpus, type ExportOptions } from '@genai-qa/core';
import { sniffImage } from './images.js';
import type { Doc } from './layout.js';
import { embedImage, jpegColorSpace, pngDecoder } from './pdfkit/internals.js';

/**
 * Embeds every referenced PNG and JPEG, one at a time and in key order (pdfkit decodes some
 * PNGs asynchronously), so that the order of objects in the file depends only on the input.
 * Images that pdfkit could not write are left out: their figures print the alt text.
 */
export async function embedImages(doc: Doc, corpus: Corpus, options: ExportOptions): Promise<Map<string, PDFKit.PDFImageObject>> {
  const images = new Map<string, PDFKit.PDFImageObject>();
  const assets = options.assets;
  const keys = referencedImages(corpus, options.answers).filter((key) => assets.has(key));
  for (const key of keys.sort()) {
    const bytes = assets.get(key)!;
    const kind = sniffImage(bytes);
    if (kind !== 'png' && kind !== 'jpeg') continue;
    let image: PDFKit.PDFImageObject;
    try {
      image = doc.openImage(bytes);
      if (kind === 'png') checkPng(image);
      if (kind === 'jpeg' && !jpegColorSpace(image)) continue; // 2-channel or broken
    } catch {
      continue; // unreadable: the figure shows its alt text instead
    }
    await embedImage(doc, image);
    images.set(key, image);
  }
  return images;
}

/** Whether pdfkit would decode this PNG asynchronously (alpha, a transparent palette, interlacing). */
export function isAsyncPng(image: PDFKit.PDFImageObject): boolean {
  const png = pngDecoder(image);
  return png !== undefined && (png.hasAlphaChannel || png.interlaceMethod === 1 || Boolean(png.transparency.indexed));
}

/** The Adam7 passes in png-js's order: x0, y0, dx, dy. */
const ADAM7 = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
] as const;

/**
 * Throws for a PNG that pdfkit would fail on later. PNGs with alpha, a transparent palette
 * or interlacing are decoded by png-js in an asynchronous callback, where an error (corrupt
 * data, an unknown row filter, a huge size) would be an uncaught exception that ends the
 * process. So the same checks run here, first: the data inflates, the image is of a sane
 * size, and every row filter that png-js will read is one it knows.
 */
export function checkPng(image: PDFKit.PDFImageObject): void {
  const png = pngDecoder(image);
  if (!png) return;
  const data = inflateSync(png.imgData);
  if (!isAsyncPng(image)) return;
  const pixelBytes = png.pixelBitlength / 8;
  if (!Number.isInteger(pixelBytes) || png.width * png.height > 50_000_000) throw new Error('unsupported PNG');
  const passes = png.interlaceMethod === 1 ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let pos = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((png.width - x0) / dx);
    const h = Math.ceil((png.height - y0) / dy);
    for (let row = 0; row < h && pos < data.length; row++) {
      if (data[pos]! > 4) throw new Error('corrupt PNG');
      pos += 1 + pixelBytes * w;
    }
  }
}
