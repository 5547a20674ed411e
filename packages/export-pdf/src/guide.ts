import type {
  Blockquote,
  Code,
  Heading,
  List,
  Nodes,
  Paragraph,
  RootContent,
  Table,
} from 'mdast';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { assetKey, referencedImages, renderableAnswer, type Corpus, type ExportOptions, type Question } from '@genai-qa/core';
import { FACES, fontFiles, type Face } from './fonts.js';
import { sanitizeSvg, sniffImage, svgSize, svgText } from './images.js';
import { inlineRuns, isFigureParagraph, normalizeIdentifier, plainText, runsText, type ImageNode, type InlineContext, type Run } from './inline.js';
import { Destinations } from './targets.js';
import { COLOR, FOOTER_FROM_BOTTOM, KEEP_LINES, MARGINS, PAGE_SIZE, SIZE } from './theme.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/** Options of one call that draws text; `null` clears what a continued text would inherit. */
interface FlowOptions {
  size?: number;
  color?: string;
  lineGap?: number;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center' | 'right';
  /** The structure element to mark the text into (default: a new element of `structType`). */
  structElement?: StructElement;
  structType?: string;
  x?: number;
  y?: number;
  width?: number;
  /** Clip the text to this height instead of breaking the page (table cells, TOC rows). */
  height?: number;
}

interface Drawable {
  alt: string;
  /** Size on the page, in points. */
  width: number;
  height: number;
  draw(x: number, y: number): void;
}

interface Segment {
  x: number;
  y0: number;
  y1: number;
}

/** Where a question starts: page index (0-based) and distance from the top of the page. */
interface Placement {
  page: number;
  y: number;
}

const PX_TO_PT = 0.75;

/** How many questions share pdfkit's word-layout caches before they are emptied. */
const CACHE_QUESTIONS = 500;

/**
 * Options of every page. Passed explicitly: pages added without options inherit the
 * document's, whose `font` (the embedded default) pdfkit would load again for each page.
 */
const PAGE_OPTIONS = { size: PAGE_SIZE, margins: MARGINS } as PDFKit.PDFDocumentOptions;

/**
 * Lays out one study guide. Rendering is synchronous once the raster images are embedded
 * (`prepare`), so that the order of objects in the file — and so its bytes — depend only
 * on the input.
 */
export class Guide {
  private readonly doc: Doc;
  private readonly dests: Destinations;
  private readonly date: string;
  private readonly root: StructElement;
  private parent: StructElement;
  /** Left edge and width of the current column (lists and quotes indent it). */
  private x0 = MARGINS.left;
  private width: number;
  private readonly images = new Map<string, PDFKit.PDFImageObject>();
  /** Open block quotes: where their bar starts on the current page. */
  private readonly quotes: Array<{ x: number; page: number; y: number }> = [];
  /** Block-quote bars per page, drawn with the footers. */
  private readonly bars = new Map<number, Segment[]>();
  private readonly placements: Placement[] = [];
  /** Every page, in order (pdfkit keeps them too, privately). */
  private readonly pages: PDFKit.PDFPage[] = [];
  private question: Question | undefined;
  private inline: InlineContext | undefined;
  private listDepth = 0;

  constructor(
    private readonly corpus: Corpus,
    private readonly options: ExportOptions,
    info: { lang: string },
  ) {
    const date = options.date;
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new TypeError('exportPdf: options.date must be a valid Date (e.g. new Date(Date.UTC(2026, 0, 1)))');
    }
    this.date = date.toISOString().slice(0, 10);
    this.dests = new Destinations(corpus);
    const fonts = fontFiles();
    const documentOptions = {
      size: PAGE_SIZE,
      margins: MARGINS,
      // Every page stays in memory until the end: the footers need the page count.
      bufferPages: true,
      autoFirstPage: false,
      pdfVersion: '1.7',
      tagged: true,
      lang: info.lang,
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
    this.doc = new PDFDocument(documentOptions as unknown as PDFKit.PDFDocumentOptions);
    coalesceOutput(this.doc);
    escapeXmpMetadata(this.doc);
    for (const [face, bytes] of fonts) this.doc.registerFont(FACES[face], bytes as Buffer);
    this.width = this.pageWidth();
    sortDestinationsByBytes(this.doc);
    attachGoToLinksToStructure(this.doc);
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.parent = this.root;
    this.doc.on('pageAdded', () => this.onPageAdded());
  }

  /** Embeds every referenced PNG and JPEG, one at a time (pdfkit decodes some PNGs asynchronously). */
  async prepare(): Promise<void> {
    const keys = referencedImages(this.corpus, this.options.answers).filter((key) => this.options.assets.has(key));
    for (const key of keys.sort()) {
      const bytes = this.options.assets.get(key)!;
      const kind = sniffImage(bytes);
      if (kind !== 'png' && kind !== 'jpeg') continue;
      let image: PDFKit.PDFImageObject;
      try {
        image = this.doc.openImage(bytes);
        if (kind === 'png') checkPng(image);
        if (kind === 'jpeg' && !(image as { colorSpace?: string }).colorSpace) continue; // 2-channel or broken
      } catch {
        continue; // unreadable: the figure shows its alt text instead
      }
      image.embed(this.doc);
      while (image.image) await new Promise((resolve) => setImmediate(resolve));
      this.images.set(key, image);
    }
  }

