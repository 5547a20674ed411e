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
 * Applies fixes to a text: sorted by position, a fix overlapping an earlier one is left
 * for the next pass (ESLint's approach). Returns the new text and how many were applied.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let at = 0;
  let applied = 0;
  let lastEnd = -1;
  for (const fix of sorted) {
    // Two insertions at the same point, or any overlap, wait for the next pass.
    if (fix.range[0] < at || (fix.range[0] === lastEnd && fix.range[0] === fix.range[1])) continue;
    out += text.slice(at, fix.range[0]) + fix.text;
    at = fix.range[1];
    lastEnd = fix.range[1];
    applied++;
  }
  return { text: out + text.slice(at), applied };
}
