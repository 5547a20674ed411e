import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { scanSection, type Deferred, type ScannedBlock } from './fast-parse.js';
import { ankiMathDelimiters } from './anki-math.js';
import { stepFence } from './fence.js';
import { collectDefinitions, definitionsSource, guessDefinitions, isDefinitionOf, referencedKeys, type DefinitionKey } from './definitions.js';

// GFM as GitHub reads it, YAML front matter, and math (`$…$`, `$$…$$`) as GitHub and Anki show it.
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkFrontmatter, ['yaml']).freeze();

/** The whole text in one parse (the reference that section-wise parsing must equal). */
export function parseWhole(text: string): Root {
  return ankiMathDelimiters(parser.parse(text), text);
}

/**
 * Markdown → mdast with positions, as GitHub reads it (GFM + YAML front
 * matter). Files are read in pieces: cut at their question headings (sectionStarts), and a
 * section the fast scanner (fast-parse.ts) does not read whole at its block starts
 * (blockStarts); a piece the scanner does not handle goes through micromark.
 * `fast: false` uses micromark for every piece; files from `sectionMinBytes` (64 KiB) up
 * are then parsed in chunks of pieces, smaller ones whole.
 */
export function parseMarkdown(text: string, options: ParseMarkdownOptions = {}): Root {
  return ankiMathDelimiters(parseSections(text, options), text);
}

/** How parseMarkdown reads (every choice gives the same tree; the tests try each). */
export interface ParseMarkdownOptions {
  sectionMinBytes?: number;
  fast?: boolean;
  /**
   * A section larger than this (64 KiB) with block starts in it is scanned piece by piece
   * rather than whole first: a file without question headings is one such section, and a
   * scan of it that fails late would be done twice.
   */
  wholeScanMaxBytes?: number;
}

function parseSections(text: string, options: ParseMarkdownOptions): Root {
  // GENAI_QA_PARSER=remark turns the fast scanner off (micromark reads every section).
  const fast = options.fast ?? process.env.GENAI_QA_PARSER !== 'remark';
  // A byte-order mark inside the text is dropped by micromark wherever a parse starts, and a
  // CR is a line ending to micromark but not to the line counting here: read whole. (The CLI
  // normalises line endings first, so files never take this path for their CRs.)
  if (text.includes('\ufeff') || text.includes('\r')) return parser.parse(text);
  if (!fast && text.length < (options.sectionMinBytes ?? 64 * 1024)) return parser.parse(text);
  // The question headings, and between them the block starts (blockStarts): micromark never
  // reads more than a chunk at once. One call on a whole large file costs more than linear
  // time (micromark 4.0.3 rebuilds the document's list of events whenever a container closes),
  // and files in other layouts (bold questions, headings without numbers) have no cut of the first kind.
  const pieces = { headings: sectionStarts(text) ?? [], blocks: blockStarts(text) };
  // A file without cuts is still one section the scanner may read (a single question of one long list).
  if (!fast && pieces.headings.length === 0 && pieces.blocks.length === 0) return parser.parse(text);
  try {
    // Definitions reach across the file: each piece is parsed with the ones it may use
    // written next to it. First with the definitions the text seems to have; when micromark
    // found others that some piece may refer to, once more with those (definitions are
    // blocks: which ones there are does not depend on the ones known).
    const guessed = guessDefinitions(text);
    const wholeScanMax = options.wholeScanMaxBytes ?? 64 * 1024;
    const first = parseCut(text, pieces, fast, guessed, wholeScanMax);
    if (first.referenced.size === 0 || sameFor(first.referenced, guessed, first.found)) return first.root;
    return parseCut(text, pieces, fast, first.found, wholeScanMax).root;
  } catch (error) {
    if (error instanceof WholeParse) return parser.parse(text);
    throw error;
  }
}

/** Thrown when a piece cannot be read on its own after all: the file is parsed whole. */
class WholeParse extends Error {}

