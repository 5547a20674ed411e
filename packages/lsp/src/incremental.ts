import { lintFiles, parseFile, QUESTION_RULES, suppressionsOf, type Diagnostic as Finding, type FileSummary, type LayoutSetting, type Limits, type ResolvedRule, type SourceFile } from '@genai-qa/core';

/*
 * Provisional findings for a one-question edit of a large file, while the full lint runs in
 * a worker (whose exact findings then replace these). The edited question is linted on its
 * own, for the rules that look at nothing but the question's own text; every other finding
 * is carried over from the last full lint, moved by the lines and characters the edit added.
 * An edit that could start or end a question (a line that may be a heading, a summary or a
 * bold question), or that spans questions, gets no provisional findings: only the full lint.
 */

/** Rules whose findings in a question depend on that question's text alone. */
export const LOCAL_RULES = new Set([...QUESTION_RULES, 'text-fragment', 'unsafe-link']);

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
  let prefix = 0;
  const shortest = Math.min(a.length, b.length);
  while (prefix < shortest && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  const starts = before.parsed.lineStarts;
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
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
  const segment = parseFile({ ...next, text: b.slice(start, newEnd) }, relativePath, { limits, ...(layout ? { layout } : {}) });
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
    .map((f) => move(f, lineShift, start))
    .filter((f) => !silenced(f.ruleId, f.line));
  const carried: Finding[] = [];
  for (const f of before.findings) {
    if (f.line >= question.line && f.line <= question.endLine) {
      if (!LOCAL_RULES.has(f.ruleId)) carried.push(f.line > firstLine ? move(f, lineDelta, charDelta) : f);
    } else carried.push(f.line > question.endLine ? move(f, lineDelta, charDelta) : f);
  }
  const findings = [...carried, ...fresh].sort((x, y) => x.line - y.line || x.column - y.column);
  const parsed: FileSummary = { ...before.parsed, source: next, lineStarts: lineStartsOf(b), questions, directives };
  return { findings, parsed };
}

function count(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function move(f: Finding, lines: number, chars: number): Finding {
  return {
    ...f,
    line: f.line + lines,
    ...(f.endLine !== undefined ? { endLine: f.endLine + lines } : {}),
    ...(f.fix ? { fix: { ...f.fix, range: [f.fix.range[0] + chars, f.fix.range[1] + chars] as [number, number] } } : {}),
  };
}