  /** Draws the whole guide and returns the PDF bytes. */
  async render(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.titlePage();
    const toc = this.layoutToc();
    const tocFirst = this.pageCount();
    for (let i = 0; i < toc.pages; i++) this.doc.addPage(PAGE_OPTIONS);
    const tocHeading = this.doc.struct('H2');
    this.root.add(tocHeading);
    const tocElement = this.doc.struct('TOC');
    this.root.add(tocElement);
    this.doc.addPage(PAGE_OPTIONS);
    this.corpus.questions.forEach((q, i) => {
      if (i > 0 && i % CACHE_QUESTIONS === 0) clearLayoutCaches(this.doc);
      this.renderQuestion(q, i);
    });
    this.renderToc(toc, tocFirst, tocHeading, tocElement);
    tocHeading.end();
    tocElement.end();
    this.addOutline();
    this.decoratePages();
    this.root.end();
    this.doc.end();
    // Every image is embedded by now, so pdfkit finishes synchronously unless an object was
    // left open — which would otherwise leave the promise pending forever.
    const waiting = (this.doc as unknown as { _waiting?: number })._waiting ?? 0;
    if (waiting > 0) throw new Error(`exportPdf: internal error, ${waiting} PDF object(s) never finished`);
    await done;
    return concat(chunks);
  }

  // ---------------------------------------------------------------- title page

  private titlePage(): void {
    const doc = this.doc;
    doc.addPage(PAGE_OPTIONS);
    const x = MARGINS.left;
    const width = this.pageWidth();
    doc.y = 190;
    this.flow([{ text: 'STUDY GUIDE' }], { size: 10, bold: true, color: COLOR.accent, structType: 'P' });
    doc.y += 10;
    this.flow([{ text: this.corpus.title }], { size: SIZE.title, bold: true, color: COLOR.text, structType: 'H1', lineGap: 2 });
    doc.y += 14;
    this.artifact(() => doc.rect(x, doc.y, 64, 3.5).fill(COLOR.accent));
    doc.y += 24;
    if (this.corpus.description) {
      this.flow([{ text: this.corpus.description }], { size: 12.5, color: COLOR.muted, lineGap: 4.5, width: Math.min(width, 400) });
      doc.y += 26;
    }
    const count = this.corpus.questions.length;
    this.flow([{ text: `${count} ${count === 1 ? 'question' : 'questions'}`, bold: true }], { size: 11, color: COLOR.text });
    doc.y += 3;
    this.flow([{ text: this.date }], { size: 11, color: COLOR.muted });
  }

  // ---------------------------------------------------------------- table of contents

  private layoutToc(): { pages: number; rows: Array<{ page: number; y: number; height: number }> } {
    const doc = this.doc;
    const top = MARGINS.top;
    const bottom = PAGE_SIZE[1] - MARGINS.bottom;
    const rows: Array<{ page: number; y: number; height: number }> = [];
    let page = 0;
    let y = top + this.tocHeadingHeight();
    for (const q of this.corpus.questions) {
      const height = this.measure(q.question, { size: SIZE.tocEntry, width: this.tocTextWidth(), lineGap: 1.5 }) + 4.5;
      if (y + height > bottom) {
        page++;
        y = top;
      }
      rows.push({ page, y, height });
      y += height;
    }
    return { pages: page + 1, rows };
  }

  private tocHeadingHeight(): number {
    return SIZE.question * 1.2 * 1.164 + 18;
  }

  private tocNumberWidth(): number {
    return 30;
  }

  private tocTextWidth(): number {
    return this.pageWidth() - this.tocNumberWidth() - 44;
  }

  private renderToc(toc: { rows: Array<{ page: number; y: number; height: number }> }, first: number, heading: StructElement, element: StructElement): void {
    const doc = this.doc;
    const x = MARGINS.left;
    const width = this.pageWidth();
    const previous = this.parent;
    this.parent = element;
    doc.switchToPage(first);
    doc.y = MARGINS.top;
    this.flow([{ text: 'Contents' }], { size: SIZE.question * 1.2, bold: true, color: COLOR.text, structElement: heading });
    this.corpus.questions.forEach((q, i) => {
      const row = toc.rows[i]!;
      const target = this.placements[i]!;
      doc.switchToPage(first + row.page);
      const item = doc.struct('TOCI');
      element.add(item);
      const link = doc.struct('Link');
      item.add(link);
      this.parent = link;
      const pageLabel = String(target.page + 1);
      this.flow([{ text: `${q.number}.` }], {
        size: SIZE.tocEntry, color: COLOR.muted, x, y: row.y, width: this.tocNumberWidth() - 6, align: 'right', structElement: link, height: row.height,
      });
      this.flow([{ text: q.question }], {
        size: SIZE.tocEntry, color: COLOR.text, x: x + this.tocNumberWidth(), y: row.y, width: this.tocTextWidth(), lineGap: 1.5, structElement: link, height: row.height,
      });
      const lineHeight = SIZE.tocEntry * 1.164 + 1.5;
      const lastLineY = row.y + row.height - 4.5 - lineHeight;
      this.flow([{ text: pageLabel }], {
        size: SIZE.tocEntry, color: COLOR.text, x: x + width - 40, y: lastLineY, width: 40, align: 'right', structElement: link, height: lineHeight + 2,
      });
      doc.goTo(x, row.y, width, row.height - 2, this.dests.names[i]!, { structParent: link, Contents: pdfString(`${q.question}, page ${pageLabel}`) } as unknown as PDFKit.Mixins.AnnotationOption);
      link.end();
      item.end();
    });
    this.parent = previous;
  }

  // ---------------------------------------------------------------- questions