/** Whether two sets of definitions agree on every key in `keys`. */
function sameFor(keys: Set<DefinitionKey>, a: Set<DefinitionKey>, b: Set<DefinitionKey>): boolean {
  for (const key of keys) if (a.has(key) !== b.has(key)) return false;
  return true;
}

interface Cut {
  root: Root;
  /** The definitions micromark found in the file. */
  found: Set<DefinitionKey>;
  /** Every definition some piece may refer to (the pieces parsed with definitions known). */
  referenced: Set<DefinitionKey>;
}

function parseCut(text: string, pieces: { headings: number[]; blocks: number[] }, fast: boolean, definitions: Set<DefinitionKey>, wholeScanMax: number): Cut {
  const found = new Set<DefinitionKey>();
  const referenced = new Set<DefinitionKey>();
  const hasDefinitions = text.includes(']:');
  const context: Context = { definitions, referenced };
  // The pieces: each question heading's section, scanned whole; a section that the scanner
  // does not read (or every section, without it) cut at its block starts, each piece scanned.
  // `heading[k]`: whether bounds[k] is a section's start (or the end), which needs no check.
  const bounds = [0];
  const heading = [true];
  const firstLines: number[] = [];
  const scanned: Array<ScannedBlock[] | undefined> = [];
  const sections = [0, ...pieces.headings, text.length];
  let line = 1;
  let b = 0;
  for (let s = 0; s + 1 < sections.length; s++) {
    const from = sections[s]!;
    const to = sections[s + 1]!;
    while (b < pieces.blocks.length && pieces.blocks[b]! <= from) b++;
    const cuts: number[] = [];
    while (b < pieces.blocks.length && pieces.blocks[b]! < to) cuts.push(pieces.blocks[b++]!);
    const whole = fast && (cuts.length === 0 || to - from <= wholeScanMax) ? scanSection(text, from, to, line) : undefined;
    const ends = whole ? [to] : [...cuts, to];
    let start = from;
    for (const end of ends) {
      firstLines.push(line);
      scanned.push(whole ?? (fast ? scanSection(text, start, end, line) : undefined));
      line += countLines(text, start, end);
      bounds.push(end);
      heading.push(end === to);
      start = end;
    }
  }
  if (fast) resolveDeferred(scanned, context);
  // Parse each piece on its own: the same tree (a question heading ends the block before it;
  // a block start is checked below), but many small trees instead of one huge one, which is
  // faster and keeps memory flat on large files. Each micromark call has a fixed cost, so
  // runs of pieces the scanner left are parsed in chunks of about 32 KB.
  const children: RootContent[] = [];
  let i = 0;
  while (i < scanned.length) {
    const blocks = scanned[i];
    if (blocks) {
      for (const block of blocks) children.push(block.type === 'deferred' ? block.node! : block);
      for (const item of blocks) if (item.type === 'list') for (const li of item.children) li.children = li.children.map((c) => ((c as unknown as ScannedBlock).type === 'deferred' ? (c as unknown as Deferred).node! : c));
      i++;
      continue;
    }
    const start = bounds[i]!;
    let j = i + 1;
    while (j < scanned.length && !scanned[j] && bounds[j]! - start < CHUNK_BYTES) j++;
    let part: Root;
    for (;;) {
      const end = bounds[j]!;
      const source = text.slice(start, end);
      // The first piece may begin with front matter, so its definitions go after it, behind a
      // heading line that ends its blocks as the next question's heading does in the file.
      part = start === 0 && end === text.length ? parser.parse(source) : parseWith(source, context, start === 0);
      // A block start ends every block before it but those that run across blank lines; when
      // one of those is still open, the text after it is the open block's too: read further
      // (twice as far each time, so that an unclosed fence costs linear time).
      if (j === scanned.length || heading[j] || !endsOpen(part, source)) break;
      // (Not past a question heading: it ends every block, and the sections after it keep their scans.)
      const to = Math.min(text.length, start + 2 * (end - start));
      do scanned[j++] = undefined;
      while (j < scanned.length && bounds[j]! < to && !heading[j]);
    }
    const source = text.slice(start, bounds[j]);
    // remark-gfm can put a task's `checked` on the root of odd input: only a whole parse keeps it.
    if (Object.keys(part).length > 3) throw new WholeParse();
    if (hasDefinitions && source.includes(']:')) collectDefinitions(part.children, found);
    if (start > 0) for (const child of part.children) shift(child, firstLines[i]! - 1, start);
    for (const child of part.children) children.push(child); // (a spread could overflow the stack)
    i = j;
  }
  return {
    root: {
      type: 'root',
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: lastPoint(text) },
    },
    found,
    referenced,
  };
}

