import type { Code, Heading, Html, InlineCode, Link, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import type { Math as MathBlock } from 'mdast-util-math';
import type { Point, Position } from 'unist';
import { lastAtOrBefore } from './line-index.js';

/**
 * A fast path for the Markdown that makes up nearly all of a question corpus: ATX headings,
 * paragraphs, lists (flat ones of one-paragraph items; nested ones, task items and items of two
 * paragraphs in `nestedList`), fenced code, display math (`mathBlock`), HTML comments and GFM
 * tables whose rows start and end with a pipe (`table`), with inline content that is plain
 * text, code spans, plain autolink literals (bare URLs, `www.` and
 * e-mail addresses: `autolinkLiterals`), or math and backslash escapes (`mathInline`), and
 * one-line `**strong**` (`strongOnly`). micromark spends ~1 µs per character on any
 * input; this scanner builds the same mdast (same nodes, fields, key order and positions)
 * for that subset at a fraction of the cost and a fraction of the garbage.
 *
 * It is conservative by construction. A section (one question) that contains anything else
 * (block quotes, other tables, nested or loose multi-paragraph items, setext headings, tabs, link
 * definitions, …) makes `scanSection` return undefined, and the caller parses that section
 * with micromark. A paragraph or heading whose inline content has any other Markdown syntax
 * (emphasis, links, entities, autolinks, HTML, hard breaks, or escapes beside any of them) is returned as a
 * `Deferred` node: its source is parsed by micromark — many of them in one call — and
 * spliced in. The differential tests compare the result with micromark's on whole
 * corpora and on generated Markdown.
 */

/**
 * A block whose inline content micromark must parse: `source` (whole lines of the file, from
 * `offset` on line `line`) is parsed on its own and its positions moved back. For the
 * paragraph of a list item, `source` is the whole item (marker included), so that micromark
 * sees the indentation as the item's, as it does in the file.
 */
export interface Deferred {
  type: 'deferred';
  kind: 'paragraph' | 'heading' | 'item';
  line: number;
  offset: number;
  source: string;
  /** Filled in by the caller with the parsed node. */
  node?: Paragraph | Heading;
}

export type ScannedBlock = RootContent | Deferred;

interface Line {
  start: number;
  /** Offset of the line feed (or end of section). */
  end: number;
  number: number;
}

// Characters that make inline content more than text and code spans (`$` is math).
// (`!` is not special on its own: an image starts with `![`, and `[` is. Underscores are
// looked at by `underscoresMayPair`.)
const INLINE_SPECIAL = /[\\&*~[\]<|$]|https?:|www\.|@|[ \t]$|[ \t]\n/im;

/** Whether inline content is more than text and code spans. */
function special(content: string): boolean {
  return INLINE_SPECIAL.test(content) || underscoresMayPair(content);
}

/**
 * Whether runs of `_` in `content` could make emphasis: a run that can open it followed
 * later by one that can close it, by CommonMark's flanking rules as micromark applies them
 * (its attention construct; each character classed as white space, punctuation or other,
 * the start and end of the content as white space). Without such a pair every underscore
 * is text: `snake_case`, `_private` or `x_1_` alone in a paragraph. Underscores inside code
 * spans are counted too, which can only send content to micromark that did not need it.
 * (Only called on content without `*`, `~` or escapes, the other markers that could pair.)
 */
export function underscoresMayPair(content: string): boolean {
  let opener = false;
  for (let i = content.indexOf('_'); i !== -1; ) {
    let end = i;
    while (content.charCodeAt(end) === 0x5f) end++;
    const before = classOf(content, i - 1);
    const after = classOf(content, end);
    const open = after === OTHER || (after === PUNCTUATION && before !== OTHER);
    const close = before === OTHER || (before === PUNCTUATION && after !== OTHER);
    if (opener && close && (after !== OTHER || !open)) return true;
    if (open && (before !== OTHER || !close)) opener = true;
    i = content.indexOf('_', end);
  }
  return false;
}

const OTHER = 0;
const WHITE_SPACE = 1;
const PUNCTUATION = 2;

/** micromark's class of the UTF-16 code unit at `i` (outside the content: white space). */
function classOf(content: string, i: number): number {
  if (i < 0 || i >= content.length) return WHITE_SPACE;
  const ch = content[i]!;
  if (/\s/.test(ch)) return WHITE_SPACE;
  return /\p{P}|\p{S}/u.test(ch) ? PUNCTUATION : OTHER;
}
// What may start a block (or end a paragraph) once leading spaces are removed: an ATX
// heading, a block quote, HTML, a list item, a fence.
const BLOCK_START = /^(?:#{1,6}(?: |$)|[>|<]|[-*+](?: |$)|\d{1,9}[.)](?: |$)|`{3}|~{3}|\${2})/;
// Whole lines that are a thematic break, a setext underline or a table's delimiter row.
const RULE_LINE = /^ *(?:([-*_])(?: *\1){2,}|=+|:?-+:?) *$/;
const TASK = /^\[[ xX]\](?:[ \t]|$)/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/;
const ATX = /^(#{1,6}) +(?=\S)/;
// An info string of plain words with single spaces between them (white space at its end,
// or of other kinds, is kept or split in ways left to micromark).
const FENCE_OPEN = /^(`{3,})((?:[^\s`\\&]+(?: [^\s`\\&]+)*)?)$/;

/**
 * Scans `text.slice(start, end)` (a question section, or the lines before the first one)
 * whose first line is line `firstLine` of the file. Returns the blocks, or undefined when the
 * section needs the full parser.
 */
export function scanSection(text: string, start: number, end: number, firstLine: number): ScannedBlock[] | undefined {
  if (start === end) return [];
  const section = text.slice(start, end);
  // Tabs (columns), NULs and link or footnote definitions (they reach across the file): the
  // full parser's business. So is any table `table` does not read: a line that could be a
  // table's delimiter row anywhere but at the margin after the header (see strayDelimiterRow).
  if (/[\t\0\r]|\]:/.test(section) || strayDelimiterRow(section)) return undefined;
  const lines: Line[] = [];
  let n = firstLine;
  for (let i = start; i < end; ) {
    let e = text.indexOf('\n', i);
    if (e === -1 || e > end) e = end;
    lines.push({ start: i, end: e, number: n++ });
    i = e + 1;
  }
  const blocks: ScannedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const first = text.charCodeAt(line.start);
    if (line.end === line.start || isBlank(text, line)) {
      i++;
      continue;
    }
    if (first === 0x20) return undefined; // indented block start: code, or worse
    if (first === 0x23 /* # */) {
      const block = heading(text, line);
      if (!block) return undefined;
      blocks.push(block);
      i++;
      continue;
    }
    if (first === 0x60 /* ` */ && startsBlock(text, line.start, line.end)) {
      const result = fenced(text, lines, i);
      if (!result) return undefined;
      blocks.push(result.node);
      i = result.next;
      continue;
    }
    if (first === 0x24 /* $ */ && line.end - line.start === 2 && text.startsWith('$$', line.start)) {
      const result = mathBlock(text, lines, i);
      if (!result) return undefined;
      blocks.push(result.node);
      i = result.next;
      continue;
    }
    if (first === 0x3c /* < */) {
      const result = comment(text, lines, i);
      if (!result) return undefined;
      blocks.push(result.node);
      i = result.next;
      continue;
    }
    if (LIST_ITEM.test(text.slice(line.start, Math.min(line.end, line.start + 16)))) {
      const result = list(text, lines, i) ?? nestedList(text, lines, i, 0);
      if (!result) return undefined;
      blocks.push(result.node);
      i = result.next;
      continue;
    }
    if (first === 0x7c /* | */) {
      // A table after a blank line or a heading (after other lines it could be their lazy
      // continuation, or not start at all: micromark's to say).
      const previous = i > 0 ? lines[i - 1]! : undefined;
      const afterBlank = previous ? isBlank(text, previous) || blocks.at(-1)?.type === 'heading' : start >= 2 && text.startsWith('\n\n', start - 2);
      const result = afterBlank ? table(text, lines, i) : undefined;
      if (!result) return undefined;
      blocks.push(result.node);
      i = result.next;
      continue;
    }
    if (startsBlock(text, line.start, line.end)) return undefined;
    const result = paragraph(text, lines, i, line.start);
    if (!result) return undefined;
    blocks.push(result.node);
    i = result.next;
  }
  return blocks;
}

// A line of pipes, dashes, colons and spaces with a pipe and a dash: it may be a table's
// delimiter row (a single column's, without pipes, is a rule line that paragraphs refuse).
const DELIMITER_LIKE = /^(?=[^\n]*\|)(?=[^\n]*-)[ :|-]+$/gm;

/**
 * Whether `section` has a line that may be a table's delimiter row and does not start at the
 * margin with a pipe. `table` reads tables whose rows all start and end with a pipe; any other
 * table (rows without pipes at their ends, indented, in a list item) goes to micromark whole,
 * and so does a section where such a line is only a paragraph's or a code block's.
 */
function strayDelimiterRow(section: string): boolean {
  if (!section.includes('|')) return false;
  DELIMITER_LIKE.lastIndex = 0;
  for (let m = DELIMITER_LIKE.exec(section); m; m = DELIMITER_LIKE.exec(section)) if (m[0].charCodeAt(0) !== 0x7c) return true;
  return false;
}

const DELIMITER_CELL = /^ *(:?)-+(:?) *$/;

/**
 * A GFM table whose rows (header, delimiter row, body) each start and end with a pipe at the
 * margin, with no backslash (an escaped pipe is not a cell's end), up to a blank line or the
 * end of the section; each cell's content text, code spans or one-line strong emphasis (as
 * in paragraphs). Cells are split at every pipe, code spans or not, as GFM splits them: the
 * table is cut into cells before their content is read. Anything else: undefined.
 */
function table(text: string, lines: Line[], i: number): { node: Table; next: number } | undefined {
  const rowLine = (line: Line | undefined): boolean =>
    line !== undefined && line.end - line.start >= 2 && text.charCodeAt(line.start) === 0x7c && text.charCodeAt(line.end - 1) === 0x7c && !text.slice(line.start, line.end).includes('\\');
  const header = lines[i]!;
  const delimiter = lines[i + 1];
  if (!rowLine(header) || !rowLine(delimiter)) return undefined;
  const align: Table['align'] = [];
  for (const cell of text.slice(delimiter!.start + 1, delimiter!.end - 1).split('|')) {
    const m = DELIMITER_CELL.exec(cell);
    if (!m) return undefined;
    align.push(m[1] ? (m[2] ? 'center' : 'left') : m[2] ? 'right' : null);
  }
  const rows: TableRow[] = [];
  const headerRow = tableRow(text, header);
  if (!headerRow || headerRow.children.length !== align.length) return undefined;
  rows.push(headerRow);
  let j = i + 2;
  for (; j < lines.length && !isBlank(text, lines[j]!); j++) {
    if (!rowLine(lines[j])) return undefined;
    const row = tableRow(text, lines[j]!);
    if (!row) return undefined;
    rows.push(row);
  }
  const last = lines[j - 1]!;
  return { node: { type: 'table', align, children: rows, position: position(point(header, header.start), point(last, last.end)) }, next: j };
}

/** A row of `table`: its cells from each pipe to the next (the last one's included). */
function tableRow(text: string, line: Line): TableRow | undefined {
  const cells: TableCell[] = [];
  let pipe = line.start;
  while (pipe < line.end - 1) {
    let next = text.indexOf('|', pipe + 1);
    if (next === -1 || next > line.end - 1) next = line.end - 1;
    let from = pipe + 1;
    let to = next;
    while (from < to && text.charCodeAt(from) === 0x20) from++;
    while (to > from && text.charCodeAt(to - 1) === 0x20) to--;
    let children: PhrasingContent[] | undefined = [];
    if (to > from) {
      const content = text.slice(from, to);
      children = special(content) ? strongOnly(text, line, from, to) : inline(text, [line], from, to);
      if (!children) return undefined;
    }
    const cellEnd = next === line.end - 1 ? line.end : next;
    cells.push({ type: 'tableCell', children, position: position(point(line, pipe), point(line, cellEnd)) });
    pipe = next;
  }
  return { type: 'tableRow', children: cells, position: position(point(line, line.start), point(line, line.end)) };
}

function startsBlock(text: string, from: number, to: number): boolean {
  // Three backticks or more open a fence only when no backtick follows them on the line
  // (an info string has none): "``` a `b`" continues a paragraph, its runs code spans.
  if (text.startsWith('```', from)) {
    let end = from + 3;
    while (text.charCodeAt(end) === 0x60) end++;
    return !text.slice(end, to).includes('`');
  }
  return BLOCK_START.test(text.slice(from, Math.min(to, from + 16))) || RULE_LINE.test(text.slice(from, to));
}

function isBlank(text: string, line: Line): boolean {
  for (let i = line.start; i < line.end; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}

function point(line: Line, offset: number): Point {
  return { line: line.number, column: offset - line.start + 1, offset };
}

function position(start: Point, end: Point): Position {
  return { start, end };
}

function heading(text: string, line: Line): Heading | Deferred | undefined {
  const raw = text.slice(line.start, line.end);
  const m = ATX.exec(raw);
  if (!m) return undefined;
  const contentStart = line.start + m[0].length;
  // Closing #s and trailing spaces change what the content is: leave them to micromark.
  const last = text.charCodeAt(line.end - 1);
  if (last === 0x23 || last === 0x20) return undefined;
  const depth = m[1]!.length as Heading['depth'];
  const content = text.slice(contentStart, line.end);
  const literals = special(content) ? autolinkLiterals(text, contentStart, line.end) : [];
  const children = literals ? inline(text, [line], contentStart, line.end, false, literals) : (mathInline(text, [line], contentStart, line.end, false) ?? strongOnly(text, line, contentStart, line.end));
  if (!children) return { type: 'deferred', kind: 'heading', line: line.number, offset: line.start, source: raw };
  return { type: 'heading', depth, children, position: position(point(line, line.start), point(line, line.end)) };
}

function fenced(text: string, lines: Line[], i: number): { node: Code; next: number } | undefined {
  const open = lines[i]!;
  const m = FENCE_OPEN.exec(text.slice(open.start, open.end));
  if (!m) return undefined;
  const marker = m[1]!;
  const info = m[2]!.trim();
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j]!;
    const raw = text.slice(line.start, line.end);
    if (raw.startsWith(marker) && /^`+ *$/.test(raw)) {
      const space = info.search(/ /);
      const lang = info === '' ? null : space === -1 ? info : info.slice(0, space);
      const meta = space === -1 ? null : info.slice(space).trim() || null;
      const value = j === i + 1 ? '' : text.slice(lines[i + 1]!.start, lines[j - 1]!.end);
      return {
        node: { type: 'code', lang, meta, value, position: position(point(open, open.start), point(line, line.end)) },
        next: j + 1,
      };
    }
    // A shorter or indented fence line, or an indented closing fence, is a matter for micromark.
    if (/^ {0,3}`{3,}/.test(raw)) return undefined;
  }
  return undefined; // unclosed: runs to the end of the document
}

function comment(text: string, lines: Line[], i: number): { node: Html; next: number } | undefined {
  const open = lines[i]!;
  // `<!-->` and `<!--->` are whole comments to some readers and openings to others.
  if (!text.startsWith('<!--', open.start) || text.startsWith('>', open.start + 4) || text.startsWith('->', open.start + 4)) return undefined;
  for (let j = i; j < lines.length; j++) {
    const line = lines[j]!;
    // Searched in this line only: a search in the text would run on to the next comment.
    const from = j === i ? open.start + 4 : line.start;
    const found = from < line.end ? text.slice(from, line.end).indexOf('-->') : -1;
    const close = found === -1 ? -1 : from + found;
    if (close !== -1) {
      // Only the plain case: the comment ends the line, and the next line is blank.
      if (close + 3 !== line.end) return undefined;
      const next = lines[j + 1];
      if (next && !isBlank(text, next)) return undefined;
      return {
        node: { type: 'html', value: text.slice(open.start, line.end), position: position(point(open, open.start), point(line, line.end)) },
        next: j + 1,
      };
    }
    if (j > i && isBlank(text, line)) return undefined;
  }
  return undefined;
}

/**
 * A flat list: items of one paragraph each, continuation lines indented to the content or
 * lazy, items separated by nothing or by blank lines (then the list is spread).
 */
function list(text: string, lines: Line[], i: number): { node: List; next: number } | undefined {
  const items: ListItem[] = [];
  let ordered = false;
  let start: number | null = null;
  let markerKind = '';
  let spread = false;
  let j = i;
  while (j < lines.length) {
    const line = lines[j]!;
    const m = LIST_ITEM.exec(text.slice(line.start, Math.min(line.end, line.start + 16)));
    // Items start at the margin; indented ones may be nested, which micromark decides.
    if (!m || m[1] !== '') return undefined;
    const marker = m[2]!;
    const kind = /\d/.test(marker[0]!) ? marker.at(-1)! : marker;
    if (items.length === 0) {
      markerKind = kind;
      ordered = kind === '.' || kind === ')';
      start = ordered ? Number(marker.slice(0, -1)) : null;
    } else if (kind !== markerKind) {
      return undefined; // a new list starts: rare, and micromark knows the rules
    }
    const contentStart = line.start + m[0].length;
    const indent = m[0].length;
    // Nested structure, a task item, a heading in an item …
    if (startsBlock(text, contentStart, line.end) || TASK.test(text.slice(contentStart, line.end))) return undefined;
    const result = paragraph(text, lines, j, contentStart, indent);
    if (!result) return undefined;
    const last = lines[result.next - 1]!;
    const content = result.node;
    items.push({
      type: 'listItem',
      spread: false,
      checked: null,
      children: [content as Paragraph],
      position: position(point(line, line.start + m[1].length), point(last, last.end)),
    });
    j = result.next;
    // What follows: another item, blank lines, or the end of the list.
    let k = j;
    while (k < lines.length && isBlank(text, lines[k]!)) k++;
    if (k === lines.length) break;
    const next = lines[k]!;
    const head = text.slice(next.start, Math.min(next.end, next.start + 16));
    if (LIST_ITEM.test(head)) {
      if (k > j) spread = true;
      j = k;
      continue;
    }
    if (k === j) return undefined; // not blank, not an item: something micromark must decide
    // After a blank line, an indented line would continue the item: not handled here.
    if (text.charCodeAt(next.start) === 0x20) return undefined;
    break;
  }
  const first = items[0]!.position!.start;
  const end = items.at(-1)!.position!.end;
  return {
    node: { type: 'list', ordered, start, spread, children: items, position: position({ ...first }, { ...end }) },
    next: j,
  };
}

/**
 * A paragraph whose first line starts at `contentStart` on line `i`. Continuation lines may
 * be indented (inside a list item, `indent` is the item's content column − 1) or lazy.
 */
function paragraph(
  text: string,
  lines: Line[],
  i: number,
  contentStart: number,
  indent = 0,
): { node: Paragraph | Deferred; next: number } | undefined {
  let j = i + 1;
  while (j < lines.length) {
    const line = lines[j]!;
    if (isBlank(text, line)) break;
    let s = line.start;
    while (text.charCodeAt(s) === 0x20) s++;
    const spaces = s - line.start;
    if (startsBlock(text, s, line.end)) {
      // In a list, a line starting with an item marker at the list's indentation is the next item.
      if (indent > 0 && spaces === 0 && LIST_ITEM.test(text.slice(line.start, Math.min(line.end, line.start + 16)))) break;
      return undefined;
    }
    if (indent > 0 && spaces >= indent + 4) return undefined; // indented past the content: leave to micromark
    j++;
  }
  const first = lines[i]!;
  const last = lines[j - 1]!;
  const raw = text.slice(contentStart, last.end);
  const literals = special(raw) ? autolinkLiterals(text, contentStart, last.end) : [];
  const children = literals
    ? inline(text, lines.slice(i, j), contentStart, last.end, indent === 0, literals)
    : (mathInline(text, lines.slice(i, j), contentStart, last.end, indent === 0) ?? (j === i + 1 ? strongOnly(text, first, contentStart, last.end) : undefined));
  if (!children) {
    const from = indent > 0 ? first.start : contentStart;
    return {
      node: { type: 'deferred', kind: indent > 0 ? 'item' : 'paragraph', line: first.number, offset: from, source: text.slice(from, last.end) },
      next: j,
    };
  }
  return {
    node: { type: 'paragraph', children, position: position(point(first, contentStart), point(last, last.end)) },
    next: j,
  };
}

/**
 * Text and code spans of `text.slice(from, to)` spread over `lines` (no other inline syntax:
 * the caller checked). Undefined when a run of backticks is ambiguous in a way this scanner
 * does not decide, or when a code span crosses a line and `crossLines` is false (in a list
 * item, where the item's indentation on the next line is not the code's).
 */
function inline(text: string, lines: Line[], from: number, to: number, crossLines = false, literals: Literal[] = []): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  // The text between code spans, with the autolink literals in it made links (a literal has
  // no backtick: it lies in one such stretch of text, or inside a code span, where it is code).
  let next = 0;
  const pushText = (start: number, end: number): boolean => {
    while (next < literals.length && literals[next]!.start < start) next++;
    let at = start;
    for (; next < literals.length && literals[next]!.end <= end; next++) {
      const literal = literals[next]!;
      if (literal.start > at) {
        // Before a literal that starts an indented line, the text ends with the line ending:
        // the indentation is no one's content (micromark's positions, in paragraphs and items).
        // With a backtick in the range, micromark's to say (after one that opens no code span,
        // the indentation was the text's).
        let textEnd = literal.start;
        if (endsWithIndentation(text, at, textEnd)) {
          if (runs.length > 0) return false;
          while (text.charCodeAt(textEnd - 1) === 0x20) textEnd--;
        }
        out.push(textNode(text, lines, at, textEnd));
      }
      out.push(literalLink(text, lineOf(lines, literal.start), literal));
      at = literal.end;
    }
    if (end > at) out.push(textNode(text, lines, at, end));
    return true;
  };
  // Every run of backticks in the range, found once; then, for each size, where its runs
  // are, so that finding a closing run never rescans the text (a paragraph of many
  // unmatched runs would otherwise cost the square of its length).
  const runs = backtickRuns(text, from, to);
  const bySize = new Map<number, { at: number[]; next: number }>();
  runs.forEach(([start, end], k) => {
    const size = end - start;
    let entry = bySize.get(size);
    if (!entry) bySize.set(size, (entry = { at: [], next: 0 }));
    entry.at.push(k);
  });
  let textStart = from;
  let k = 0;
  while (k < runs.length) {
    const [tick, runEnd] = runs[k]!;
    const size = runEnd - tick;
    // The closing run: the next run of exactly `size` backticks.
    const entry = bySize.get(size)!;
    while (entry.next < entry.at.length && entry.at[entry.next]! <= k) entry.next++;
    if (entry.next === entry.at.length) {
      k++; // literal backticks
      continue;
    }
    const closing = entry.at[entry.next]!;
    const close = runs[closing]![0];
    const at = lineOf(lines, tick);
    const closeLine = lineOf(lines, close);
    if (closeLine !== at && !crossLines) return undefined; // spans lines
    if (tick > textStart) {
      // Text that ends with a line ending and the next line's indentation: where that end
      // lies depends on who owns the indentation (paragraph or list item). Let micromark say.
      let b = tick;
      while (b > textStart && text.charCodeAt(b - 1) === 0x20) b--;
      if (b < tick && text.charCodeAt(b - 1) === 0x0a) return undefined;
      if (!pushText(textStart, tick)) return undefined;
    }
    // The code as written, line endings and the next lines' indentation included (as
    // mdast has it); one space or line ending is padding at each end when both ends have one
    // and something else is between.
    let value = text.slice(runEnd, close);
    if (value.length >= 2 && isPad(value.charCodeAt(0)) && isPad(value.charCodeAt(value.length - 1)) && /[^ \n]/.test(value)) {
      value = value.slice(1, -1);
    }
    const code: InlineCode = { type: 'inlineCode', value, position: position(point(at, tick), point(closeLine, close + size)) };
    out.push(code);
    textStart = close + size;
    k = closing + 1;
  }
  if (to > textStart && !pushText(textStart, to)) return undefined;
  return out;
}