  private renderQuestion(q: Question, index: number): void {
    const doc = this.doc;
    this.question = q;
    // Core's tree of the answer, with the definitions and footnotes it uses.
    const answer = renderableAnswer(q, this.options.answers);
    this.inline = { resolve: (url) => this.dests.resolve(q, url), definitions: answer.definitions };
    const blocks = answer.tree.children;

    const section = this.open('Sect');
    this.parent = section;
    const headingRuns: Run[] = [{ text: `${q.number}. `, bold: true }, { text: q.question, bold: true }];
    const headingHeight = this.measure(runsText(headingRuns), { size: SIZE.question, bold: true, lineGap: 2 });
    const tagsHeight = q.tags.length > 0 ? SIZE.small * 1.164 + 4 : 0;
    const keep = headingHeight + tagsHeight + 8 + this.leadHeight(blocks[0]);
    if (!this.atTop()) doc.y += SIZE.questionGapBefore;
    if (doc.y + keep > this.maxY() && !this.atTop()) this.newPage();
    if (!this.atTop()) {
      const y = doc.y - SIZE.questionGapBefore / 2;
      this.artifact(() => doc.moveTo(MARGINS.left, y).lineTo(MARGINS.left + this.pageWidth(), y).lineWidth(0.6).strokeColor(COLOR.rule).stroke());
    }
    this.placements.push({ page: this.pageCount() - 1, y: doc.y });
    doc.addNamedDestination(this.dests.names[index]!, 'XYZ', null, Math.max(0, doc.y - 12), null);
    this.flowRuns(
      [{ ...headingRuns[0]!, color: COLOR.accent }, { ...headingRuns[1]!, color: COLOR.text }],
      { size: SIZE.question, lineGap: 2, structType: 'H2' },
    );
    if (q.tags.length > 0) {
      doc.y += 2;
      this.flow([{ text: q.tags.join(' · ') }], { size: SIZE.small, color: COLOR.muted });
    }
    doc.y += 8;
    this.blocks(blocks, SIZE.blockGap);
    section.end();
    this.parent = this.root;
    this.question = undefined;
    this.inline = undefined;
  }

  private blocks(nodes: readonly RootContent[], gap: number): void {
    let first = true;
    for (const node of nodes) {
      if (!drawsSomething(node)) continue;
      if (!first) this.gap(gap);
      first = false;
      this.block(node, gap);
    }
  }

  private block(node: RootContent, gap: number): void {
    switch (node.type) {
      case 'paragraph':
        return this.paragraph(node);
      case 'heading':
        return this.subheading(node);
      case 'list':
        return this.list(node);
      case 'code':
        return this.codeBlock(node);
      case 'blockquote':
        return this.blockquote(node);
      case 'table':
        return this.table(node);
      case 'thematicBreak':
        return this.rule();
      case 'footnoteDefinition': {
        const element = this.open('Note');
        const previous = this.parent;
        this.parent = element;
        this.flow([{ text: `[${node.label ?? node.identifier}]` }], { size: SIZE.small, color: COLOR.muted });
        this.blocks(node.children, gap);
        this.parent = previous;
        element.end();
        return;
      }
      case 'html':
      case 'definition':
      case 'yaml':
        return;
      default: {
        const text = plainText(node as Nodes).trim();
        if (text) this.flow([{ text }], {});
      }
    }
  }

  private paragraph(node: Paragraph): void {
    const context = this.inline!;
    if (isFigureParagraph(node.children)) {
      let first = true;
      for (const child of node.children) {
        if (child.type !== 'image' && child.type !== 'imageReference') continue;
        if (!first) this.gap(SIZE.blockGap);
        first = false;
        this.figure(child, true);
      }
      return;
    }
    const { runs, images } = inlineRuns(node.children, context);
    this.flowRuns(runs, { structType: 'P' });
    for (const image of images) {
      this.gap(SIZE.blockGap);
      this.figure(image, false);
    }
  }

  private subheading(node: Heading): void {
    const { runs } = inlineRuns(node.children, this.inline!);
    const bolded = runs.map((r) => ({ ...r, bold: true }));
    const height = this.measure(runsText(runs), { size: SIZE.subheading, bold: true });
    this.gap(4);
    this.ensure(height + KEEP_LINES * this.lineHeight());
    this.flowRuns(bolded, { size: SIZE.subheading, structType: `H${Math.min(6, Math.max(3, node.depth + 1))}` });
    this.doc.y += 1;
  }

  private list(node: List): void {
    const doc = this.doc;
    const ordered = node.ordered === true;
    const start = node.start ?? 1;
    doc.font(FACES.sans).fontSize(SIZE.body);
    const labels = node.children.map((item, i) => {
      if (typeof item.checked === 'boolean') return item.checked ? '☑' : '☐';
      if (ordered) return `${start + i}.`;
      return ['•', '◦', '▪'][Math.min(this.listDepth, 2)]!;
    });
    const labelWidth = Math.max(SIZE.listIndent, ...labels.map((l) => doc.widthOfString(l) + 7));
    const tight = node.spread !== true && node.children.every((item) => item.spread !== true);
    const element = this.open('L');
    const previous = this.parent;
    node.children.forEach((item, i) => {
      if (i > 0) this.gap(tight ? SIZE.tightGap : SIZE.blockGap);
      const li = doc.struct('LI');
      element.add(li);
      this.ensure(this.lineHeight());
      const label = labels[i]!;
      const lbl = doc.struct('Lbl');
      li.add(lbl);
      const y = doc.y;
      doc.font(FACES.sans).fontSize(SIZE.body).fillColor(ordered ? COLOR.text : COLOR.muted);
      const labelX = this.x0 + labelWidth - 6 - doc.widthOfString(label);
      this.mark(lbl, 'Lbl', () => doc.text(label, labelX, y, { lineBreak: false }));
      lbl.end();
      const body = doc.struct('LBody');
      li.add(body);
      this.parent = body;
      this.indent(labelWidth, () => {
        doc.x = this.x0;
        doc.y = y;
        this.listDepth++;
        this.blocks(item.children, tight ? SIZE.tightGap : SIZE.blockGap);
        this.listDepth--;
      });
      this.parent = previous;
      body.end();
      li.end();
    });
    element.end();
  }