interface Context {
  /** The file's definitions (as far as known). */
  definitions: Set<DefinitionKey>;
  /** Filled in: the definitions that the pieces parsed may refer to. */
  referenced: Set<DefinitionKey>;
}

/**
 * Parses `source`, a piece of the file, with the file's definitions that it may refer to
 * written before it (or after it, behind a line `#`, when `after`), and returns its tree
 * without them, in the piece's own coordinates.
 */
function parseWith(source: string, context: Context, after = false): Root {
  const wanted: DefinitionKey[] = [];
  for (const key of referencedKeys(source)) {
    context.referenced.add(key);
    if (context.definitions.has(key)) wanted.push(key);
  }
  if (wanted.length === 0) return parser.parse(source);
  // The definitions the piece seems to hold itself need not be written again (most files
  // define a link next to its use); if micromark does not find one of them there, the
  // piece is parsed again with it written.
  const own = source.includes(']:') ? guessDefinitions(source) : undefined;
  const keys = own ? wanted.filter((k) => !own.has(k)) : wanted;
  const root = parseWithKeys(source, keys, after);
  if (keys.length === wanted.length) return root;
  const found = new Set<DefinitionKey>();
  collectDefinitions(root.children, found);
  return wanted.every((k) => !own!.has(k) || found.has(k)) ? root : parseWithKeys(source, wanted, after);
}

function parseWithKeys(source: string, keys: DefinitionKey[], after: boolean): Root {
  if (keys.length === 0) return parser.parse(source);
  const written = definitionsSource(keys);
  if (after) {
    const root = parser.parse(`${source}#\n\n${written}`);
    const tail = root.children.splice(root.children.length - keys.length - 1);
    const heading = tail[0];
    if (!heading || heading.type !== 'heading' || heading.depth !== 1 || heading.children.length !== 0 || !keys.every((k, n) => isDefinitionOf(tail[n + 1]!, k))) throw new WholeParse();
    return root;
  }
  const root = parser.parse(written + source);
  const head = root.children.splice(0, keys.length);
  if (!keys.every((k, n) => head[n] && isDefinitionOf(head[n], k))) throw new WholeParse();
  const lines = 2 * keys.length;
  for (const child of root.children) shift(child, -lines, -written.length);
  return root;
}

/** The deferred blocks of a scanned section: at the top, or as the paragraph of a list item. */
function* deferredIn(blocks: ScannedBlock[]): Generator<Deferred> {
  for (const block of blocks) {
    if (block.type === 'deferred') yield block;
    else if (block.type === 'list') {
      for (const item of block.children) for (const child of item.children) if ((child as unknown as ScannedBlock).type === 'deferred') yield child as unknown as Deferred;
    }
  }
}

/**
 * What deferred blocks became once parsed: top-level nodes, and the paragraphs of list items
 * (a task item, or an item of several blocks, stays an item: not the plain item expected).
 */
function unitsOf(nodes: RootContent[]): Array<{ node: RootContent; item: boolean }> {
  const units: Array<{ node: RootContent; item: boolean }> = [];
  for (const node of nodes) {
    if (node.type !== 'list') units.push({ node, item: false });
    else for (const item of node.children) units.push({ node: item.children.length === 1 && item.checked == null ? item.children[0]! : item, item: true });
  }
  return units;
}

/**
 * Parses the inline content the scanner deferred, many blocks per micromark call (blank
 * lines between them keep them apart), and maps the positions back. A section whose
 * deferred block does not come back as the one block expected goes to micromark whole.
 */