/**
 * The text and strong emphasis of a one-line `text.slice(from, to)` whose only inline syntax
 * is `**…**`, as bold questions and labels write it (`**1. What is a token?**`, `**Answer:**
 * …`); undefined for anything else. Every run of `*` must be two long and either only open
 * or only close (never both, by the flanking rules as micromark applies them), openers and
 * closers taking turns: then each closer takes the opener before it and nothing else can
 * pair. No backtick (a code span could hold a run), and no underscores that could pair.
 */
function strongOnly(text: string, line: Line, from: number, to: number): PhrasingContent[] | undefined {
  const content = text.slice(from, to);
  if (content.includes('`') || INLINE_SPECIAL.test(content.replace(/\*/g, 'a')) || underscoresMayPair(content)) return undefined;
  const out: PhrasingContent[] = [];
  let textStart = 0;
  let open = -1;
  for (let i = content.indexOf('*'); i !== -1; i = content.indexOf('*', i + 2)) {
    if (content.charCodeAt(i + 1) !== 0x2a || content.charCodeAt(i + 2) === 0x2a) return undefined;
    const before = classOf(content, i - 1);
    const after = classOf(content, i + 2);
    const opens = after !== WHITE_SPACE && (before === WHITE_SPACE || (before === PUNCTUATION && after === OTHER));
    const closes = before !== WHITE_SPACE && (after === WHITE_SPACE || (after === PUNCTUATION && before === OTHER));
    if (opens === closes || opens !== (open === -1)) return undefined;
    if (opens) {
      open = i;
      continue;
    }
    if (open > textStart) out.push(plainText(line, from + textStart, content.slice(textStart, open)));
    const inner = plainText(line, from + open + 2, content.slice(open + 2, i));
    out.push({ type: 'strong', children: [inner], position: position(point(line, from + open), point(line, from + i + 2)) });
    textStart = i + 2;
    open = -1;
  }
  if (open !== -1 || out.length === 0) return undefined;
  if (textStart < content.length) out.push(plainText(line, from + textStart, content.slice(textStart)));
  return out;
}