  private codeBlock(node: Code): void {
    const doc = this.doc;
    const pad = SIZE.codePadding;
    const lines = expandTabs(node.value).replace(/\n+$/, '').split('\n');
    const innerWidth = this.width - 2 * pad;
    doc.font(FACES.mono).fontSize(SIZE.code);
    const oneLine = doc.currentLineHeight(true) + SIZE.codeLineGap;
    const heights = lines.map((line) =>
      doc.widthOfString(line) <= innerWidth ? oneLine : doc.heightOfString(line, { width: innerWidth, lineGap: SIZE.codeLineGap }),
    );
    const element = this.open('Code');
    let i = 0;
    while (i < lines.length) {
      const room = this.maxY() - doc.y - 2 * pad;
      if (room < heights[i]! && !this.atTop()) {
        this.newPage();
        continue;
      }
      let j = i;
      let height = 0;
      while (j < lines.length && (j === i || height + heights[j]! <= room)) height += heights[j++]!;
      const x = this.x0;
      const y = doc.y;
      this.artifact(() => doc.roundedRect(x, y, this.width, height + 2 * pad, 3).fill(COLOR.codeBg));
      const text = lines.slice(i, j).join('\n');
      doc.font(FACES.mono).fontSize(SIZE.code).fillColor(COLOR.text);
      this.mark(element, 'Code', () =>
        doc.text(text, x + pad, y + pad, { width: innerWidth, lineGap: SIZE.codeLineGap, height: height + 1 }),
      );
      doc.x = this.x0;
      doc.y = y + height + 2 * pad;
      i = j;
      if (i < lines.length) this.newPage();
    }
    element.end();
  }

  private blockquote(node: Blockquote): void {
    const doc = this.doc;
    const element = this.open('BlockQuote');
    const previous = this.parent;
    this.parent = element;
    this.ensure(this.lineHeight());
    const bar = { x: this.x0 + 2, page: this.pageCount() - 1, y: doc.y };
    this.quotes.push(bar);
    this.indent(SIZE.quoteIndent, () => {
      doc.x = this.x0;
      this.blocks(node.children, SIZE.blockGap);
    });
    this.quotes.pop();
    this.addBar(bar.page, { x: bar.x, y0: bar.y, y1: doc.y });
    this.parent = previous;
    element.end();
  }

  private table(node: Table): void {
    const doc = this.doc;
    const rows = node.children;
    const columns = Math.max(...rows.map((r) => r.children.length));
    if (columns === 0) return;
    const pad = 4.5;
    const cells = rows.map((row) => row.children.map((cell) => inlineRuns(cell.children, this.inline!).runs));
    // Column widths: proportional to the longest cell text, at least the longest word.
    const natural: number[] = [];
    const minimum: number[] = [];
    for (let c = 0; c < columns; c++) {
      let longest = 0;
      let word = 0;
      cells.forEach((row, r) => {
        const text = runsText(row[c] ?? []);
        doc.font(FACES[r === 0 ? 'sans-bold' : 'sans']).fontSize(SIZE.body - 0.5);
        longest = Math.max(longest, doc.widthOfString(text));
        for (const w of text.split(/\s+/)) word = Math.max(word, doc.widthOfString(w));
      });
      natural.push(Math.min(longest, this.width * 0.6) + 2 * pad);
      minimum.push(Math.min(word, this.width / columns) + 2 * pad);
    }
    const wanted = natural.map((n, c) => Math.max(n, minimum[c]!));
    const total = wanted.reduce((a, b) => a + b, 0);
    const widths = total <= this.width ? wanted : shrink(wanted, minimum, this.width);
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const size = SIZE.body - 0.5;
    const rowHeight = (r: number): number =>
      Math.max(
        ...widths.map((w, c) => this.measure(runsText(cells[r]![c] ?? []) || ' ', { size, bold: r === 0, width: w - 2 * pad })),
      ) + 2 * pad;

    const element = this.open('Table');
    const previous = this.parent;
    const drawRow = (r: number, repeated: boolean): void => {
      const height = Math.min(rowHeight(r), this.maxY() - MARGINS.top);
      if (doc.y + height > this.maxY()) {
        this.newPage();
        if (r > 0) drawRow(0, true);
      }
      const y = doc.y;
      const header = r === 0;
      // Every structure element is a PDF object that must be ended: a repeated header has none.
      const tr = repeated ? undefined : doc.struct('TR');
      if (tr) element.add(tr);
      let x = this.x0;
      this.artifact(() => {
        if (header) doc.rect(this.x0, y, tableWidth, height).fill(COLOR.tableHeaderBg);
        doc.lineWidth(0.6).strokeColor(COLOR.tableBorder);
        let cx = this.x0;
        for (const w of widths) {
          doc.rect(cx, y, w, height).stroke();
          cx += w;
        }
      });
      widths.forEach((w, c) => {
        const runs = (cells[r]![c] ?? []).map((run) => (header ? { ...run, bold: true } : run));
        const align = node.align?.[c] ?? undefined;
        if (repeated) {
          this.artifact(() => this.drawRuns(runs, { size, x: x + pad, y: y + pad, width: w - 2 * pad, height: height - 2 * pad + 1, align: align ?? 'left' }));
        } else {
          const cell = doc.struct(header ? 'TH' : 'TD', header ? { scope: 'Column' } : {});
          tr!.add(cell);
          this.parent = cell;
          if (runs.length > 0) {
            this.flowRuns(runs, { size, x: x + pad, y: y + pad, width: w - 2 * pad, height: height - 2 * pad + 1, align: align ?? 'left', structElement: cell });
          }
          cell.end();
        }
        x += w;
      });
      this.parent = previous;
      tr?.end();
      doc.x = this.x0;
      doc.y = y + height;
    };
    this.ensure(rowHeight(0) + (rows.length > 1 ? rowHeight(1) : 0));
    for (let r = 0; r < rows.length; r++) drawRow(r, false);
    element.end();
  }