function resolveDeferred(scanned: Array<ScannedBlock[] | undefined>, context: Context): void {
  let batch: Array<{ block: Deferred; section: number }> = [];
  let size = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const joined = batch.map((b) => b.block.source).join('\n\n');
    const units = unitsOf(parseWith(joined, context).children);
    const together = units.length === batch.length;
    let offset = 0;
    let line = 1;
    for (let k = 0; k < batch.length; k++) {
      const { block, section } = batch[k]!;
      let unit = together ? units[k] : undefined;
      if (!together) {
        // Something read differently in company: parse this one alone.
        const alone = unitsOf(parseWith(block.source, context).children);
        unit = alone.length === 1 ? alone[0] : undefined;
        if (unit) shift(unit.node, block.line - 1, block.offset);
      } else {
        shift(unit!.node, block.line - line, block.offset - offset);
      }
      const expected = block.kind === 'item' ? 'paragraph' : block.kind;
      if (unit && unit.item === (block.kind === 'item') && unit.node.type === expected) block.node = unit.node;
      else scanned[section] = undefined;
      offset += block.source.length + 2;
      line += countLines(block.source, 0, block.source.length) + 2;
    }
    batch = [];
    size = 0;
  };
  scanned.forEach((blocks, section) => {
    if (!blocks) return;
    for (const block of deferredIn(blocks)) {
      batch.push({ block, section });
      size += block.source.length;
      if (size >= CHUNK_BYTES) flush();
    }
  });
  flush();
}

