import type { Fix } from './rule.js';

/** Several non-overlapping edits of one text, composed into a single replacement. */
export function composeEdits(text: string, edits: readonly Fix[]): Fix | undefined {
  if (edits.length === 0) return undefined;
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  const end = sorted.reduce((m, e) => Math.max(m, e.range[1]), -Infinity); // (a spread overflows on many edits)
  let out = '';
  let at = start;
  for (const edit of sorted) {
    if (edit.range[0] < at) return undefined; // overlapping edits: no safe fix
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  out += text.slice(at, end);
  return { range: [start, end], text: out };
}

/**
 * The fixes one pass applies, in the order it applies them: sorted by position, a fix that
 * overlaps an earlier one, or a second insertion at one point, waits for the next pass
 * (ESLint's approach).
 */
export function chooseFixes(fixes: readonly Fix[]): Fix[] {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: Fix[] = [];
  let at = 0;
  let lastEnd = -1;
  for (const fix of sorted) {
    if (fix.range[0] < at || (fix.range[0] === lastEnd && fix.range[0] === fix.range[1])) continue;
    chosen.push(fix);
    at = fix.range[1];
    lastEnd = fix.range[1];
  }
  return chosen;
}

/** Applies one pass of fixes (chooseFixes) to a text. Returns the new text and how many were applied. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const chosen = chooseFixes(fixes);
  let out = '';
  let at = 0;
  for (const fix of chosen) {
    out += text.slice(at, fix.range[0]) + fix.text;
    at = fix.range[1];
  }
  return { text: out + text.slice(at), applied: chosen.length };
}
