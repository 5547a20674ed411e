import { docsUrl, lineStarts, type Diagnostic as Finding, type Fix } from '@genai-qa/core';
import { DiagnosticSeverity, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';

// Between the engine's findings (1-based lines and columns, offsets in the LF-normalised
// text) and the protocol's (0-based lines, UTF-16 characters, the document's own line ends).
// JavaScript strings count UTF-16 code units, as the protocol does, and normalising CRLF to
// LF keeps every line and column where it was, so the numbers carry over unchanged.

export const SOURCE = 'genai-qa';

/** The length of each line (0-based index) of a text: from its lines, or from its line starts. */
export type LineLengths = (index: number) => number | undefined;

export function lineLengths(lines: readonly string[]): LineLengths {
  return (index) => lines[index]?.length;
}

/** Line lengths from the offsets where lines start (FileSummary.lineStarts) in the LF text. */
export function lineLengthsFromStarts(starts: readonly number[], textLength: number): LineLengths {
  return (index) => {
    const start = starts[index];
    if (start === undefined) return undefined;
    const next = starts[index + 1];
    return (next === undefined ? textLength : next - 1) - start;
  };
}

/** The range a finding covers; a finding without an end covers the rest of its line. */
export function findingRange(finding: Finding, lengths: LineLengths): Range {
  const start = { line: finding.line - 1, character: Math.max(finding.column - 1, 0) };
  if (finding.endLine !== undefined && finding.endColumn !== undefined) {
    return { start, end: { line: finding.endLine - 1, character: Math.max(finding.endColumn - 1, 0) } };
  }
  const length = lengths(finding.line - 1) ?? start.character;
  return { start, end: { line: start.line, character: Math.max(length, start.character) } };
}

/** A finding as a protocol diagnostic: the rule id as code, with a link to its page. */
export function toDiagnostic(finding: Finding, lengths: LineLengths, uriOf: (file: string) => string): Diagnostic {
  return {
    range: findingRange(finding, lengths),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    ...(finding.related?.length
      ? {
          relatedInformation: finding.related.map((r) => ({
            location: { uri: uriOf(r.file), range: pointRange(r.line, r.column ?? 1) },
            message: r.message ?? 'see also',
          })),
        }
      : {}),
  };
}

export function pointRange(line: number, column: number): Range {
  const position = { line: line - 1, character: column - 1 };
  return { start: position, end: position };
}

/** Offsets in the LF-normalised text → protocol positions. */
export class OffsetMap {
  private readonly starts: number[];
  constructor(text: string) {
    this.starts = lineStarts(text);
  }
  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low]! };
  }
}

/** A fix as an edit of the document, new lines written in the document's line ending. */
export function fixEdit(fix: Fix, map: OffsetMap, eol: '\n' | '\r\n'): TextEdit {
  return { range: { start: map.position(fix.range[0]), end: map.position(fix.range[1]) }, newText: eol === '\n' ? fix.text : fix.text.replace(/\n/g, eol) };
}

/** Whether two ranges share a line (code actions are offered for the lines asked about). */
export function sharesLine(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

export function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}
