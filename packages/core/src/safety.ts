import { stepFence } from './fence.js';
import { lineStarts, pointAt } from './source.js';

/** Bounds on what a file may be before genai-qa refuses to parse it (see the input-safety rule). */
export interface Limits {
  /** Largest Markdown file read, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of block quotes and lists (parsing cost grows with its square). */
  maxNestingDepth: number;
  /** Largest paragraph or table, in bytes (micromark's inline resolution is superlinear within one). */
  maxBlockBytes: number;
  /** Most runs of `*`, `_` or `~` in one paragraph or table (emphasis resolution costs their square). */
  maxBlockDelimiters: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 10_000_000, maxNestingDepth: 100, maxBlockBytes: 100_000, maxBlockDelimiters: 2_000 };

/** A reason not to trust (or not to parse) a file, found before parsing. */
export interface SafetyProblem {
  line: number;
  column: number;
  message: string;
  /** True when the file is not parsed at all. */
  blocking: boolean;
}

/**
 * Looks at a file's text before it is parsed: NUL bytes (binary content; the parser would
 * replace them), and nesting of block quotes and lists deeper than the limit — the Markdown
 * parser's cost grows with the square of the depth, so a hostile file of a few kilobytes
 * could otherwise keep the linter busy for minutes.
 */
export function inspectSource(text: string, limits: Limits): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const { line, column } = pointAt(lineStarts(text), nul);
    problems.push({ line, column, blocking: false, message: 'File contains a NUL byte (is it a binary file?); it is read as U+FFFD' });
  }
  let fence: string | undefined;
  let lineNumber = 0;
  const block = new BlockMeter(limits);
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.slice(start, Math.min(end, start + 100_000));
    const step = stepFence(line, fence);
    fence = step.open;
    const over = step.fenced ? block.end() : block.line(text, start, end, line, lineNumber);
    if (over) {
      problems.push(over);
      break;
    }
    if (!step.fenced) {
      const depth = nestingDepth(line);
      if (depth > limits.maxNestingDepth) {
        problems.push({
          line: lineNumber,
          column: 1,
          blocking: true,
          message: `Block quotes or lists nest about ${depth} levels deep here, over the limit of ${limits.maxNestingDepth} (limits.maxNestingDepth); the file is not parsed`,
        });
        break;
      }
    }
    start = end + 1;
  }
  if (!problems.some((p) => p.blocking)) {
    const over = block.end();
    if (over) problems.push(over);
  }
  return problems;
}

// A line that starts a block of its own once quote markers and indentation are set aside:
// an ATX heading or a list item.
const BLOCK_HEAD = /^(?:#{1,6}(?:[ \t]|$)|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;
const CONTAINER_PREFIX = /^[ \t>]*/;

/**
 * Measures paragraphs and tables (runs of non-blank lines outside fenced code, a heading or
 * list item starting a new one) by their bytes and their runs of emphasis delimiters: micromark
 * resolves emphasis and strikethrough pairwise within one block, so a 25 kB paragraph of
 * `a* b_` takes it 9 s and a 100 kB one nearly two minutes.
 */
class BlockMeter {
  private first = 0;
  private bytes = 0;
  private delimiters = 0;
  private heading = false;

  constructor(private readonly limits: Limits) {}

  /** Adds line `number` (text[start … end)); returns the problem when its block is over a limit. */
  line(text: string, start: number, end: number, head: string, number: number): SafetyProblem | undefined {
    const inner = head.slice(CONTAINER_PREFIX.exec(head)![0].length);
    if (inner === '') return this.end();
    const isHeading = inner.charCodeAt(0) === 0x23 && BLOCK_HEAD.test(inner);
    if (this.first === 0 || this.heading || BLOCK_HEAD.test(inner)) {
      const over = this.end();
      if (over) return over;
      this.first = number;
    }
    this.heading = isHeading;
    let bytes = end - start + 1;
    let previous = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      // UTF-8 length: 2 bytes up to U+07FF, 3 for the rest of the BMP, 4 for a surrogate pair.
      if (c > 0x7f) bytes += c <= 0x7ff || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
      const delimiter = c === 0x2a || c === 0x5f || c === 0x7e;
      if (delimiter && c !== previous) this.delimiters++;
      previous = delimiter ? c : 0;
    }
    this.bytes += bytes;
    return undefined;
  }

  /** Ends the current block; returns the problem when it was over a limit. */
  end(): SafetyProblem | undefined {
    const { first, bytes, delimiters } = this;
    this.first = 0;
    this.bytes = 0;
    this.delimiters = 0;
    this.heading = false;
    if (first === 0) return undefined;
    const { maxBlockBytes, maxBlockDelimiters } = this.limits;
    const where = { line: first, column: 1, blocking: true };
    if (bytes > maxBlockBytes) {
      return { ...where, message: `A paragraph or table of ${bytes} bytes starts here, over the limit of ${maxBlockBytes} (limits.maxBlockBytes); the file is not parsed` };
    }
    if (delimiters > maxBlockDelimiters) {
      return {
        ...where,
        message: `A paragraph or table with ${delimiters} runs of *, _ or ~ starts here, over the limit of ${maxBlockDelimiters} (limits.maxBlockDelimiters); the file is not parsed`,
      };
    }
    return undefined;
  }
}

/** Container depth a line's prefix implies: each `>` is a level, each two columns of indentation one more. */
function nestingDepth(line: string): number {
  let quotes = 0;
  let columns = 0;
  for (const ch of line) {
    if (ch === '>') quotes++;
    else if (ch === ' ') columns++;
    else if (ch === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return quotes + Math.floor(columns / 2);
}
