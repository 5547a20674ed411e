import { stepFence } from './fence.js';
import { lineStarts, pointAt } from './source.js';

/** Bounds on what a file may be before genai-qa refuses to parse it (see the input-safety rule). */
export interface Limits {
  /** Largest Markdown file read, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of block quotes and lists (parsing cost grows with its square). */
  maxNestingDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 10_000_000, maxNestingDepth: 100 };

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
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.slice(start, Math.min(end, start + 100_000));
    const step = stepFence(line, fence);
    fence = step.open;
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
  return problems;
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
