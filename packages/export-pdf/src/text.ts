/**
 * Text flow: runs of styled text drawn as one wrapped text, links as annotations inside
 * `Link` structure elements, and the text marked into the tag tree.
 */
import { FACES, type Face } from './fonts.js';
import type { Run } from './inline.js';
import { ensure, open, type Layout, type StructElement } from './layout.js';
import { drawFormula } from './math/draw.js';
import { typeset, type TypesetMath } from './math/tex.js';
import { setCurrentStructureElement, structType } from './pdfkit/internals.js';
import { COLOR, SIZE } from './theme.js';

/** Options of one call that draws text; `null` clears what a continued text would inherit. */
export interface FlowOptions {
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

/** The font face of a run's style. */
export function face(run: { bold?: boolean | undefined; italic?: boolean | undefined; mono?: boolean | undefined }): Face {
  if (run.mono) return run.bold ? 'mono-bold' : 'mono';
  if (run.bold && run.italic) return 'sans-bolditalic';
  if (run.bold) return 'sans-bold';
  if (run.italic) return 'sans-italic';
  return 'sans';
}

/** Draws runs as one flowing, wrapped text, marked as one structure element. */
export function flowRuns(context: Layout, runs: readonly Run[], options: FlowOptions): void {
  if (runs.length === 0) return;
  const size = options.size ?? SIZE.body;
  if (options.y === undefined) ensure(context, size * 1.164 + (options.lineGap ?? SIZE.lineGap));
  const element = options.structElement ?? open(context, options.structType ?? 'P');
  drawRuns(context, runs, options, element);
  if (!options.structElement) element.end();
}

/** Shorthand for plain text in one style. */
export function flow(context: Layout, runs: readonly Run[], options: FlowOptions): void {
  flowRuns(
    context,
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
export function drawRuns(context: Layout, runs: readonly Run[], options: FlowOptions, element?: StructElement): void {
  const doc = context.doc;
  const size = options.size ?? SIZE.body;
  const x = options.x ?? context.x0;
  const width = options.width ?? context.width;
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
    const formula = run.math === undefined ? undefined : inlineFormula(run.math, size);
    // TeX that does not parse (invalid-math reports it) prints as written, in the code face.
    if (run.math !== undefined && !formula) run = { ...run, mono: true, text: run.math };
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
      // Inline math: the stand-in no-break space stretched to the formula's width (pdfkit adds
      // the character spacing once to each word it measures, and after each glyph it draws), and the
      // formula drawn on their baseline when pdfkit places them (see drawInlineBoxes).
      characterSpacing: formula ? formula.width - doc.widthOfString(run.text) : 0,
      inlineBox: formula ? { draw: (fx: number, baseline: number) => drawFormula(doc, formula, fx, baseline - (formula.height - formula.depth)) } : null,
    };
    if (first && options.height !== undefined) textOptions.height = options.height;
    let linkElement: StructElement | undefined;
    if (element && formula) {
      // A formula of its own in the tag tree, its TeX the alternative text.
      close();
      linkElement = doc.struct('Formula', { alt: run.math });
      element.add(linkElement);
      linkElement.add(doc.markStructureContent('Formula'));
    } else if (element && run.link) {
      close();
      linkElement = doc.struct('Link');
      element.add(linkElement);
      linkElement.add(doc.markStructureContent('Link'));
      setCurrentStructureElement(doc, linkElement);
    } else if (element && !open) {
      element.add(doc.markStructureContent(structType(element)));
      open = true;
    }
    const text = run.text;
    if (startOfLine) doc.text(text, x, first ? (options.y ?? doc.y) : doc.y, textOptions as PDFKit.Mixins.TextOptions);
    else doc.text(text, textOptions as PDFKit.Mixins.TextOptions);
    startOfLine = false;
    first = false;
    if (linkElement) {
      if (!formula) setCurrentStructureElement(doc, undefined);
      doc.endMarkedContent();
      linkElement.end();
    }
  });
  close();
  doc.x = context.x0;
}

/** The height that `text` takes in one style, wrapped to the column (or `options.width`). */
export function measure(context: Layout, text: string, options: { size?: number; bold?: boolean; italic?: boolean; width?: number; lineGap?: number }): number {
  const doc = context.doc;
  doc.font(FACES[face({ bold: options.bold, italic: options.italic })]).fontSize(options.size ?? SIZE.body);
  const width = options.width ?? context.width;
  const lineGap = options.lineGap ?? SIZE.lineGap;
  // Most headings and contents entries fit on one line: no need to run the line wrapper.
  if (!text.includes('\n') && doc.widthOfString(text) <= width) return doc.currentLineHeight(true) + lineGap;
  return doc.heightOfString(text, { width, lineGap });
}

/** Inline math typeset at the text's size, or undefined when its TeX does not parse. */
function inlineFormula(tex: string, size: number): TypesetMath | undefined {
  try {
    return typeset(tex, false, size);
  } catch {
    return undefined;
  }
}
