import { defineRule } from '../rule.js';

const LABEL_ITEM = /^(?:[\p{Lu}\p{N}][^\n:.!?]{0,60}?):[ \t]+\S/u;
const MARKER_ITEM = /^([•·▪◦‣–—*+-]|\d{1,9}[.)])[ \t]+\S/u;

/**
 * Lines that read as list items but sit in one paragraph ("Text generation: …" on one line,
 * "Image generation: …" on the next) render as a single run-on paragraph on GitHub, in
 * Anki and in print. The fix turns them into a real list: `- ` before each label line, a
 * blank line before the list (and after it when the paragraph goes on), and numbered
 * lines separated from the text above so they start an ordered list.
 */
export default defineRule<{ minItems: number }>({
  scope: 'file',
  meta: {
    id: 'pseudo-list',
    description: 'Lines meant as list items are written as a Markdown list.',
    severity: 'warning',
    fixable: true,
    defaultOptions: { minItems: 2 },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { minItems: { type: 'integer', minimum: 2, description: 'Consecutive item-like lines that make a pseudo-list.' } },
    },
  },
  check({ file, options, report }) {
    const text = file.source.text;
    for (const node of file.tree.children) {
      if (node.type !== 'paragraph') continue;
      const start = node.position!.start.offset!;
      const end = node.position!.end.offset!;
      const lines = text.slice(start, end).split('\n');
      if (lines.length < options.minItems) continue;
      const kinds = lines.map((line) => (MARKER_ITEM.test(line) ? 'marker' : LABEL_ITEM.test(line) ? 'label' : undefined));
      // The longest run of consecutive item lines of one kind.
      let best: [number, number] | undefined;
      for (let i = 0; i < lines.length; ) {
        if (!kinds[i]) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < lines.length && kinds[j] === kinds[i]) j++;
        if (j - i >= options.minItems && (!best || j - i > best[1] - best[0])) best = [i, j];
        i = j;
      }
      if (!best) continue;
      const [from, to] = best;
      // Lines joined by hard breaks (a chat transcript, an address) already render apart.
      if (lines.slice(from, to - 1).every((line) => /(?:(?<!\\)\\| {2,})$/.test(line))) continue;
      const rewritten = lines.map((line, i) => {
        // A hard break (a backslash or trailing spaces) on a line that now ends a block is no
        // longer a break (a backslash would show): the list keeps the lines apart instead.
        if (i === from - 1 || (i >= from && i < to)) line = line.replace(/(?<!\\)\\$|[ \t]+$/, '');
        if (i < from || i >= to) return line;
        if (kinds[i] === 'label') return `- ${line}`;
        return line.replace(/^[•·▪◦‣–—*+-](?=[ \t])/u, '-');
      });
      const before = rewritten.slice(0, from);
      const items = rewritten.slice(from, to);
      const after = rewritten.slice(to);
      const fixed = [before.join('\n'), items.join('\n'), after.join('\n')].filter((part) => part !== '').join('\n\n');
      const firstLine = node.position!.start.line + from;
      report({
        message: `${to - from} lines read as list items but render as one paragraph; make them a list`,
        line: firstLine,
        column: 1,
        endLine: firstLine + (to - from) - 1,
        endColumn: lines[to - 1]!.length + 1,
        fix: { range: [start, end], text: fixed },
      });
    }
  },
});
