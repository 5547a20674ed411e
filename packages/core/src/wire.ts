import type { FileSummary, QuestionSummary } from './extract.js';
import type { SourceFile } from './source.js';

// How a lint worker thread (the language server's, the CLI's pool) posts a file's summary
// to the main thread. Structured cloning copies each object and each string of a summary
// one at a time: at 10,000 questions that
// took ≈150 ms between the worker's last rule and the first diagnostics (two threads, one
// serialising, one deserialising). Packed, a summary is one string (every question's
// strings, end to end), one array of numbers (every count, line and offset) and the few
// small parts as they are; its source is not sent back, since the main thread has it.

/** A FileSummary without its source, as posted; `unpackSummary` makes the summary again. */
export interface PackedSummary {
  rest: Omit<FileSummary, 'source' | 'questions' | 'lineStarts'>;
  strings: string;
  /** Line starts, then per question: see `packSummary`. Transferred, not copied. */
  numbers: Float64Array;
}

type Position = NonNullable<QuestionSummary['heading']['position']>;

/** The buffer to list as transferable when posting `packed`. */
export function transferList(packed: PackedSummary): ArrayBuffer[] {
  return [packed.numbers.buffer as ArrayBuffer];
}

/**
 * Per question, in order: number, line, endLine, idExplicit (1 or 0), the lengths of id,
 * question, text and prose (their characters follow one another in `strings`), the heading's
 * position, the number of nodes and each one's position, the number of literals and each
 * one's two offsets. A position is a flag (0: none) and six numbers; an absent offset is NaN.
 */
export function packSummary(summary: FileSummary): PackedSummary {
  const { source: _source, questions, lineStarts, ...rest } = summary;
  const numbers: number[] = [lineStarts.length];
  for (const start of lineStarts) numbers.push(start);
  numbers.push(questions.length);
  const strings: string[] = [];
  const position = (p: Position | undefined): void => {
    if (!p) {
      numbers.push(0);
      return;
    }
    numbers.push(1, p.start.line, p.start.column, p.start.offset ?? NaN, p.end.line, p.end.column, p.end.offset ?? NaN);
  };
  for (const q of questions) {
    numbers.push(q.number, q.line, q.endLine, q.idExplicit ? 1 : 0, q.id.length, q.question.length, q.text.length, q.prose.length);
    strings.push(q.id, q.question, q.text, q.prose);
    position(q.heading.position);
    numbers.push(q.nodes.length);
    for (const node of q.nodes) position(node.position);
    numbers.push(q.literals.length);
    for (const [from, to] of q.literals) numbers.push(from, to);
  }
  return { rest, strings: strings.join(''), numbers: Float64Array.from(numbers) };
}

/** The summary `packSummary` packed, with `source` as its source. */
export function unpackSummary(packed: PackedSummary, source: SourceFile): FileSummary {
  const { numbers, strings } = packed;
  let at = 0;
  let text = 0;
  const next = (): number => numbers[at++]!;
  const string = (length: number): string => strings.slice(text, (text += length));
  const point = (): Position['start'] => {
    const line = next();
    const column = next();
    const offset = next();
    return Number.isNaN(offset) ? { line, column } : { line, column, offset };
  };
  const position = (): Position | undefined => (next() === 0 ? undefined : { start: point(), end: point() });

  const lineStarts = new Array<number>(next());
  for (let i = 0; i < lineStarts.length; i++) lineStarts[i] = next();
  const questions = new Array<QuestionSummary>(next());
  for (let i = 0; i < questions.length; i++) {
    const number = next();
    const line = next();
    const endLine = next();
    const idExplicit = next() === 1;
    const lengths = [next(), next(), next(), next()] as const;
    const [id, question, answer, prose] = lengths.map(string) as [string, string, string, string];
    const heading = { position: position() };
    const nodes = Array.from({ length: next() }, () => ({ position: position() }));
    const literals = Array.from({ length: next() }, () => [next(), next()] as const);
    questions[i] = { id, idExplicit, number, question, line, endLine, text: answer, literals, prose, heading, nodes };
  }
  // In summarizeFile's key order, so that whatever serialises a summary writes the same bytes.
  const { relativePath, directives, bodyLine, skipped, unanswered } = packed.rest;
  return { source, relativePath, lineStarts, directives, bodyLine, skipped, ...(unanswered ? { unanswered } : {}), questions };
}