const CHUNK_BYTES = 32 * 1024;
// Only headings at the margin: an indented one may belong to a list item.
const ATX = /^(#{1,6})[ \t]+\d+\.(?!\d)/;
// Constructs that a heading line does not end: HTML blocks that run to an end tag or to the
// end of a comment. Files with them are parsed in one piece. (Link and footnote definitions,
// used anywhere in the file, are carried to every piece that may refer to them.)
const GLOBAL = /^ {0,3}(?:<(?:pre|script|style|textarea)(?:[\s>]|$)|<!--(?![\s\S]*?-->)|<\?|<![A-Za-z]|<!\[CDATA\[)/i;

// List markers, quote markers and indentation at the start of a line.
const CONTAINER = /^(?:[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/;
// A table's delimiter row without pipes ("-:", ":-:"): tables are parsed whole.
const TABLE_DELIMITER = /^[ \t]*:-*:?[ \t]*$|^[ \t]*-+:[ \t]*$/;

/**
 * Offsets of the question-heading lines a file can safely be cut at (undefined: parse it whole).
 * parseMarkdown's tree of such a file is the trees of its sections, each parsed on its own and
 * moved into place (the language server keeps them per section, to re-parse only an edited one).
 */
export function sectionStarts(text: string): number[] | undefined {
  const cuts: number[] = [];
  let depth = 0;
  let fence: string | undefined;
  // Inside an HTML block (from a line starting with a tag to the next blank line) a heading
  // line is HTML, not a heading: never cut there.
  let html = false;
  let offset = 0;
  let first = true;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const line = text.slice(offset, end);
    // Front matter opened with spaces after the dashes: left to the full parser.
    if (first && /^---[ \t]+$/.test(line)) return undefined;
    if (first && line === '---') {
      // Front matter: skip to its closing line.
      const close = text.indexOf('\n---', end);
      // Anything but a plain closing line is left to the full parser.
      if (close === -1 || !/^\n---(?:\n|$)/.test(text.slice(close, close + 5))) return undefined;
      offset = close + 1;
      first = false;
      continue;
    }
    first = false;
    // Only spaces and tabs make a blank line (a form feed does not).
    if (/^[ \t]*$/.test(line)) html = false;
    // The line without list markers, quote markers and indentation in front.
    const inner = line.slice(CONTAINER.exec(line)![0].length);
    const fenceLike = /^(?:`{3}|~{3}|\$\$)/.test(inner);
    // A fence line after a line of HTML: code or more HTML, depending on what came before.
    if (html && fenceLike) return undefined;
    // A fence that is not at the margin may sit in a list item or a quote, where it ends with
    // its container: only fences at the margin are followed here.
    if (!fence && fenceLike && inner !== line) return undefined;
    const step = stepFence(line, fence);
    fence = step.open;
    if (step.fenced) {
      // Code: nothing in it is a heading or HTML.
    } else if (GLOBAL.test(line) || GLOBAL.test(inner) || TABLE_DELIMITER.test(line)) {
      return undefined;
    } else if (/^ {0,3}<[A-Za-z/!?]/.test(line)) {
      html = true;
    } else if (!html) {
      const h = ATX.exec(line);
      if (h) {
        if (depth === 0) depth = h[1]!.length;
        if (h[1]!.length === depth && offset > 0) cuts.push(offset);
      }
    }
    offset = end + 1;
  }
  return cuts;
}

// A line that, after a blank line, can only start a block of its own at the top level: not
// indented, not a list item or a quote, no thematic break, setext underline, table row or
// front matter (`-`, `=`, `|`, `+`), no white space of any kind in front.
const BLOCK_START_LINE = /^(?![*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))[^\s>|=+-]/u;
// Front matter (remark-frontmatter's YAML) at the start of the text, to its closing line.
const FRONT_MATTER = /^---[ \t]*\n(?:[^]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Offsets of the lines at the margin, after a blank line, at which a text may be cut for
 * parsing (as well as at its question headings). Every container ends there: a list item or
 * a block quote takes no unindented line after a blank one, and nothing is lazy after a blank
 * line. Only a block that runs across blank lines may still be open there (fenced code, math,
 * HTML that ends at an end tag or a comment's end): parseCut checks the piece before with
 * `endsOpen` once micromark has read it, and reads on when one is.
 */
export function blockStarts(text: string): number[] {
  const out: number[] = [];
  let offset = 0;
  // Front matter is front matter only at the start: no cut inside it. Text that opens with a
  // dashed line but whose front matter this does not find is not cut at all.
  if (text.startsWith('---')) {
    const m = FRONT_MATTER.exec(text);
    if (!m) return out;
    offset = m[0].length;
  }
  let blank = false;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    let onlySpace = true;
    for (let k = offset; k < end && onlySpace; k++) {
      const c = text.charCodeAt(k);
      if (c !== 0x20 && c !== 0x09) onlySpace = false;
    }
    if (onlySpace) blank = true;
    else {
      if (blank && offset > 0 && BLOCK_START_LINE.test(text.slice(offset, Math.min(end, offset + 12)))) out.push(offset);
      blank = false;
    }
    offset = end + 1;
  }
  return out;
}

/**
 * Whether a piece that micromark read on its own ends in a block that is still open. A piece
 * ends with a blank line (the one before a block start), and a block still open at its end
 * (fenced code or math without its closing fence, HTML that runs to an end tag or a
 * comment's end) takes that line in: its last block reaches past its last visible character.
 * Every other block ends before a blank line. (Only the last block can be open; a container
 * holding an open one ends at the next block start.)
 */
function endsOpen(part: Root, source: string): boolean {
  const end = part.children.at(-1)?.position?.end.offset;
  return end !== undefined && end > source.trimEnd().length;
}

/** Moves a node parsed on its own into file coordinates (in place, its descendants too). */
export function shift(node: Node, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start.line += lines;
    p.end.line += lines;
    if (p.start.offset !== undefined) p.start.offset += offset;
    if (p.end.offset !== undefined) p.end.offset += offset;
  }
  const children = (node as { children?: Node[] }).children;
  if (children) for (const child of children) shift(child, lines, offset);
}

function countLines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lastPoint(text: string): { line: number; column: number; offset: number } {
  const line = countLines(text, 0, text.length) + 1;
  const lastBreak = text.lastIndexOf('\n');
  return { line, column: text.length - lastBreak, offset: text.length };
}
