import type { Code } from 'mdast';
import { FACES } from '../fonts.js';
import { artifact, atTop, mark, maxY, newPage, open } from '../layout.js';
import { COLOR, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';
import { colourLines, type Segment } from './code-colours.js';
import { textAt } from '../pdfkit/internals.js';

/** The mark at the start of a wrapped line's continuation (decoration: not in the text layer). */
export const CONTINUATION = '↪';
/** Extra indent of a continuation, in columns: the mark and a space. */
const CONTINUATION_INDENT = 2;
/** Height of the "continues" note at the foot of a block split across pages. */
const NOTE_HEIGHT = 10;

/** One line as drawn: its text and, on a continuation, the column of the mark. */
export interface VisualLine {
  text: string;
  mark?: number;
}

/**
 * A code block: monospaced lines on a shaded box, split across pages between lines. A line
 * too long for the box wraps: the rest continues below, indented past the line's own indent,
 * after a ↪ mark. A block split across pages says so at the foot of each part but the last.
 * A block in a language highlight.js knows is drawn in print colours (code-colours.ts), with
 * the same highlighter and languages as the deck; any other block is plain.
 */
export function code(context: BlockContext, node: Code): void {
  const doc = context.doc;
  const pad = SIZE.codePadding;
  const innerWidth = context.width - 2 * pad;
  doc.font(FACES.mono).fontSize(SIZE.code);
  // pdfkit wraps a line that is followed by a line break unless one more character fits.
  const column = doc.widthOfString('M');
  const columns = Math.max(8, Math.floor(innerWidth / column) - 1);
  const source = expandTabs(node.value).replace(/\n+$/, '');
  const lines = source
    .split('\n')
    .flatMap((line): VisualLine[] => (doc.widthOfString(line) + column <= innerWidth ? [{ text: line }] : wrapCode(line, columns)));
  const oneLine = doc.currentLineHeight(true) + SIZE.codeLineGap;
  const heights = lines.map((line) =>
    doc.widthOfString(line.text) + column <= innerWidth ? oneLine : doc.heightOfString(line.text, { width: innerWidth, lineGap: SIZE.codeLineGap }),
  );
  // Highlighted in print colours when the block names a language highlight.js knows.
  const colours = colourLines(node.lang, source, lines, (mark) => mark + CONTINUATION_INDENT);
  /**
   * The end of the part that starts at line `i` and fits in `room`: at least one line, and a
   * wrapped line is not split from its continuations unless it alone is taller than the room.
   */
  const partEnd = (i: number, room: number): { j: number; height: number } => {
    let j = i;
    let height = 0;
    while (j < lines.length && (j === i || height + heights[j]! <= room)) height += heights[j++]!;
    let k = j;
    while (k > i + 1 && k < lines.length && lines[k]!.mark !== undefined) k--;
    if (k > i && k < j && lines[k]!.mark === undefined) {
      for (let m = k; m < j; m++) height -= heights[m]!;
      j = k;
    }
    return { j, height };
  };
  const element = open(context, 'Code');
  let i = 0;
  while (i < lines.length) {
    const room = maxY() - doc.y - 2 * pad;
    if (room < heights[i]! && !atTop(doc)) {
      newPage(context);
      continue;
    }
    let { j, height } = partEnd(i, room);
    const split = j < lines.length;
    if (split) ({ j, height } = partEnd(i, room - NOTE_HEIGHT));
    const x = context.x0;
    const y = doc.y;
    const boxHeight = height + 2 * pad + (split ? NOTE_HEIGHT : 0);
    // Drawn from its own corner (translated): the same box on another block is the same path,
    // which compresses to almost nothing.
    artifact(doc, () => doc.translate(x, y).roundedRect(0, 0, context.width, boxHeight, 3).fill(COLOR.codeBg));
    const part = lines.slice(i, j);
    doc.font(FACES.mono).fontSize(SIZE.code).fillColor(COLOR.text);
    const segments = colours?.slice(i, j);
    mark(doc, element, 'Code', () =>
      segments
        ? drawSegments(context, segments, heights.slice(i, j), oneLine, x + pad, y + pad, innerWidth)
        : doc.text(part.map((l) => l.text).join('\n'), x + pad, y + pad, { width: innerWidth, lineGap: SIZE.codeLineGap, height: height + 1 }),
    );
    drawMarks(context, part, heights.slice(i, j), x + pad, y + pad);
    if (split) drawContinues(context, x + context.width - pad, y + pad + height + 1);
    doc.x = context.x0;
    doc.y = y + boxHeight;
    i = j;
    if (i < lines.length) newPage(context);
  }
  element.end();
}

/**
 * Highlighted lines, each at its top: its segments one after the other in their inks. A line
 * that is wider than the box even after wrapping (wide characters) wraps as one plain text.
 */
function drawSegments(
  context: BlockContext,
  lines: readonly Segment[][],
  heights: readonly number[],
  oneLine: number,
  x: number,
  y: number,
  width: number,
): void {
  const doc = context.doc;
  let top = y;
  lines.forEach((segments, k) => {
    if (heights[k] !== oneLine) {
      doc.font(FACES.mono).fillColor(COLOR.text);
      doc.text(segments.map((s) => s.text).join(''), x, top, { width, lineGap: SIZE.codeLineGap, height: heights[k]! + 1 });
    } else {
      let left = x;
      for (const segment of segments) {
        doc.font(segment.ink?.bold ? FACES['mono-bold'] : FACES.mono).fillColor(segment.ink?.color ?? COLOR.text);
        left += textAt(doc, segment.text, left, top);
      }
    }
    top += heights[k]!;
  });
  doc.font(FACES.mono).fillColor(COLOR.text);
}

/** The ↪ marks of the continuation lines of one part, each at its line's top. */
function drawMarks(context: BlockContext, part: readonly VisualLine[], heights: readonly number[], x: number, y: number): void {
  if (!part.some((l) => l.mark !== undefined)) return;
  const doc = context.doc;
  artifact(doc, () => {
    doc.font(FACES.mono).fontSize(SIZE.code).fillColor(COLOR.muted);
    const column = doc.widthOfString('M');
    let top = y;
    part.forEach((line, k) => {
      if (line.mark !== undefined) doc.text(CONTINUATION, x + line.mark * column, top, { lineBreak: false });
      top += heights[k]!;
    });
  });
}

/** "continues on the next page", right-aligned at the foot of a part. */
function drawContinues(context: BlockContext, right: number, y: number): void {
  const doc = context.doc;
  artifact(doc, () => {
    doc.font(FACES['sans-italic']).fontSize(SIZE.small - 1).fillColor(COLOR.muted);
    const note = 'continues on the next page';
    doc.text(note, right - doc.widthOfString(note), y, { lineBreak: false });
  });
}

/**
 * Wraps one line of code to `columns` columns: at the last space in the second half of the
 * width, else anywhere. Continuations are indented by the line's own indent plus two columns,
 * with the mark in the first of them.
 */
export function wrapCode(line: string, columns: number): VisualLine[] {
  const chars = Array.from(line);
  const lead = chars.length - Array.from(line.trimStart()).length;
  const indent = Math.min(lead + CONTINUATION_INDENT, Math.floor(columns / 2));
  const out: VisualLine[] = [];
  let rest = chars;
  let width = columns;
  while (rest.length > width) {
    let cut = width;
    for (let k = width; k > width / 2; k--) {
      if (rest[k - 1] === ' ' && rest[k] !== ' ') {
        cut = k;
        break;
      }
    }
    const head = rest.slice(0, cut).join('');
    out.push(out.length === 0 ? { text: head } : { text: ' '.repeat(indent) + head, mark: indent - CONTINUATION_INDENT });
    rest = rest.slice(cut);
    width = columns - indent;
  }
  const tail = rest.join('');
  out.push(out.length === 0 ? { text: tail } : { text: ' '.repeat(indent) + tail, mark: indent - CONTINUATION_INDENT });
  return out;
}

/** Tabs to spaces, at stops of 4 columns. */
export function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
      return out;
    })
    .join('\n');
}