  private rule(): void {
    const doc = this.doc;
    this.ensure(10);
    const y = doc.y + 4;
    this.artifact(() => doc.moveTo(this.x0, y).lineTo(this.x0 + this.width, y).lineWidth(0.8).strokeColor(COLOR.rule).stroke());
    doc.y = y + 5;
  }

  // ---------------------------------------------------------------- figures

  private figure(node: ImageNode, caption: boolean): void {
    const doc = this.doc;
    const alt = node.alt ?? '';
    const drawable = this.drawable(node);
    if (!drawable) {
      // Missing, external or unsupported image: its description stands in for it.
      this.flowRuns([{ text: alt ? `[image: ${alt}]` : '[image]', italic: true }], { color: COLOR.muted, structType: 'P' });
      return;
    }
    const captionHeight = caption && alt ? this.measure(alt, { size: SIZE.small, italic: true, width: this.width }) + 5 : 0;
    this.ensure(drawable.height + captionHeight);
    const x = this.x0 + (this.width - drawable.width) / 2;
    const y = doc.y;
    const figure = this.open('Figure', {
      alt: alt || 'image',
      bbox: [x, y, x + drawable.width, y + drawable.height],
      placement: 'Block',
    });
    this.mark(figure, 'Figure', () => drawable.draw(x, y));
    doc.x = this.x0;
    doc.y = y + drawable.height;
    if (captionHeight > 0) {
      doc.y += 5;
      this.flowRuns([{ text: alt, italic: true }], { size: SIZE.small, color: COLOR.muted, align: 'center', structElement: this.captionOf(figure) });
    }
    figure.end();
  }

  private captionOf(figure: StructElement): StructElement {
    const caption = this.doc.struct('Caption');
    figure.add(caption);
    return caption;
  }

  /** The image of a node, scaled to the column (never enlarged), or undefined when it cannot be drawn. */
  private drawable(node: ImageNode): Drawable | undefined {
    const url = node.type === 'image' ? node.url : this.inline!.definitions.get(normalizeIdentifier(node.identifier))?.url;
    if (url === undefined || !this.question) return undefined;
    const key = assetKey(this.question, url);
    if (key === undefined) return undefined;
    const bytes = this.options.assets.get(key);
    if (!bytes) return undefined;
    const maxWidth = this.width;
    const maxHeight = (PAGE_SIZE[1] - MARGINS.top - MARGINS.bottom) * 0.62;
    const fit = (w: number, h: number): { width: number; height: number; scale: number } => {
      const scale = Math.min(1, maxWidth / w, maxHeight / h);
      return { width: w * scale, height: h * scale, scale };
    };
    const alt = node.alt ?? '';
    const image = this.images.get(key);
    if (image) {
      const size = fit(image.width * PX_TO_PT, image.height * PX_TO_PT);
      return {
        alt,
        ...size,
        draw: (x, y) => {
          this.doc.image(image as unknown as Buffer, x, y, { width: size.width, height: size.height });
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
        const doc = this.doc;
        doc.save();
        doc.translate(x, y).scale(size.scale);
        try {
          SVGtoPDF(doc, svg, 0, 0, {
            width,
            height,
            preserveAspectRatio: 'xMidYMid meet',
            fontCallback: (family, bold, italic) => FACES[svgFace(family, bold, italic)],
            imageCallback: (link) => this.svgImage(link),
            documentCallback: () => [],
            warningCallback: () => {},
          });
        } finally {
          doc.restore();
        }
      },
    };
  }

  /** Images inside an SVG: only embedded PNG/JPEG data that pdfkit writes synchronously. */
  private svgImage(link: string): string | Uint8Array {
    const none = new Uint8Array(0);
    if (!/^\s*data:image\/(?:png|jpe?g);base64,/i.test(link)) return none;
    const cleaned = link.replace(/\s+/g, '');
    try {
      const image = this.doc.openImage(cleaned);
      if (image.image) checkPng(image);
      if (image.image && (image.image.hasAlphaChannel || image.image.interlaceMethod === 1 || image.image.transparency.indexed)) return none;
      return cleaned;
    } catch {
      return none;
    }
  }

  // ---------------------------------------------------------------- outline, footers

  private addOutline(): void {
    const doc = this.doc;
    const byFile = this.corpus.files.length > 1;
    const groups = new Map<string, PDFKit.PDFOutline>();
    this.corpus.questions.forEach((q, i) => {
      const at = this.placements[i]!;
      let parent = doc.outline;
      if (byFile) {
        let group = groups.get(q.source.file);
        if (!group) {
          const file = this.corpus.files.find((f) => f.file === q.source.file);
          group = doc.outline.addItem(file?.title || q.source.file, { pageNumber: at.page, fit: false, top: Math.max(0, at.y - 12), left: PAGE_SIZE[0], zoom: 0, expanded: true });
          groups.set(q.source.file, group);
        }
        parent = group;
      }
      // pdfkit writes `left` mirrored (page width − left): passing the page width gives 0.
      parent.addItem(`${q.number}. ${q.question}`, { pageNumber: at.page, fit: false, top: Math.max(0, at.y - 12), left: PAGE_SIZE[0], zoom: 0 });
    });
  }

  private decoratePages(): void {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    const title = this.corpus.title;
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const page = doc.page;
      const bars = this.bars.get(i) ?? [];
      if (bars.length > 0) {
        this.artifact(() => {
          for (const bar of bars) doc.rect(bar.x, bar.y0, 2.2, Math.max(0, bar.y1 - bar.y0)).fill(COLOR.quoteBar);
        });
      }
      if (i === 0) continue; // the title page has no footer
      // Writing below the bottom margin would start a new page: lift it while the footer is drawn.
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      const y = page.height - FOOTER_FROM_BOTTOM;
      const left = MARGINS.left;
      const width = this.pageWidth();
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.moveTo(left, y - 7).lineTo(left + width, y - 7).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      doc.font(FACES.sans).fontSize(SIZE.small).fillColor(COLOR.muted);
      const label = `page ${i + 1} of ${count}`;
      const labelWidth = doc.widthOfString(label);
      doc.text(ellipsize(doc, title, width - labelWidth - 24), left, y, { lineBreak: false });
      doc.text(label, left + width - labelWidth, y, { lineBreak: false });
      doc.endMarkedContent();
      page.margins.bottom = bottom;
    }
  }

