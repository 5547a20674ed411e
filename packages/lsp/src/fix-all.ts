import { fixSource, type Fix, type LayoutSetting, type Limits, type ResolvedRule, type SourceFile } from '@genai-qa/core';

/*
 * "Fix all" as one edit per fix. `genai-qa lint --fix` (core's fixSource) applies the safe
 * fixes in passes: a fix overlapping an earlier one, or a second insertion at one point,
 * waits for the next pass, which lints the fixed text again. The same passes run here; each
 * pass's fixes are mapped back to the text the editor holds, so that the client gets
 * non-overlapping edits of that text, one per fix — except where a later pass's fix touches
 * an earlier fix's text, which makes one edit of the two.
 */

/** An edit of the original text: [start, end) replaced by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface FixAll {
  /** Sorted, non-overlapping, not touching: offsets in the original (LF) text. */
  edits: Edit[];
  /** The text once they are applied: what `lint --fix` writes (LF). */
  text: string;
}

/** The passes of fixSource, as edits of `source.text`. */
export function fixAllEdits(source: SourceFile, relativePath: string, config: Map<string, ResolvedRule>, layout?: LayoutSetting, limits?: Limits): FixAll {
  let edits: Edit[] = [];
  const { text } = fixSource(source, relativePath, {
    config,
    ...(layout ? { layout } : {}),
    ...(limits ? { limits } : {}),
    onPass(before, applied) {
      // From the last fix to the first: the earlier ones' offsets stay those of `before`.
      for (let i = applied.length - 1; i >= 0; i--) edits = compose(edits, applied[i]!, before);
    },
  });
  // The mapping is checked: should it ever be wrong, one edit of the changed span does the same.
  if (applyEdits(source.text, edits) !== text) edits = [span(source.text, text)];
  return { edits, text };
}

/** One edit turning `before` into `after`: the span between their common start and end. */
function span(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

/**
 * Adds `fix` (offsets in `current`, the original text with `edits` applied) to `edits`
 * (offsets in the original text). A fix that overlaps or touches edits merges with them.
 */
function compose(edits: readonly Edit[], fix: Fix, current: string): Edit[] {
  const [a, b] = fix.range;
  // Where each edit's text lies in `current`.
  let shift = 0;
  const placed = edits.map((e) => {
    const start = e.start + shift;
    shift += e.text.length - (e.end - e.start);
    return { edit: e, start, end: start + e.text.length };
  });
  const touched = placed.filter((p) => p.start <= b && p.end >= a);
  if (touched.length === 0) {
    const before = placed.filter((p) => p.end < a);
    const delta = before.reduce((sum, p) => sum + p.edit.text.length - (p.edit.end - p.edit.start), 0);
    const edit = { start: a - delta, end: b - delta, text: fix.text };
    return [...edits, edit].sort((x, y) => x.start - y.start);
  }
  const first = touched[0]!;
  const last = touched.at(-1)!;
  const from = Math.min(a, first.start);
  const to = Math.max(b, last.end);
  const edit = {
    // Text before the first touched edit (or after the last) was not edited: it maps back by the shift there.
    start: first.edit.start - (first.start - from),
    end: last.edit.end + (to - last.end),
    text: current.slice(from, a) + fix.text + current.slice(b, to),
  };
  return [...edits.filter((e) => !touched.some((p) => p.edit === e)), edit].sort((x, y) => x.start - y.start);
}

/** `text` with the edits applied. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
