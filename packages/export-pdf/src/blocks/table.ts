import type { Table } from 'mdast';
import { FACES } from '../fonts.js';
import { inlineRuns, runsText } from '../inline.js';
import { artifact, ensure, maxY, newPage, open, within } from '../layout.js';
import { drawRuns, flowRuns, measure } from '../text.js';
import { COLOR, MARGINS, SIZE } from '../theme.js';
import type { BlockContext } from './context.js';

const PAD = 4.5;

/**
 * A table: columns as wide as their text needs (shrunk to the column when too wide), rows
 * kept whole, and the header row repeated (as decoration) on each page the table continues on.
 */
export function table(context: BlockContext, node: Table): void {
  const doc = context.doc;
  const rows = node.children;
  const columns = Math.max(...rows.map((r) => r.children.length));
  if (columns === 0) return;
  const cells = rows.map((row) => row.children.map((cell) => inlineRuns(cell.children, context.inline).runs));
  const widths = columnWidths(context, cells, columns);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const size = SIZE.body - 0.5;
  const rowHeight = (r: number): number =>
    Math.max(
      ...widths.map((w, c) => measure(context, runsText(cells[r]![c] ?? []) || ' ', { size, bold: r === 0, width: w - 2 * PAD })),
    ) + 2 * PAD;

  const element = open(context, 'Table');
  const drawRow = (r: number, repeated: boolean): void => {
    const height = Math.min(rowHeight(r), maxY() - MARGINS.top);
    if (doc.y + height > maxY()) {
      newPage(context);
      if (r > 0) drawRow(0, true);
    }
    const y = doc.y;
    const header = r === 0;
    // Every structure element is a PDF object that must be ended: a repeated header has none.
    const tr = repeated ? undefined : doc.struct('TR');
    if (tr) element.add(tr);
    let x = context.x0;
    artifact(doc, () => {
      if (header) doc.rect(context.x0, y, tableWidth, height).fill(COLOR.tableHeaderBg);
      doc.lineWidth(0.6).strokeColor(COLOR.tableBorder);
      let cx = context.x0;
      for (const w of widths) {
        doc.rect(cx, y, w, height).stroke();
        cx += w;
      }
    });
    widths.forEach((w, c) => {
      const runs = (cells[r]![c] ?? []).map((run) => (header ? { ...run, bold: true } : run));
      const align = node.align?.[c] ?? 'left';
      const box = { size, x: x + PAD, y: y + PAD, width: w - 2 * PAD, height: height - 2 * PAD + 1, align };
      if (repeated) {
        artifact(doc, () => drawRuns(context, runs, box));
      } else {
        const cell = doc.struct(header ? 'TH' : 'TD', header ? { scope: 'Column' } : {});
        tr!.add(cell);
        if (runs.length > 0) flowRuns(within(context, { parent: cell }), runs, { ...box, structElement: cell });
        cell.end();
      }
      x += w;
    });
    tr?.end();
    doc.x = context.x0;
    doc.y = y + height;
  };
  ensure(context, rowHeight(0) + (rows.length > 1 ? rowHeight(1) : 0));
  for (let r = 0; r < rows.length; r++) drawRow(r, false);
  element.end();
}

/** Column widths: proportional to the longest cell text, at least the longest word. */
function columnWidths(context: BlockContext, cells: ReadonlyArray<ReadonlyArray<ReadonlyArray<{ text: string }>>>, columns: number): number[] {
  const doc = context.doc;
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
    natural.push(Math.min(longest, context.width * 0.6) + 2 * PAD);
    minimum.push(Math.min(word, context.width / columns) + 2 * PAD);
  }
  const wanted = natural.map((n, c) => Math.max(n, minimum[c]!));
  const total = wanted.reduce((a, b) => a + b, 0);
  return total <= context.width ? wanted : shrink(wanted, minimum, context.width);
}

/** Shrinks columns proportionally to fit `width`, never below their minimum where possible. */
function shrink(wanted: number[], minimum: number[], width: number): number[] {
  const floor = minimum.reduce((a, b) => a + b, 0);
  if (floor >= width) return minimum.map((m) => (m * width) / floor);
  const flexible = wanted.map((w, i) => w - minimum[i]!);
  const flex = flexible.reduce((a, b) => a + b, 0);
  return wanted.map((_, i) => minimum[i]! + (flexible[i]! * (width - floor)) / flex);
}