  // ---------------------------------------------------------------- text

  /** Draws runs as one flowing, wrapped text, marked as one structure element. */
  private flowRuns(runs: readonly Run[], options: FlowOptions & { color?: string }): void {
    if (runs.length === 0) return;
    const doc = this.doc;
    const size = options.size ?? SIZE.body;
    if (options.y === undefined) this.ensure(size * 1.164 + (options.lineGap ?? SIZE.lineGap));
    const element = options.structElement ?? this.open(options.structType ?? 'P');
    this.drawRuns(runs, options, element);
    if (!options.structElement) element.end();
  }

  /** Shorthand for plain text in one style. */
  private flow(runs: readonly Run[], options: FlowOptions): void {
    this.flowRuns(
      runs.map((r) => ({ ...r, bold: r.bold ?? options.bold, italic: r.italic ?? options.italic })),
      options,
    );
  }

  /**
   * The core of the text layout: each run is one `text()` call with `continued: true`, so
   * that styles change inside a wrapped line. Link runs get their own `Link` structure
   * element (so the annotation is part of the tag tree); the rest is marked into `element`
   * (or left unmarked when drawing an artifact).
   */
  private drawRuns(runs: readonly Run[], options: FlowOptions & { color?: string }, element?: StructElement): void {
    const doc = this.doc;
    const size = options.size ?? SIZE.body;
    const x = options.x ?? this.x0;
    const width = options.width ?? this.width;
    const lineGap = options.lineGap ?? SIZE.lineGap;
    let open = false;
    const close = (): void => {
      if (open) doc.endMarkedContent();
      open = false;
    };
    // A hard line break ends one continued text and starts the next at the left edge: pdfkit
    // cannot end a continued text with an empty line.
    let startOfLine = true;
    let first = true;
    runs.forEach((run, i) => {
      if (run.text === '\n') {
        if (startOfLine && !first) doc.y += doc.currentLineHeight(true) + lineGap;
        startOfLine = true;
        return;
      }
      const last = i === runs.length - 1 || runs[i + 1]!.text === '\n';
      doc.font(FACES[face(run)]).fontSize(size);
      doc.fillColor(run.link ? COLOR.link : run.mono ? COLOR.code : (run.color ?? options.color ?? COLOR.text));
      const textOptions: Record<string, unknown> = {
        width,
        lineGap,
        continued: !last,
        align: options.align ?? 'left',
        // null, not undefined: a continued text inherits options the call leaves undefined.
        link: run.link?.kind === 'url' ? run.link.url : null,
        goTo: run.link?.kind === 'dest' ? run.link.name : null,
        underline: run.link?.kind === 'url',
        strike: run.strike === true,
      };
      if (first && options.height !== undefined) textOptions.height = options.height;
      let linkElement: StructElement | undefined;
      if (element && run.link) {
        close();
        linkElement = doc.struct('Link');
        element.add(linkElement);
        linkElement.add(doc.markStructureContent('Link'));
        doc._currentStructureElement = linkElement;
      } else if (element && !open) {
        element.add(doc.markStructureContent(tagOf(element)));
        open = true;
      }
      const text = run.text;
      if (startOfLine) doc.text(text, x, first ? (options.y ?? doc.y) : doc.y, textOptions as PDFKit.Mixins.TextOptions);
      else doc.text(text, textOptions as PDFKit.Mixins.TextOptions);
      startOfLine = false;
      first = false;
      if (linkElement) {
        doc._currentStructureElement = undefined;
        doc.endMarkedContent();
        linkElement.end();
      }
    });
    close();
    doc.x = this.x0;
  }

