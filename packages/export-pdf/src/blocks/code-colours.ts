import { highlightLanguage, highlightRuns, type HighlightRun } from '@genai-qa/core/highlight';

/** How a token is printed: its colour, and bold for keywords (a cue that survives greyscale). */
export interface Ink {
  color: string;
  bold?: boolean;
}

/** A stretch of one drawn line of code; without ink it is plain text. */
export interface Segment {
  text: string;
  ink?: Ink;
}

/**
 * Print colours of highlight.js's scopes, the deck's token classes (GitHub's light palette),
 * each at least 4.5:1 against the code box's #f2f4f7, none pale: they read on white paper, and
 * in greyscale keywords (a mid grey, and bold) stand apart from the near-black identifiers.
 */
const PALETTE: Record<string, Ink> = {};
const inks: Array<[string[], Ink]> = [
  [['comment', 'quote'], { color: '#57606a' }],
  [['keyword', 'selector-tag', 'type', 'literal'], { color: '#cf222e', bold: true }],
  [['string', 'regexp', 'addition'], { color: '#0a3069' }],
  [['number', 'symbol', 'bullet', 'variable', 'template-variable', 'attr', 'attribute'], { color: '#0550ae' }],
  [['title', 'section'], { color: '#6639ba' }],
  [['built_in', 'meta', 'name', 'tag'], { color: '#953800' }],
  [['deletion'], { color: '#82071e' }],
];
for (const [scopes, ink] of inks) for (const scope of scopes) PALETTE[scope] = ink;

/** The ink of the innermost scope that has one (a title inside a function is a title). */
export function inkOf(scopes: readonly string[]): Ink | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const ink = PALETTE[scopes[i]!];
    if (ink) return ink;
  }
  return undefined;
}

/** One drawn line: its text, and where a continuation's own text starts (after its indent). */
interface DrawnLine {
  text: string;
  mark?: number;
}

/**
 * The segments of each drawn line of a block, or undefined when the block is not highlighted
 * (no language, `math`, a language highlight.js does not know: nothing is guessed).
 * `source` is the block's text as drawn (tabs expanded, no final newline), `lines` its drawn
 * lines: each source line, or its wrapped pieces, a continuation indented by `indentOf(mark)`
 * spaces before its piece.
 */
export function colourLines(
  language: string | null | undefined,
  source: string,
  lines: readonly DrawnLine[],
  indentOf: (mark: number) => number,
): Segment[][] | undefined {
  const known = highlightLanguage(language);
  if (!known) return undefined;
  const runs = highlightRuns(known, source);
  let run = 0;
  let offset = 0; // in runs[run].text
  const take = (length: number): Segment[] => {
    const out: Segment[] = [];
    while (length > 0 && run < runs.length) {
      const current: HighlightRun = runs[run]!;
      const piece = current.text.slice(offset, offset + length);
      const ink = inkOf(current.scopes);
      const last = out.at(-1);
      if (last && last.ink === ink) last.text += piece;
      else out.push(ink ? { text: piece, ink } : { text: piece });
      length -= piece.length;
      offset += piece.length;
      if (offset >= current.text.length) {
        run++;
        offset = 0;
      }
    }
    return out;
  };
  return lines.map((line, k) => {
    // The line feed between two source lines belongs to neither.
    if (k > 0 && line.mark === undefined) take(1);
    if (line.mark === undefined) return take(line.text.length);
    const indent = indentOf(line.mark);
    return [{ text: line.text.slice(0, indent) }, ...take(line.text.length - indent)];
  });
}
