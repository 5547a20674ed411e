/**
 * The layout context that every drawing function is given, and the small operations on it.
 * A context is a value: a block that indents its children or opens a structure element
 * passes them a new context (`within`) instead of changing a shared one. What is shared by
 * the whole document — pdfkit's cursor (`doc.x`, `doc.y`) and the page bookkeeping of
 * `Pages` — is reached through it explicitly.
 */
import type { Pages } from './pages.js';
import { MARGINS, PAGE_SIZE, SIZE } from './theme.js';

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

export interface Layout {
  readonly doc: Doc;
  /** Left edge and width of the current column (lists and quotes indent it). */
  readonly x0: number;
  readonly width: number;
  /** The structure element that new elements are added to. */
  readonly parent: StructElement;
  readonly pages: Pages;
}

/**
 * Options of every page. Passed explicitly: pages added without options inherit the
 * document's, whose `font` (the embedded default) pdfkit would load again for each page.
 */
export const PAGE_OPTIONS = { size: PAGE_SIZE, margins: MARGINS } as PDFKit.PDFDocumentOptions;

/** The same context with some fields changed (a nested column, another parent element). */
export function within<T extends Layout>(context: T, changes: Partial<T>): T {
  return { ...context, ...changes };
}

/** The context of a column indented by `by` points. */
export function indented<T extends Layout>(context: T, by: number, changes: Partial<T> = {}): T {
  return { ...context, x0: context.x0 + by, width: context.width - by, ...changes };
}

export function pageWidth(): number {
  return PAGE_SIZE[0] - MARGINS.left - MARGINS.right;
}

export function maxY(): number {
  return PAGE_SIZE[1] - MARGINS.bottom;
}

/** The height of one line of body text. */
export function lineHeight(): number {
  return SIZE.body * 1.164 + SIZE.lineGap;
}

export function pageCount(doc: Doc): number {
  const { start, count } = doc.bufferedPageRange();
  return start + count;
}

export function atTop(doc: Doc): boolean {
  return doc.y <= MARGINS.top + 0.5;
}

/** Vertical space, unless at the top of a page. */
export function gap(context: Layout, size: number): void {
  if (!atTop(context.doc)) context.doc.y += size;
}

/** Starts a new page unless `height` fits below the current position (or nothing would help). */
export function ensure(context: Layout, height: number): void {
  if (context.doc.y + height > maxY() && !atTop(context.doc)) newPage(context);
}

export function newPage(context: Layout): void {
  const doc = context.doc;
  // continueOnNewPage closes the open marked content and reopens it on the new page.
  doc.continueOnNewPage(PAGE_OPTIONS);
  doc.x = context.x0;
  doc.y = MARGINS.top;
}

/** A new structure element under the context's parent. */
export function open(context: Layout, type: string, options?: PDFKit.Mixins.StructureElementOptions): StructElement {
  const element = context.doc.struct(type, options ?? {});
  context.parent.add(element);
  return element;
}

/** Draws content marked as part of `element`. */
export function mark(doc: Doc, element: StructElement, tag: string, draw: () => void): void {
  element.add(doc.markStructureContent(tag));
  draw();
  doc.endMarkedContent();
}

/** Draws decoration that is not part of the content (backgrounds, rules, borders). */
export function artifact(doc: Doc, draw: () => void): void {
  doc.markContent('Artifact');
  doc.save();
  draw();
  doc.restore();
  doc.endMarkedContent();
}
