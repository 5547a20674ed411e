/**
 * Page bookkeeping shared by the whole document: the pages in order, the block-quote bars
 * that the footers draw, and what happens when the layout moves to a new page.
 */
import type { Doc } from './layout.js';
import { maxY, pageCount } from './layout.js';
import { closeContentStream } from './pdfkit/internals.js';
import { MARGINS } from './theme.js';

/** A vertical bar on one page (a block quote's), from y0 to y1. */
export interface Segment {
  x: number;
  y0: number;
  y1: number;
}

/** An open block quote: where its bar starts on the current page. */
export interface OpenBar {
  x: number;
  page: number;
  y: number;
}

export class Pages {
  /** Every page, in order (pdfkit keeps them too, privately). */
  private readonly list: PDFKit.PDFPage[] = [];
  /** Open block quotes, outermost first. */
  private readonly open: OpenBar[] = [];
  /** Block-quote bars per page index. */
  private readonly bars = new Map<number, Segment[]>();

  constructor(private readonly doc: Doc) {
    doc.on('pageAdded', () => this.added());
  }

  /** The bars of one page (0-based), to be drawn with its footer. */
  barsOf(page: number): readonly Segment[] {
    return this.bars.get(page) ?? [];
  }

  /** Starts a quote bar at the current position; `closeBar` ends it. */
  openBar(x: number): OpenBar {
    const bar = { x, page: pageCount(this.doc) - 1, y: this.doc.y };
    this.open.push(bar);
    return bar;
  }

  closeBar(bar: OpenBar): void {
    this.open.splice(this.open.lastIndexOf(bar), 1);
    this.addBar(bar.page, { x: bar.x, y0: bar.y, y1: this.doc.y });
  }

  private added(): void {
    const doc = this.doc;
    this.list.push(doc.page);
    const previous = this.list[this.list.length - 2];
    if (previous) closeContentStream(doc, previous);
    const page = pageCount(doc) - 1;
    // An open quote's bar runs to the bottom of the page it leaves and restarts at the top.
    for (const bar of this.open) {
      this.addBar(bar.page, { x: bar.x, y0: bar.y, y1: maxY() });
      bar.page = page;
      bar.y = MARGINS.top;
    }
  }

  private addBar(page: number, segment: Segment): void {
    if (segment.y1 - segment.y0 < 1) return;
    const list = this.bars.get(page);
    if (list) list.push(segment);
    else this.bars.set(page, [segment]);
  }
}