function plainText(line: Line, from: number, value: string): Text {
  return { type: 'text', value, position: position(point(line, from), point(line, from + value.length)) };
}

function isPad(code: number): boolean {
  return code === 0x20 || code === 0x0a;
}

/** The runs of backticks in text[from … to): the start and end of each. */
function backtickRuns(text: string, from: number, to: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  // indexOf on the slice, not on the text: a search from `from` must not run past `to`.
  const range = text.slice(from, to);
  for (let i = range.indexOf('`'); i !== -1; ) {
    let end = i;
    while (end < range.length && range.charCodeAt(end) === 0x60) end++;
    runs.push([from + i, from + end]);
    i = range.indexOf('`', end);
  }
  return runs;
}

function textNode(text: string, lines: Line[], from: number, to: number): Text {
  const a = lineOf(lines, from);
  const b = lineOf(lines, to);
  let value: string;
  if (a === b) value = text.slice(from, to);
  else {
    // Leading spaces of continuation lines are not content.
    const parts = text.slice(from, to).split('\n');
    for (let p = 1; p < parts.length; p++) parts[p] = parts[p]!.replace(/^ +/, '');
    value = parts.join('\n');
  }
  return { type: 'text', value, position: position(point(a, from), point(b, to)) };
}

function lineOf(lines: Line[], offset: number): Line {
  // The last line starting at or before `offset` (binary search: a paragraph may have
  // thousands of lines).
  return lines[Math.max(0, lastAtOrBefore(lines.length, (i) => lines[i]!.start, offset))]!;
}