  private measure(text: string, options: { size?: number; bold?: boolean; italic?: boolean; width?: number; lineGap?: number }): number {
    const doc = this.doc;
    doc.font(FACES[face({ bold: options.bold, italic: options.italic })]).fontSize(options.size ?? SIZE.body);
    const width = options.width ?? this.width;
    const lineGap = options.lineGap ?? SIZE.lineGap;
    // Most headings and contents entries fit on one line: no need to run the line wrapper.
    if (!text.includes('\n') && doc.widthOfString(text) <= width) return doc.currentLineHeight(true) + lineGap;
    return doc.heightOfString(text, { width, lineGap });
  }

  /** How much of a block must fit below a heading: its first few lines, or all of a figure. */
  private leadHeight(node: RootContent | undefined): number {
    const lines = KEEP_LINES * this.lineHeight();
    if (!node) return 0;
    switch (node.type) {
      case 'paragraph': {
        if (isFigureParagraph(node.children)) {
          const image = node.children.find((c): c is ImageNode => c.type === 'image' || c.type === 'imageReference');
          const drawable = image && this.inline ? this.drawable(image) : undefined;
          return drawable ? drawable.height : lines;
        }
        // A few lines' worth of text is enough to know whether it fills KEEP_LINES lines.
        const text = plainText(node).slice(0, 160 * KEEP_LINES);
        this.doc.font(FACES.sans).fontSize(SIZE.body);
        // Text wider than KEEP_LINES full lines wraps to at least KEEP_LINES lines.
        if (this.doc.widthOfString(text) > KEEP_LINES * this.width) return lines;
        return Math.min(this.measure(text || ' ', {}), lines);
      }
      case 'list':
        return this.leadHeight(node.children[0]?.children[0]);
      case 'blockquote':
        return this.leadHeight(node.children[0]);
      case 'code': {
        const codeLines = Math.min(KEEP_LINES, node.value.split('\n').length);
        return codeLines * (SIZE.code * 1.164 + SIZE.codeLineGap) + 2 * SIZE.codePadding;
      }
      case 'heading':
        return SIZE.subheading * 1.164 + 4 + lines;
      case 'table':
        return 2 * (this.lineHeight() + 9);
      default:
        return this.lineHeight();
    }
  }

  // ---------------------------------------------------------------- helpers

  private lineHeight(): number {
    return SIZE.body * 1.164 + SIZE.lineGap;
  }

  private pageWidth(): number {
    return PAGE_SIZE[0] - MARGINS.left - MARGINS.right;
  }

  private maxY(): number {
    return PAGE_SIZE[1] - MARGINS.bottom;
  }

  private pageCount(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count;
  }

  private atTop(): boolean {
    return this.doc.y <= MARGINS.top + 0.5;
  }

  private gap(size: number): void {
    if (!this.atTop()) this.doc.y += size;
  }

  /** Starts a new page unless `height` fits below the current position (or nothing would help). */
  private ensure(height: number): void {
    if (this.doc.y + height > this.maxY() && !this.atTop()) this.newPage();
  }

  private newPage(): void {
    // continueOnNewPage closes the open marked content and reopens it on the new page.
    this.doc.continueOnNewPage(PAGE_OPTIONS);
    this.doc.x = this.x0;
    this.doc.y = MARGINS.top;
  }

  private onPageAdded(): void {
    this.pages.push(this.doc.page);
    const previous = this.pages[this.pages.length - 2];
    if (previous) closeContentStream(this.doc, previous);
    const page = this.pageCount() - 1;
    for (const quote of this.quotes) {
      this.addBar(quote.page, { x: quote.x, y0: quote.y, y1: this.maxY() });
      quote.page = page;
      quote.y = MARGINS.top;
    }
  }

  private addBar(page: number, segment: Segment): void {
    if (segment.y1 - segment.y0 < 1) return;
    const list = this.bars.get(page);
    if (list) list.push(segment);
    else this.bars.set(page, [segment]);
  }

  private indent(by: number, body: () => void): void {
    this.x0 += by;
    this.width -= by;
    try {
      body();
    } finally {
      this.x0 -= by;
      this.width += by;
      this.doc.x = this.x0;
    }
  }

  private open(type: string, options?: PDFKit.Mixins.StructureElementOptions): StructElement {
    const element = this.doc.struct(type, options ?? {});
    this.parent.add(element);
    return element;
  }

  private mark(element: StructElement, tag: string, draw: () => void): void {
    element.add(this.doc.markStructureContent(tag));
    draw();
    this.doc.endMarkedContent();
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }
}

function face(run: { bold?: boolean | undefined; italic?: boolean | undefined; mono?: boolean | undefined }): Face {
  if (run.mono) return run.bold ? 'mono-bold' : 'mono';
  if (run.bold && run.italic) return 'sans-bolditalic';
  if (run.bold) return 'sans-bold';
  if (run.italic) return 'sans-italic';
  return 'sans';
}

function svgFace(family: string, bold: boolean, italic: boolean): Face {
  if (/mono|courier|consol|menlo/i.test(family)) return bold ? 'mono-bold' : 'mono';
  return face({ bold, italic });
}

function tagOf(element: StructElement): string {
  return String((element.dictionary.data as { S?: unknown }).S ?? 'P');
}

function drawsSomething(node: RootContent): boolean {
  return node.type !== 'html' && node.type !== 'definition' && node.type !== 'yaml';
}

function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
      return out;
    })
    .join('\n');
}

/** Shrinks columns proportionally to fit `width`, never below their minimum where possible. */
function shrink(wanted: number[], minimum: number[], width: number): number[] {
  const floor = minimum.reduce((a, b) => a + b, 0);
  if (floor >= width) return minimum.map((m) => (m * width) / floor);
  const flexible = wanted.map((w, i) => w - minimum[i]!);
  const flex = flexible.reduce((a, b) => a + b, 0);
  return wanted.map((_, i) => minimum[i]! + (flexible[i]! * (width - floor)) / flex);
}

