import { nodesOfType } from '../nodes.js';
import { defineRule, NO_OPTIONS } from '../rule.js';
import { pointAt } from '../source.js';

/**
 * Runs of spaces inside a sentence ("art,            music") are usually a paste from a
 * word processor. Markdown collapses them when rendering, but they show in diffs, break
 * searches for phrases, and look wrong in the raw file. The fix leaves one space.
 * Indentation, code and inline code are not touched.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'multiple-spaces',
    description: 'Words are separated by one space.',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    for (const node of nodesOfType(file.tree, 'text')) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      const slice = text.slice(start, end);
      for (const m of slice.matchAll(/ {2,}/g)) {
        const from = start + m.index;
        const to = from + m[0].length;
        // Between words: the characters around the run (in the file, so a run next to a link,
        // emphasis or inline code counts) are not whitespace or the start or end of a line.
        if (from === 0 || to >= text.length || /\s/.test(text[from - 1]!) || /\s/.test(text[to]!)) continue;
        const a = pointAt(file.lineStarts, from);
        const b = pointAt(file.lineStarts, to);
        report({
          message: `${m[0].length} spaces between words; use one`,
          line: a.line,
          column: a.column,
          endLine: b.line,
          endColumn: b.column,
          fix: { range: [from, to], text: ' ' },
        });
      }
    }
  },
});
