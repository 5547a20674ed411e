/**
 * An independent PDF reader from npm: Mozilla's pdf.js (pdfjs-dist), which shares no code with
 * pdfkit. It needs no Debian package, so these checks run on every machine; qpdf and poppler
 * stay for what pdf.js does not report (stream syntax, font embedding).
 */
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLink {
  page: number;
  /** The URI of a URI action, exactly as written (pdf.js keeps it even when it is unsafe). */
  uri?: string;
  /** A named destination (string) or an explicit one. */
  dest?: unknown;
  /** Any other action (Launch, JavaScript, …), by name. */
  action?: string;
}

export interface PdfOutlineItem {
  title: string;
  dest: unknown;
  /** The page (1-based) the item opens, resolved by pdf.js. */
  page: number | undefined;
  items: PdfOutlineItem[];
}

export interface PdfReport {
  pages: number;
  info: Record<string, unknown>;
  /** Text of each page (items joined with spaces, whitespace collapsed). */
  text: string[];
  links: PdfLink[];
  /** Annotation subtypes other than Link, with their page. */
  otherAnnotations: Array<{ page: number; subtype: string }>;
  outline: PdfOutlineItem[];
  /** Named destinations and the page (1-based) each opens. */
  destinations: Record<string, number>;
  /** Document-level JavaScript and actions pdf.js found (must stay empty). */
  javascript: string[];
  openAction: unknown;
  marked: boolean;
  /** The tag tree of each page, as pdf.js builds it (role names, alt text, children). */
  structure: unknown[];
}

/** Reads everything the tests look at, then closes the document. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReport> {
  const document: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const text: string[] = [];
    const links: PdfLink[] = [];
    const otherAnnotations: Array<{ page: number; subtype: string }> = [];
    const structure: unknown[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      // Items follow the content stream; a line's end is a space (pdfkit draws the spaces
      // between words, so items of one line join as they are).
      text.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      for (const annotation of (await page.getAnnotations()) as Array<Record<string, unknown>>) {
        if (annotation.subtype !== 'Link') {
          otherAnnotations.push({ page: n, subtype: String(annotation.subtype) });
          continue;
        }
        const link: PdfLink = { page: n };
        const uri = annotation.unsafeUrl ?? annotation.url;
        if (typeof uri === 'string') link.uri = uri;
        if (annotation.dest !== undefined) link.dest = annotation.dest;
        if (typeof annotation.action === 'string') link.action = annotation.action;
        if (annotation.actions) link.action = Object.keys(annotation.actions as object).join(',');
        links.push(link);
      }
      structure.push(await page.getStructTree());
      page.cleanup();
    }
    const { info } = await document.getMetadata();
    const pageOf = async (dest: unknown): Promise<number | undefined> => {
      const explicit = typeof dest === 'string' ? await document.getDestination(dest) : dest;
      if (!Array.isArray(explicit) || explicit[0] === null || typeof explicit[0] !== 'object') return undefined;
      return (await document.getPageIndex(explicit[0] as { num: number; gen: number })) + 1;
    };
    const outlineOf = async (items: ReadonlyArray<{ title: string; dest: unknown; items?: unknown[] }>): Promise<PdfOutlineItem[]> =>
      Promise.all(items.map(async (item) => ({ title: item.title, dest: item.dest, page: await pageOf(item.dest), items: await outlineOf((item.items ?? []) as never) })));
    const outline = await outlineOf(((await document.getOutline()) ?? []) as never);
    const destinations: Record<string, number> = {};
    for (const [name, dest] of Object.entries((await document.getDestinations()) as Record<string, unknown>)) {
      const page = await pageOf(dest);
      if (page !== undefined) destinations[name] = page;
    }
    const javascript = Object.keys((await document.getJSActions()) ?? {});
    const markInfo = await document.getMarkInfo();
    return {
      pages: document.numPages,
      info: info as Record<string, unknown>,
      text,
      links,
      otherAnnotations,
      outline,
      destinations,
      javascript,
      openAction: await document.getOpenAction(),
      marked: markInfo?.Marked === true,
      structure,
    };
  } finally {
    await document.destroy();
  }
}

/** Outline items depth-first. */
export function flatOutline(items: readonly PdfOutlineItem[]): PdfOutlineItem[] {
  return items.flatMap((item) => [item, ...flatOutline(item.items)]);
}

/**
 * The text of the pages in reading order without the footers ("<title> page N of M", drawn
 * last on each page), so that a paragraph running onto the next page reads as one; a hyphen
 * or an en dash at a line end joins as the dash alone.
 */
export function bodyText(report: PdfReport, title: string): string {
  const footer = new RegExp(`\\s*(?:${escapeRegExp(title)}|\\S.*?…)?\\s*page \\d+ of \\d+$`);
  return report.text
    .map((page) => page.replace(footer, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/([-–]) /g, '$1')
    .trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One text-showing operator of a page: its text and the fill colour it is drawn in. */
export interface InkedText {
  page: number;
  text: string;
  /** The fill colour as pdf.js reports it (`#rrggbb`). */
  fill: string;
}

/**
 * The text operators of every page, in content-stream order, each with the fill colour in force
 * (from pdf.js's operator list, which tracks `rg`/`g`/`k` and the graphics-state stack).
 */
export async function inkedText(bytes: Uint8Array): Promise<InkedText[]> {
  const document: PDFDocumentProxy = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const out: InkedText[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const list = await page.getOperatorList();
      let fill = '#000000';
      const saved: string[] = [];
      list.fnArray.forEach((fn, i) => {
        const args = list.argsArray[i] as unknown[];
        if (fn === OPS.save) saved.push(fill);
        else if (fn === OPS.restore) fill = saved.pop() ?? '#000000';
        else if (fn === OPS.setFillRGBColor || fn === OPS.setFillGray || fn === OPS.setFillCMYKColor) fill = String(args[0]);
        else if (fn === OPS.showText) {
          const glyphs = args[0] as Array<{ unicode?: string } | number | null>;
          const text = glyphs.map((g) => (g !== null && typeof g === 'object' ? (g.unicode ?? '') : '')).join('');
          if (text) out.push({ page: n, text, fill });
        }
      });
      page.cleanup();
    }
    return out;
  } finally {
    await document.destroy();
  }
}
