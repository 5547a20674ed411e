import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import type { ResolvedRule } from './config.js';
import type { ParsedFile } from './extract.js';
import { finderByLine } from './line-index.js';
import { lintFiles, sortDiagnostics, suppressionsOf } from './lint.js';
import { moveDiagnostic, splitByQuestionRules } from './question-rules.js';
import { rules } from './rules/index.js';
import type { Diagnostic, Host } from './rule.js';
import type { LintStore } from './store.js';

/*
 * Per-question entries of the lint store: in a large file, an edit to one question re-runs
 * the question rules on that question alone (issue 17). The file is parsed whole (question
 * boundaries, references and the layout are the file's), then cut into segments: the lines
 * before the first question, and each question from its first line to the next one's. A
 * question rule (QUESTION_RULES, question-rules.ts: the set the language server's section-wise
 * lint uses too) runs on a view of the file that holds one segment's blocks and questions
 * (the whole text stays), and its
 * findings on the segment's lines are kept, relative to the segment, under a hash of the
 * segment's text and of what the file gives every segment (paths, layout). Suppression
 * comments apply afterwards, from the whole file's comments, as lintFiles applies them.
 * The other file rules run on the whole file as usual.
 */

/** Files with fewer questions are linted whole: the segments would cost more than they save. */
export const SEGMENTED_FROM = 50;

interface Segment {
  fromLine: number;
  toLine: number;
  /** Offsets of the segment's text, and the range of the tree's top-level blocks in it. */
  start: number;
  end: number;
  children: [number, number];
}

const unsilenceable = new Set(rules.filter((r) => r.meta.unsilenceable).map((r) => r.meta.id));

/** Up to this many segments missing from the store are linted one by one; more, the whole file at once. */
const ONE_BY_ONE = 16;

/** The file's own diagnostics (scope 'file'), the question rules' from the store where it has them; and the keys of its segments. */
export function lintBySegment(file: ParsedFile, config: Map<string, ResolvedRule>, host: Host, store: LintStore): { diagnostics: Diagnostic[]; segments: string[] } {
  const { own: questionRules, rest: otherRules } = splitByQuestionRules(config);
  const out = lintFiles([file], { config: otherRules, host, scopes: ['file'] });
  const silenced = suppressionsOf(file);
  const context = createHash('sha256')
    .update(JSON.stringify([file.source.path, file.source.absolutePath, file.source.root, file.relativePath, file.layout ?? null, file.questionDepth]))
    .digest('hex');
  const segments = segmentsOf(file);
  // Whether the segment ends the file is part of its key: repeated-sentence's fix of the file's
  // last paragraph takes the blank lines before it.
  const keys = segments.map((segment, i) =>
    createHash('sha256')
      .update(context)
      .update(i === segments.length - 1 ? '\0last\0' : '\0')
      .update(file.source.text.slice(segment.start, segment.end))
      .digest('hex'),
  );
  const entries = keys.map((key) => store.getQuestion(key));
  const missing = segments.map((_, i) => i).filter((i) => entries[i] === undefined);
  // The question rules use no host (QUESTION_RULES has no rule that does): none is given.
  const questionLint = (view: ParsedFile) => lintFiles([view], { config: questionRules, scopes: ['file'], suppress: false });
  const fresh = new Map<number, Diagnostic[]>(missing.map((i) => [i, []]));
  if (missing.length > ONE_BY_ONE) {
    // Most segments are new (a first run): the rules once on the whole file, their findings sorted into segments.
    const segmentAt = finderByLine(segments.map((segment, i) => ({ line: segment.fromLine, endLine: segment.toLine, i })));
    for (const d of questionLint(file)) fresh.get(segmentAt(d.line)?.i ?? -1)?.push(d);
  } else {
    for (const i of missing) {
      const segment = segments[i]!;
      for (const d of questionLint(viewOf(file, segment))) if (d.line >= segment.fromLine && d.line <= segment.toLine) fresh.get(i)!.push(d);
    }
  }
  for (const [i, found] of fresh) {
    const segment = segments[i]!;
    entries[i] = { diagnostics: found.map((d) => moveDiagnostic(d, 1 - segment.fromLine, -segment.start)) };
    store.putQuestion(keys[i]!, entries[i]);
  }
  for (const [i, segment] of segments.entries()) {
    for (const stored of entries[i]!.diagnostics) {
      const d = moveDiagnostic(stored, segment.fromLine - 1, segment.start);
      if (unsilenceable.has(d.ruleId) || !silenced(d.ruleId, d.line)) out.push(d);
    }
  }
  return { diagnostics: sortDiagnostics(out, [file.source.path]), segments: keys };
}

/** The lines before the first question, then each question up to the next one's first line. */
function segmentsOf(file: ParsedFile): Segment[] {
  const { lineStarts, source, tree, questions } = file;
  const lines = lineStarts.length;
  const firsts = questions.map((q) => q.line);
  const bounds = [1, ...firsts.filter((l) => l > 1)];
  const segments: Segment[] = [];
  let child = 0;
  for (const [i, fromLine] of bounds.entries()) {
    const toLine = i + 1 < bounds.length ? bounds[i + 1]! - 1 : lines;
    const start = lineStarts[fromLine - 1]!;
    const end = toLine < lines ? lineStarts[toLine]! : source.text.length;
    const first = child;
    while (child < tree.children.length && (tree.children[child]!.position?.start.offset ?? 0) < end) child++;
    segments.push({ fromLine, toLine, start, end, children: [first, child] });
  }
  return segments;
}

/** The file as the question rules see one segment: its blocks and questions, the whole text. */
function viewOf(file: ParsedFile, segment: Segment): ParsedFile {
  const children: Root['children'] = file.tree.children.slice(...segment.children);
  return {
    ...file,
    tree: { ...file.tree, children },
    questions: file.questions.filter((q) => q.line >= segment.fromLine && q.line <= segment.toLine),
  };
}
