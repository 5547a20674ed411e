import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
import { stepFence } from './fence.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** The whole text in one parse (the reference that section-wise parsing must equal). */
export function parseWhole(text: string): Root {
  return parser.parse(text);
}

/**
 * Markdown (LF line endings) → mdast with positions, as GitHub reads it (GFM + YAML front
 * matter). Files from `sectionMinBytes` (64 KiB) up are parsed question by question.
 */
export function parseMarkdown(text: string, options: { sectionMinBytes?: number } = {}): Root {
  const cuts = text.length < (options.sectionMinBytes ?? 64 * 1024) ? [] : sectionStarts(text);
  if (cuts.length === 0) return parser.parse(text);
  // Parse each question's section on its own: the same tree (ATX headings always end the
  // block before them), but many small trees instead of one huge one, which is faster and
  // keeps memory flat on large files. Positions are shifted back into file coordinates.
  const children: RootContent[] = [];
  // Each parse call has a fixed cost, so sections are parsed in chunks of about 32 KB.
  const bounds = [0];
  for (const cut of cuts) if (cut - bounds.at(-1)! >= CHUNK_BYTES) bounds.push(cut);
  bounds.push(text.length);
  let line = 1;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end > start) {
      const part = parser.parse(text.slice(start, end));
      if (start > 0) for (const child of part.children) shift(child, line - 1, start);
      children.push(...part.children);
      line += countLines(text, start, end);
    }
  }
  const last = lastPoint(text);
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: last },
  };
}

const CHUNK_BYTES = 32 * 1024;
const ATX = /^ {0,3}(#{1,6})[ \t]+\d+\.(?!\d)/;
// Constructs whose meaning reaches across the whole file or that a heading line does not
// end: link/footnote definitions (used anywhere), and HTML blocks that run to an end tag
// or to the end of a comment. Files with them are parsed in one piece.
const GLOBAL = /^ {0,3}(?:\[[^\]]+\]:|<(?:pre|script|style|textarea)[\s>]|<!--(?![\s\S]*?-->)|<\?|<![A-Za-z]|<!\[CDATA\[)/i;

/** Offsets of the question-heading lines a file can safely be cut at (none = parse whole). */
function sectionStarts(text: string): number[] {
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
    if (first && line === '---') {
      // Front matter: skip to its closing line.
      const close = text.indexOf('\n---', end);
      if (close === -1) return [];
      offset = close + 1;
      first = false;
      continue;
    }
    first = false;
    if (line.trim() === '') html = false;
    const step = stepFence(line, fence);
    fence = step.open;
    if (step.fenced) {
      // Code: nothing in it is a heading or HTML.
    } else if (GLOBAL.test(line)) {
      return [];
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

function shift(node: Node, lines: number, offset: number): void {
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
