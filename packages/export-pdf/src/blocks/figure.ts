import { assetKey } from '@genai-qa/core';
import SVGtoPDF from 'svg-to-pdfkit';
import { FACES, type Face } from '../fonts.js';
import { sanitizeSvg, sniffImage, svgSize, svgText } from '../images.js';
import { normalizeIdentifier, type ImageNode } from '../inline.js';
import { ensure, mark, open, type Doc } from '../layout.js';
import { pngDecoder } from '../pdfkit/internals.js';
import { checkPng, isAsyncPng } from '../raster.js';
import { flowRuns, measure, face } from '../text.js';
import { COLOR, MARGINS, PAGE_SIZE, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

const PX_TO_PT = 0.75;

/** An image ready to draw, scaled to the column. */
export interface Drawable {
  alt: string;
  /** Size on the page, in points. */
  width: number;
  height: number;
  draw(x: number, y: number): void;
}

/**
 * An image, centred in the column, tagged as a `Figure` with its alt text; with `caption`,
 * the alt text is printed below it. An image that cannot be drawn prints its alt text.
 */
export function figure(context: BlockContext, node: ImageNode, caption: boolean): void {
  const doc = context.doc;
  const alt = node.alt ?? '';
  const image = drawable(context, node);
  if (!image) {
    // Missing, external or unsupported image: its description stands in for it.
    flowRuns(context, [{ text: alt ? `[image: ${alt}]` : '[image]', italic: true }], { color: COLOR.muted, structType: 'P' });
    return;
  }
  const captionHeight = caption && alt ? measure(context, alt, { size: SIZE.small, italic: true, width: context.width }) + 5 : 0;
  ensure(context, image.height + captionHeight);
  const x = context.x0 + (context.width - image.width) / 2;
  const y = doc.y;
  const element = open(context, 'Figure', {
    alt: alt || 'image',
    bbox: [x, y, x + image.width, y + image.height],
    placement: 'Block',
  });
  mark(doc, element, 'Figure', () => image.draw(x, y));
  doc.x = context.x0;
  doc.y = y + image.height;
  if (captionHeight > 0) {
    doc.y += 5;
    const captionElement = doc.struct('Caption');
    element.add(captionElement);
    flowRuns(context, [{ text: alt, italic: true }], { size: SIZE.small, color: COLOR.muted, align: 'center', structElement: captionElement });
  }
  element.end();
}

/** The image of a node, scaled to the column (never enlarged), or undefined when it cannot be drawn. */
export function drawable(context: BlockContext, node: ImageNode): Drawable | undefined {
  const url = node.type === 'image' ? node.url : context.inline.definitions.get(normalizeIdentifier(node.identifier))?.url;
  if (url === undefined) return undefined;
  const key = assetKey(context.question, url);
  if (key === undefined) return undefined;
  const bytes = context.assets.get(key);
  if (!bytes) return undefined;
  const doc = context.doc;
  const maxWidth = context.width;
  const maxHeight = (PAGE_SIZE[1] - MARGINS.top - MARGINS.bottom) * 0.62;
  const fit = (w: number, h: number): { width: number; height: number; scale: number } => {
    const scale = Math.min(1, maxWidth / w, maxHeight / h);
    return { width: w * scale, height: h * scale, scale };
  };
  const alt = node.alt ?? '';
  const image = context.images.get(key);
  if (image) {
    const size = fit(image.width * PX_TO_PT, image.height * PX_TO_PT);
    return {
      alt,
      ...size,
      draw: (x, y) => {
        doc.image(image as unknown as Buffer, x, y, { width: size.width, height: size.height });
      },
    };
  }
  if (sniffImage(bytes) !== 'svg') return undefined;
  const svg = sanitizeSvg(svgText(bytes));
  const natural = svgSize(svg);
  const width = natural.width * PX_TO_PT;
  const height = natural.height * PX_TO_PT;
  const size = fit(width, height);
  return {
    alt,
    ...size,
    draw: (x, y) => {
      doc.save();
      doc.translate(x, y).scale(size.scale);
      try {
        SVGtoPDF(doc, svg, 0, 0, {
          width,
          height,
          preserveAspectRatio: 'xMidYMid meet',
          fontCallback: (family, bold, italic) => FACES[svgFace(family, bold, italic)],
          imageCallback: (link) => svgImage(doc, link),
          documentCallback: () => [],
          warningCallback: () => {},
        });
      } finally {
        doc.restore();
      }
    },
  };
}

function svgFace(family: string, bold: boolean, italic: boolean): Face {
  if (/mono|courier|consol|menlo/i.test(family)) return bold ? 'mono-bold' : 'mono';
  return face({ bold, italic });
}

/** Images inside an SVG: only embedded PNG/JPEG data that pdfkit writes synchronously. */
function svgImage(doc: Doc, link: string): string | Uint8Array {
  const none = new Uint8Array(0);
  if (!/^\s*data:image\/(?:png|jpe?g);base64,/i.test(link)) return none;
  const cleaned = link.replace(/\s+/g, '');
  try {
    const image = doc.openImage(cleaned);
    if (pngDecoder(image)) checkPng(image);
    if (isAsyncPng(image)) return none;
    return cleaned;
  } catch {
    return none;
  }
}
