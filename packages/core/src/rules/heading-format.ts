import { defineRule, NO_OPTIONS } from '../rule.js';
import { questionHeading } from '../extract.js';

/**
 * A question heading is `# N. Question text`: a space after the `#` marks and one space
 * after the number's dot. `# 18.What` renders, but reads badly and breaks the pattern
 * editors search for; `#18. What` is not even a heading on GitHub.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'heading-format',
    description: 'Question headings are written `# N. Question text`.',
    severity: 'error',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    for (const q of file.questions) {
      const start = q.heading.position!.start.offset!;
      const lineEnd = text.indexOf('\n', start);
      const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
      const match = /^(#{1,6}[ \t]+)(\d+)\.(\s*)(?=\S)/.exec(line);
      if (!match || match[3] === ' ') continue;
      const gapStart = start + match[1]!.length + match[2]!.length + 1;
      const column = match[1]!.length + match[2]!.length + 2;
      report({
        message:
          match[3] === ''
            ? `Missing space after "${match[2]}." in the question heading; write "${match[2]}. ${q.question}"`
            : `Use one space after "${match[2]}." in the question heading`,
        line: q.line,
        column,
        fix: { range: [gapStart, gapStart + match[3]!.length], text: ' ' },
      });
    }
    // `#18. What` is a paragraph, not a heading: the question would be lost.
    for (const node of file.tree.children) {
      if (node.type !== 'paragraph') continue;
      const start = node.position!.start.offset!;
      const match = /^(#{1,6})(?=\S)(?!#)/.exec(text.slice(start, start + 8));
      if (!match) continue;
      const rest = text.slice(start + match[1]!.length, text.indexOf('\n', start) === -1 ? undefined : text.indexOf('\n', start));
      if (!questionHeading({ type: 'heading', depth: 1, children: [{ type: 'text', value: rest }] })) continue;
      const at = start + match[1]!.length;
      report({
        message: `Missing space after "${match[1]}": this line is a paragraph, not a question heading`,
        line: node.position!.start.line,
        column: node.position!.start.column + match[1]!.length,
        fix: { range: [at, at], text: ' ' },
      });
    }
  },
});
