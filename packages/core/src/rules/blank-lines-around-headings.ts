import type { Heading } from 'mdast';
import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';

/**
 * A heading glued to the paragraph above or below it is hard to spot in the raw file and
 * some renderers (and older Markdown tools) then fail to see it as a heading. The fix
 * inserts the missing blank line(s).
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'blank-lines-around-headings',
    description: 'Headings have a blank line before and after them.',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    const starts = file.lineStarts;
    const lineText = (line: number): string | undefined => {
      const s = starts[line - 1];
      if (s === undefined) return undefined;
      const next = starts[line];
      return text.slice(s, next === undefined ? text.length : next - 1);
    };
    const headings = file.tree.children.filter((node): node is Heading => node.type === 'heading');
    const headingLines = new Set(headings.map((node) => node.position!.start.line));
    const check = (node: Heading): void => {
      const { start, end } = node.position!;
      const before = start.line > 1 ? lineText(start.line - 1) : undefined;
      const after = lineText(end.line + 1);
      const missingBefore = before !== undefined && before.trim() !== '';
      // Between two headings the second one reports (and fixes) the missing line, once.
      const missingAfter = after !== undefined && after.trim() !== '' && end.line < starts.length && !headingLines.has(end.line + 1);
      if (!missingBefore && !missingAfter) return;
      const lineStart = starts[start.line - 1]!;
      const lineEnd = starts[end.line] === undefined ? text.length : starts[end.line]! - 1;
      const heading = text.slice(lineStart, lineEnd);
      const where = missingBefore && missingAfter ? 'before and after' : missingBefore ? 'before' : 'after';
      report({
        ...nodeLocation(node),
        message: `Heading needs a blank line ${where} it`,
        fix: { range: [lineStart, lineEnd], text: `${missingBefore ? '\n' : ''}${heading}${missingAfter ? '\n' : ''}` },
      });
    };
    for (const node of headings) check(node);
  },
});