function ellipsize(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let out = text;
  while (out.length > 1 && doc.widthOfString(`${out}…`) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/**
 * pdfkit sorts the named-destination tree with `localeCompare`, but readers binary-search it
 * in byte order of the encoded keys (PDFDocEncoding, or UTF-16BE with a BOM when non-ASCII).
 */
function sortDestinationsByBytes(doc: Doc): void {
  const dests = doc._root?.data?.Names?.data?.Dests;
  if (!dests) return;
  const encode = (key: string): string => {
    if (!/[^\x00-\x7f]/.test(key)) return key;
    let out = '\xfe\xff';
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      out += String.fromCharCode(code >> 8, code & 0xff);
    }
    return out;
  };
  dests._compareKeys = (a, b) => {
    const ea = encode(a);
    const eb = encode(b);
    return ea < eb ? -1 : ea > eb ? 1 : 0;
  };
}

/**
 * pdfkit attaches `link` annotations to an enclosing `Link` structure element but not `goTo`
 * ones; route those the same way so that every link is in the tag tree.
 */
function attachGoToLinksToStructure(doc: Doc): void {
  const goTo = doc.goTo.bind(doc);
  doc.goTo = function (this: Doc, x, y, w, h, name, options) {
    const current = doc._currentStructureElement;
    const inLink = current && tagOf(current) === 'Link';
    const extra = inLink && !(options as { structParent?: unknown } | undefined)?.structParent ? { structParent: current, Contents: pdfString('link to another question') } : {};
    return goTo(x, y, w, h, name, { ...(options ?? {}), ...extra } as unknown as PDFKit.Mixins.AnnotationOption);
  } as Doc['goTo'];
}

/**
 * Memory: with `bufferPages`, pdfkit keeps every page's content stream, uncompressed and in
 * one small Uint8Array per operator, until the end — gigabytes for a few thousand pages.
 * When the layout leaves a page, its content so far is compressed and written out now, and
 * the page gets a second, empty stream for what comes later (footer, block-quote bars, the
 * table of contents). A page's /Contents may be an array of streams, read as one; no marked
 * content spans the split, because pdfkit closes every open marking before it adds a page.
 */
function closeContentStream(doc: Doc, page: PDFKit.PDFPage): void {
  const dictionary = page.dictionary.data as { Contents?: unknown };
  const written = Array.isArray(dictionary.Contents) ? dictionary.Contents : [dictionary.Contents];
  page.content.end(undefined);
  const rest = doc.ref({});
  // A stream, even if nothing more is drawn on the page (an empty object is not a stream).
  rest.write('');
  page.content = rest;
  dictionary.Contents = [...written, rest];
}

/**
 * Memory: pdfkit pushes every object to the output stream in several small chunks, and the
 * stream holds them until the (synchronous) rendering ends. Gathering them into 64 KiB
 * blocks keeps the bytes identical and the object count low.
 */
function coalesceOutput(doc: Doc): void {
  const push = doc.push.bind(doc);
  const size = 1 << 16;
  let block = new Uint8Array(size);
  let used = 0;
  const flush = (): void => {
    if (used > 0) push(block.slice(0, used));
    used = 0;
  };
  doc.push = (chunk: unknown): boolean => {
    if (!(chunk instanceof Uint8Array)) {
      flush();
      return push(chunk);
    }
    if (chunk.length >= size / 2) {
      flush();
      return push(chunk);
    }
    if (used + chunk.length > size) {
      flush();
      block = new Uint8Array(size);
    }
    block.set(chunk, used);
    used += chunk.length;
    return true;
  };
}

/**
 * Memory: each embedded font caches the glyph layout of every distinct word it has drawn,
 * so the caches grow with the corpus's vocabulary (hundreds of MB at 10,000 questions).
 * Emptying them now and then keeps the speed (common words come back at once) and bounds
 * the memory; the layout, and so the output, is the same with or without a cache.
 */
function clearLayoutCaches(doc: Doc): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies ?? {};
  for (const font of Object.values(families)) {
    if (font.layoutCache) font.layoutCache = Object.create(null);
  }
}

/**
 * pdfkit copies the title and subject into the XMP metadata as they are: a title such as
 * "Q&A <guide>" would make the XML malformed. Escape them there (the Info dictionary, written
 * earlier, keeps the plain text).
 */
function escapeXmpMetadata(doc: Doc): void {
  const target = doc as unknown as { _addInfo?: () => void; info: Record<string, unknown> };
  const addInfo = target._addInfo?.bind(doc);
  if (!addInfo) return;
  target._addInfo = () => {
    const saved = { ...target.info };
    for (const [key, value] of Object.entries(target.info)) {
      if (typeof value === 'string') target.info[key] = escapeXml(value);
    }
    try {
      addInfo();
    } finally {
      Object.assign(target.info, saved);
    }
  };
}

function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A PDF text string: pdfkit writes a plain JS string as a name (`/…`), a String object as text. */
function pdfString(text: string): string {
  // eslint-disable-next-line no-new-wrappers, @typescript-eslint/no-wrapper-object-types
  return new String(text) as unknown as string;
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
function checkPng(image: PDFKit.PDFImageObject): void {
  const png = image.image;
  if (!png) return;
  const data = inflateSync(png.imgData);
  if (!(png.hasAlphaChannel || png.interlaceMethod === 1 || png.transparency.indexed)) return;
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
