/** Recognising image bytes, and what the guide needs to know about an SVG before drawing it. */

export type ImageKind = 'png' | 'jpeg' | 'svg';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The format of image bytes, by content rather than by file name; undefined when unsupported. */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = decoder.decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

export function svgText(bytes: Uint8Array): string {
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}

const UNIT_TO_PX: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };

/**
 * The intrinsic size of an SVG in CSS pixels, from the root element's width, height and
 * viewBox (percentages and missing values fall back to the viewBox, then to 300 × 150, the
 * size browsers give a replaced element without one).
 */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const length = (name: string): number | undefined => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9]*\\.?[0-9]+(?:e[-+]?\\d+)?)\\s*(px|pt|pc|mm|cm|in)?\\s*["']`, 'i').exec(root);
    if (!m) return undefined;
    const value = Number(m[1]) * UNIT_TO_PX[(m[2] ?? '').toLowerCase()]!;
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const box = /\sviewBox\s*=\s*["']\s*[-+]?[0-9.e]+[\s,]+[-+]?[0-9.e]+[\s,]+([0-9.e]+)[\s,]+([0-9.e]+)\s*["']/i.exec(root);
  const vbw = box ? Number(box[1]) : NaN;
  const vbh = box ? Number(box[2]) : NaN;
  const ratio = vbw > 0 && vbh > 0 ? vbw / vbh : undefined;
  let width = length('width');
  let height = length('height');
  if (width === undefined && height === undefined && ratio) [width, height] = [vbw, vbh];
  if (width !== undefined && height === undefined) height = ratio ? width / ratio : 150;
  if (height !== undefined && width === undefined) width = ratio ? height * ratio : 300;
  return { width: width ?? 300, height: height ?? 150 };
}

/**
 * Makes an SVG safe to draw: `<a>` elements become plain groups (svg-to-pdfkit would turn
 * them into link annotations with any scheme, javascript: included). Scripts and external
 * documents are never run or loaded by svg-to-pdfkit; embedded images are vetted by the caller.
 */
export function sanitizeSvg(svg: string): string {
  return svg.replace(/<(\/?)(?:[A-Za-z_][\w.-]*:)?a(?=[\s/>])/g, '<$1g');
}
