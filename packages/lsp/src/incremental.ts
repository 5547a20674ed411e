import { inspectSource, lintFiles, moveDiagnostic, parseFile, pointAt, QUESTION_RULES, suppressionsOf, type Diagnostic as Finding, type FileSummary, type LayoutSetting, type Limits, type ResolvedRule, type SourceFile } from '@genai-qa/core';

/*
 * Provisional findings for a one-question edit of a large file, while the full lint runs in
 * a worker (whose exact findings then replace these). The edited question is linted on its
 * own, for the rules that look at nothing but the question's own text; every other finding
 * is carried over from the last full lint, moved by the lines and characters the edit added.
 * An edit that could start or end a question (a line that may be a heading, a summary or a
 * bold question), or that spans questions, gets no provisional findings: only the full lint.
 */

/**
 * Rules linted again on the edited question for the provisional findings: core's
 * QUESTION_RULES, and two whose findings are near enough for a provisional answer (the exact
 * lint that follows has the last word): unsafe-link, and blank-lines-around-headings for the
 * headings inside the answer.
 */
export const LOCAL_RULES = new Set([...QUESTION_RULES, 'blank-lines-around-headings', 'unsafe-link']);

const MAY_START_A_QUESTION = /^\s{0,3}(#|<details|<summary|\*\*|__|---|===)/im;

export interface Provisional {
  findings: Finding[];
  parsed: FileSummary;
}

/** Provisional findings for `next` (LF text), from the last full lint of `before`; undefined when the edit is not one question's. */
export function provisional(
  before: { source: SourceFile; parsed: FileSummary; findings: readonly Finding[] },
  next: SourceFile,
  relativePath: string,
  config: Map<string, ResolvedRule>,
  limits: Limits,
  layout?: LayoutSetting,
): Provisional | undefined {
  const a = before.source.text;
  const b = next.text;
  const { prefix, suffix } = commonEnds(a, b);
  const starts = before.parsed.lineStarts;
  const lineOf = (offset: number): number => pointAt(starts, offset).line;
  const firstLine = lineOf(prefix);
  const lastLine = lineOf(Math.max(a.length - suffix, prefix));
  const question = before.parsed.questions.find((q) => firstLine > q.line && lastLine <= q.endLine);
  if (!question) return undefined;
  // The edited lines, as they are now.
  const lineStart = starts[firstLine - 1]!;
  const editedEnd = b.indexOf('\n', b.length - suffix);
  const edited = b.slice(lineStart, editedEnd === -1 ? b.length : editedEnd);
  if (MAY_START_A_QUESTION.test(edited)) return undefined;

  const charDelta = b.length - a.length;
  const removed = a.slice(prefix, a.length - suffix);
  const added = b.slice(prefix, b.length - suffix);
  const lineDelta = count(added) - count(removed);
  const start = starts[question.line - 1]!;
  const oldEnd = question.endLine < starts.length ? starts[question.endLine]! : a.length;
  const newEnd = oldEnd + charDelta;
  const segmentText = b.slice(start, newEnd);
  // Too deep or too dense to parse now: only the full lint says so.
  if (before.parsed.skipped || inspectSource(segmentText, limits).some((p) => p.blocking)) return undefined;
  const segment = parseFile({ ...next, text: segmentText }, relativePath, { limits, ...(layout ? { layout } : {}) });
  const lineShift = question.line - 1;
  // Comments outside the question (a disable … enable region around it) still apply.
  const directives = [
    ...before.parsed.directives.filter((d) => d.line < question.line),
    ...segment.directives.map((d) => ({ ...d, line: d.line + lineShift, endLine: d.endLine + lineShift })),
    ...before.parsed.directives.filter((d) => d.line > question.endLine).map((d) => ({ ...d, line: d.line + lineDelta, endLine: d.endLine + lineDelta })),
  ];
  const questions = before.parsed.questions.map((q) =>
    q.line > question.line ? { ...q, line: q.line + lineDelta, endLine: q.endLine + lineDelta } : q === question ? { ...q, endLine: q.endLine + lineDelta } : q,
  );
  const silenced = suppressionsOf({ directives, questions });
  const fresh = lintFiles([segment], { config, scopes: ['file'] })
    .filter((f) => LOCAL_RULES.has(f.ruleId))
    .map((f) => moveDiagnostic(f, lineShift, start))
    .filter((f) => !silenced(f.ruleId, f.line));
  const carried: Finding[] = [];
  for (const f of before.findings) {
    if (f.line >= question.line && f.line <= question.endLine) {
      if (!LOCAL_RULES.has(f.ruleId)) carried.push(f.line > firstLine ? carry(f, lineDelta, charDelta) : f);
    } else carried.push(f.line > question.endLine ? carry(f, lineDelta, charDelta) : f);
  }
  const findings = [...carried, ...fresh].sort((x, y) => x.line - y.line || x.column - y.column);
  const parsed: FileSummary = { ...before.parsed, source: next, lineStarts: movedLineStarts(starts, b, prefix, a.length - suffix, b.length - suffix), questions, directives };
  return { findings, parsed };
}

function count(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The lengths of the common start and the common end of two texts (not overlapping), found
 * by comparing slices (a native comparison) rather than character by character.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  for (let step = 65536; step >= 1; step >>= 1) {
    while (prefix + step <= shortest && a.slice(prefix, prefix + step) === b.slice(prefix, prefix + step)) prefix += step;
  }
  let suffix = 0;
  for (let step = 65536; step >= 1; step >>= 1) {
    while (suffix + step <= shortest - prefix && a.slice(a.length - suffix - step, a.length - suffix) === b.slice(b.length - suffix - step, b.length - suffix)) suffix += step;
  }
  return { prefix, suffix };
}

/**
 * The line starts of `b`, from those of the text before (`starts`) and the edit that made `b`
 * of it: a[prefix, oldEnd) replaced by b[prefix, newEnd). Lines before the edit keep their
 * starts, the edit's new line feeds make new ones, the starts after it move by the edit's length.
 */
function movedLineStarts(starts: readonly number[], b: string, prefix: number, oldEnd: number, newEnd: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < starts.length && starts[i]! <= prefix) out.push(starts[i++]!);
  for (let k = b.indexOf('\n', prefix); k !== -1 && k < newEnd; k = b.indexOf('\n', k + 1)) out.push(k + 1);
  while (i < starts.length && starts[i]! <= oldEnd) i++;
  const delta = newEnd - oldEnd;
  while (i < starts.length) out.push(starts[i++]! + delta);
  return out;
}

/**
 * A finding of the last full lint moved past the edit. Its related places stay where they
 * were: they may be before the edit (question-numbering's previous question), and the exact
 * lint that follows puts them right where they are not.
 */
function carry(f: Finding, lines: number, chars: number): Finding {
  const { related, ...rest } = f;
  const moved = moveDiagnostic(rest, lines, chars);
  return related ? { ...moved, related } : moved;
}