/** An autolink literal of GFM (`https://…`, `www.…`, an e-mail address): where, and its URL. */
interface Literal {
  start: number;
  end: number;
  url: string;
}

// The words that can hold an autolink literal, to micromark-extension-gfm-autolink-literal's
// syntax or to mdast-util-gfm-autolink-literal's search of the text after the parse.
const LITERAL_MARK = /https?:|www\.|@/i;
// The literals read here, in a word after white space (or at the start), ended by white space
// (or the end) after a run of `.,!?` that micromark leaves out of the link (its trail):
// `http://` or `https://` and a letter or digit, or `www.` and one, then only characters that
// never pair, balance, escape or start a reference (no `_*~()[]<>\;:` …); an e-mail address
// of GFM's atext, `@`, labels of letters, digits and `-`, a letter last. Whatever else holds
// one of the marks sends the block to micromark.
const URL_LITERAL = /^(?:https?:\/\/|www\.)[A-Za-z0-9][A-Za-z0-9\-./?=&%#+]*$/;
const EMAIL_LITERAL = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
// Inline syntax other than code spans, autolink literals and `&` (text, when no `;` can end a
// character reference).
const LITERAL_SPECIAL = /[\\*~[\]<|$]|[ \t]$|[ \t]\n/m;

/**
 * The autolink literals of `text.slice(from, to)`, inline content whose only syntax besides
 * code spans is those literals (and `&` without any `;`); undefined for anything else, or for
 * a word with a mark of a literal (`http:`, `www.`, `@`, in any case) not in the plain forms
 * above. Every literal that micromark's syntax would see is then one of these words, its
 * link ending where micromark ends it, and the text left has no mark that the search of
 * mdast-util-gfm-autolink-literal (run on micromark's tree after the parse) could find.
 */
function autolinkLiterals(text: string, from: number, to: number): Literal[] | undefined {
  const content = text.slice(from, to);
  if (LITERAL_SPECIAL.test(content) || (content.includes('&') && content.includes(';')) || underscoresMayPair(content)) return undefined;
  const literals: Literal[] = [];
  for (const m of content.matchAll(/[^ \n]+/g)) {
    const word = m[0];
    if (!LITERAL_MARK.test(word)) continue;
    let end = word.length;
    while (end > 0 && '.,!?'.includes(word[end - 1]!)) end--;
    const body = word.slice(0, end);
    const start = from + m.index;
    if (body.includes('@')) {
      if (!EMAIL_LITERAL.test(body) || !/[A-Za-z]$/.test(body)) return undefined;
      literals.push({ start, end: start + end, url: `mailto:${body}` });
    } else {
      if (!URL_LITERAL.test(body)) return undefined;
      literals.push({ start, end: start + end, url: body.startsWith('www.') ? `http://${body}` : body });
    }
  }
  return literals;
}

/** The link of an autolink literal, as mdast-util-from-markdown builds it (same key order). */
function literalLink(text: string, line: Line, literal: Literal): Link {
  const at = position(point(line, literal.start), point(line, literal.end));
  const value = text.slice(literal.start, literal.end);
  return { type: 'link', title: null, url: literal.url, children: [{ type: 'text', value, position: at }], position: position(point(line, literal.start), point(line, literal.end)) };
}

/** Whether text[from … to) ends with a line ending and spaces: who owns them is micromark's to say. */
function endsWithIndentation(text: string, from: number, to: number): boolean {
  let b = to;
  while (b > from && text.charCodeAt(b - 1) === 0x20) b--;
  return b < to && text.charCodeAt(b - 1) === 0x0a;
}

// A list item's first line at any indentation: the indentation, the marker, the spaces after it.
const NESTED_ITEM = /^( *)([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/;
// A task item's checkbox as the scanner reads it: one space after it, then text.
const PLAIN_TASK = /^\[([ xX])\] (?=[^ ])/;

function indentation(text: string, line: Line): number {
  let s = line.start;
  while (s < line.end && text.charCodeAt(s) === 0x20) s++;
  return s - line.start;
}

/**
 * A list whose markers stand `base` spaces in from the margin, with nested lists, task items
 * and items of two paragraphs: what `list` leaves. Each item is a paragraph (continuation
 * lines indented to its content, none lazy), then either a list at its content's column
 * (interrupting the paragraph, so an ordered one starts at 1) or, after blank lines, a second
 * paragraph at that column (the item is then spread). Blank lines may stand between the items
 * of a list at the margin (the list is then spread), nowhere else in a nested list. Inline
 * content is text, code spans and autolink literals only: nothing is deferred (micromark would
 * read a nested item's source with other columns). Anything else: undefined.
 */
function nestedList(text: string, lines: Line[], i: number, base: number): { node: List; next: number } | undefined {
  const items: ListItem[] = [];
  let ordered = false;
  let start: number | null = null;
  let markerKind = '';
  let spread = false;
  let j = i;
  for (;;) {
    const line = lines[j]!;
    const m = NESTED_ITEM.exec(text.slice(line.start, Math.min(line.end, line.start + base + 16)));
    if (!m || m[1]!.length !== base) return undefined;
    const marker = m[2]!;
    const kind = /\d/.test(marker[0]!) ? marker.at(-1)! : marker;
    if (items.length === 0) {
      markerKind = kind;
      ordered = kind === '.' || kind === ')';
      start = ordered ? Number(marker.slice(0, -1)) : null;
      // A nested list interrupts its parent's paragraph: an ordered one must start at 1.
      if (base > 0 && ordered && start !== 1) return undefined;
    } else if (kind !== markerKind) {
      return undefined;
    }
    const column = m[0].length;
    const contentStart = line.start + column;
    if (startsBlock(text, contentStart, line.end)) return undefined;
    let checked: boolean | null = null;
    let from = contentStart;
    const task = PLAIN_TASK.exec(text.slice(contentStart, Math.min(line.end, contentStart + 5)));
    if (task) {
      checked = task[1] !== ' ';
      from = contentStart + 4;
    } else if (TASK.test(text.slice(contentStart, line.end))) {
      return undefined;
    }
    const first = itemParagraph(text, lines, j, from, column);
    if (!first) return undefined;
    // remark-gfm moves a task paragraph's start past the checkbox only onto a text node.
    if (task && (first.node.children[0]?.type !== 'text' || first.node.children[0].position!.start.offset !== from)) return undefined;
    const children: ListItem['children'] = [first.node];
    let itemSpread = false;
    let k = first.next;
    const next = lines[k];
    if (next && !isBlank(text, next) && indentation(text, next) === column) {
      const child = nestedList(text, lines, k, column);
      if (!child) return undefined;
      children.push(child.node);
      k = child.next;
    } else if (next && isBlank(text, next)) {
      let b = k;
      while (b < lines.length && isBlank(text, lines[b]!)) b++;
      const after = lines[b];
      if (after && indentation(text, after) === column && !startsBlock(text, after.start + column, after.end)) {
        const second = itemParagraph(text, lines, b, after.start + column, column);
        if (!second) return undefined;
        children.push(second.node);
        itemSpread = true;
        k = second.next;
      }
    }
    const last = lines[k - 1]!;
    items.push({ type: 'listItem', spread: itemSpread, checked, children, position: position(point(line, line.start + base), point(last, last.end)) });
    // What follows: an item of this list, of an outer one (the caller's to check), blank
    // lines, or the end of the section.
    let b = k;
    while (b < lines.length && isBlank(text, lines[b]!)) b++;
    if (b === lines.length) {
      j = k;
      break;
    }
    const following = lines[b]!;
    const s = indentation(text, following);
    if (b > k) {
      // Blank lines: only between the items of a list at the margin, or after it.
      if (base > 0) return undefined;
      if (s !== 0) return undefined;
      if (NESTED_ITEM.test(text.slice(following.start, Math.min(following.end, following.start + 16)))) {
        spread = true;
        j = b;
        continue;
      }
      j = k;
      break;
    }
    // Not blank: a line that starts a block (itemParagraph stopped there).
    if (s === base) {
      j = b;
      continue;
    }
    if (s < base) {
      j = k;
      break;
    }
    return undefined;
  }
  if (base === 0 && j < lines.length && !isBlank(text, lines[j]!)) return undefined; // not blank, not an item: micromark's to decide
  const end = items.at(-1)!.position!.end;
  return {
    node: { type: 'list', ordered, start, spread, children: items, position: position({ ...items[0]!.position!.start }, { ...end }) },
    next: j,
  };
}

/**
 * The paragraph of a nested list's item from `from` on line `i`: continuation lines indented
 * to the item's content column `column` (less is lazy, four more or a tab is left to micromark),
 * up to a blank line or a line that starts a block. Its inline content must be text, code
 * spans and autolink literals (nothing deferred).
 */
function itemParagraph(text: string, lines: Line[], i: number, from: number, column: number): { node: Paragraph; next: number } | undefined {
  let j = i + 1;
  while (j < lines.length) {
    const line = lines[j]!;
    if (isBlank(text, line)) break;
    const s = indentation(text, line);
    if (startsBlock(text, line.start + s, line.end)) break;
    if (s < column || s >= column + 4) return undefined;
    j++;
  }
  const last = lines[j - 1]!;
  const raw = text.slice(from, last.end);
  const literals = special(raw) ? autolinkLiterals(text, from, last.end) : [];
  if (!literals) return undefined;
  const children = inline(text, lines.slice(i, j), from, last.end, false, literals);
  if (!children || children.length === 0) return undefined;
  return { node: { type: 'paragraph', children, position: position(point(lines[i]!, from), point(last, last.end)) }, next: j };
}

// ---------------------------------------------------------------------------------------------
// Math (remark-math) and backslash escapes. Kept apart from the rest of the scanner: the blocks
// and spans below are read exactly as micromark-extension-math and mdast-util-math read them,
// and anything else near them is left to micromark.

/**
 * A display math block that is nothing but `$$`, lines of TeX and `$$`, each fence alone on
 * its line at the margin; undefined for anything else (a meta string, a longer or indented
 * fence, a closing fence with more on its line, a block left open in the section).
 */
function mathBlock(text: string, lines: Line[], i: number): { node: RootContent; next: number } | undefined {
  const open = lines[i]!;
  if (open.end - open.start !== 2 || !text.startsWith('$$', open.start)) return undefined;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j]!;
    let s = line.start;
    while (s < line.end && s - line.start < 3 && text.charCodeAt(s) === 0x20) s++;
    if (!text.startsWith('$$', s) || s + 2 > line.end) continue;
    // A line that starts with two dollars (up to three spaces in) may close the block: only the
    // plain `$$` is read here.
    if (s !== line.start || line.end - line.start !== 2) return undefined;
    const value = j === i + 1 ? '' : text.slice(lines[i + 1]!.start, lines[j - 1]!.end);
    // mdast-util-math's node, its keys in the order it makes them.
    const node: MathBlock = {
      type: 'math',
      meta: null,
      value,
      data: { hName: 'pre', hChildren: [{ type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text', value }] }] },
      position: position(point(open, open.start), point(line, line.end)),
    };
    return { node, next: j + 1 };
  }
  return undefined;
}

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
// What GFM's autolink literals look for in the text values after the parse (an escape can
// hide the start of one from the syntax but not from that search).
const LITERAL_LINK = /https?:|www\.|@/i;

/**
 * The phrasing of `text.slice(from, to)` when its inline syntax is only code spans, math
 * (`$…$`, `$$…$$` in a line) and backslash escapes of ASCII punctuation; undefined for anything
 * else, and for what this does not decide (a backslash before a run of two or more dollars or
 * backticks, a backslash at a line's end, what `inline` refuses). Read as micromark reads it,
 * left to right: a run of backticks or dollars opens a span closed by the next run of exactly
 * as many of the same character, or is text; an escape is text; inside a span nothing is
 * syntax. What is left around the spans and escapes must then be plain text.
 */
function mathInline(text: string, lines: Line[], from: number, to: number, crossLines: boolean): PhrasingContent[] | undefined {
  const content = text.slice(from, to);
  if (!content.includes('$') && !content.includes('\\')) return undefined;
  // The runs of each character and size, with a cursor each: a closing run is found without
  // searching the text again (many runs with no partner would otherwise cost a square).
  const runs = new Map<number, { at: number[]; next: number }>();
  for (let p = 0; p < content.length; ) {
    const c = content.charCodeAt(p);
    if (c !== 0x24 && c !== 0x60) {
      p++;
      continue;
    }
    let e = p;
    while (content.charCodeAt(e) === c) e++;
    const key = (e - p) * 2 + (c === 0x24 ? 1 : 0);
    let entry = runs.get(key);
    if (!entry) runs.set(key, (entry = { at: [], next: 0 }));
    entry.at.push(p);
    p = e;
  }
  const spans: Array<{ math: boolean; open: number; size: number; close: number }> = [];
  let masked = '';
  let last = 0;
  for (let p = 0; p < content.length; ) {
    const c = content.charCodeAt(p);
    if (c === 0x5c /* \ */) {
      const next = content[p + 1];
      if (next === undefined || next === '\n') return undefined; // a hard break, or the end
      if (!ASCII_PUNCTUATION.test(next)) {
        masked += `${content.slice(last, p)}!`;
        last = ++p;
        continue;
      }
      if ((next === '$' || next === '`') && content[p + 2] === next) return undefined;
      masked += `${content.slice(last, p)}!!`;
      last = p += 2;
      continue;
    }
    if (c !== 0x24 && c !== 0x60) {
      p++;
      continue;
    }
    let e = p;
    while (content.charCodeAt(e) === c) e++;
    const size = e - p;
    const entry = runs.get(size * 2 + (c === 0x24 ? 1 : 0))!;
    while (entry.next < entry.at.length && entry.at[entry.next]! <= p) entry.next++;
    masked += content.slice(last, p) + '!'.repeat(size);
    if (entry.next === entry.at.length) {
      last = p = e; // no partner: text
      continue;
    }
    const close = entry.at[entry.next]!;
    spans.push({ math: c === 0x24, open: from + p, size, close: from + close });
    masked += `${'a'.repeat(close - e)}${'!'.repeat(size)}`;
    last = p = close + size;
  }
  masked += content.slice(last);
  if (INLINE_SPECIAL.test(masked) || underscoresMayPair(masked)) return undefined;
  const out: PhrasingContent[] = [];
  const plain = (a: number, b: number): boolean => {
    const node = textNode(text, lines, a, b);
    node.value = node.value.replace(ESCAPE, '$1');
    if (LITERAL_LINK.test(node.value)) return false;
    out.push(node);
    return true;
  };
  let textStart = from;
  for (const span of spans) {
    const at = lineOf(lines, span.open);
    const closeLine = lineOf(lines, span.close);
    if (closeLine !== at && !crossLines) return undefined;
    if (span.open > textStart) {
      // As in `inline`: text ending in a line ending and indentation is micromark's to cut.
      let b = span.open;
      while (b > textStart && text.charCodeAt(b - 1) === 0x20) b--;
      if (b < span.open && text.charCodeAt(b - 1) === 0x0a) return undefined;
      if (!plain(textStart, span.open)) return undefined;
    }
    let value = text.slice(span.open + span.size, span.close);
    if (value.length >= 2 && isPad(value.charCodeAt(0)) && isPad(value.charCodeAt(value.length - 1)) && /[^ \n]/.test(value)) value = value.slice(1, -1);
    const where = position(point(at, span.open), point(closeLine, span.close + span.size));
    if (span.math) {
      // mdast-util-math's node, its keys in the order it makes them.
      out.push({ type: 'inlineMath', value, data: { hName: 'code', hProperties: { className: ['language-math', 'math-inline'] }, hChildren: [{ type: 'text', value }] }, position: where });
    } else {
      out.push({ type: 'inlineCode', value, position: where });
    }
    textStart = span.close + span.size;
  }
  if (to > textStart && !plain(textStart, to)) return undefined;
  return out;
}
