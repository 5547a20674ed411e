import { defineRule, NO_OPTIONS } from '../rule.js';
import { isQuestionText, numberPrefix, readNumbered, type Layout } from '../layout.js';

/**
 * A question heading is written the way its file numbers questions: `# N. Question`,
 * `#### N) Question`, `## QN: Question` …, with one space after the number. `# 18.What` renders
 * but reads badly and breaks the pattern editors search for; a `#### 3.` among `#### N)`
 * questions breaks it too. `#18. What` is not even a heading on GitHub. The file's numbering
 * is the one most of its question headings use (or the config's `questions.numbering`).
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'heading-format',
    description: 'Question headings follow the file’s numbering (`# N. Question`, `#### N) Question` …), one space after the number.',
    severity: 'error',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    const layout = file.layout;
    if (layout?.style === 'heading' && layout.numbering !== 'none') {
      for (const q of file.questions) {
        const start = q.heading.position!.start.offset!;
        const lineEnd = text.indexOf('\n', start);
        const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
        const match = PREFIX.exec(line);
        if (!match) continue;
        const hashes = match[1]!;
        const marker = match[2]!;
        const gap = match[3]!;
        const expected = numberPrefix(layout.numbering, q.number);
        if (marker + gap === expected) continue;
        const at = start + hashes.length;
        if (`${marker} ` === expected) {
          report({
            message:
              gap === ''
                ? `Missing space after "${marker}" in the question heading; write "${expected}${q.question}"`
                : `Use one space after "${marker}" in the question heading`,
            line: q.line,
            column: hashes.length + marker.length + 1,
            fix: { range: [at + marker.length, at + marker.length + gap.length], text: ' ' },
          });
        } else {
          report({
            message: `This file numbers its questions "${layout.numbering}"; write "${expected}${q.question}"`,
            line: q.line,
            column: hashes.length + 1,
            fix: { range: [at, at + marker.length + gap.length], text: expected },
          });
        }
      }
    }
    if (layout && layout.style !== 'heading') return;
    // `#18. What` is a paragraph, not a heading: the question would be lost.
    for (const node of file.tree.children) {
      if (node.type !== 'paragraph') continue;
      const start = node.position!.start.offset!;
      const match = /^(#{1,6})(?=\S)(?!#)/.exec(text.slice(start, start + 8));
      if (!match) continue;
      const newline = text.indexOf('\n', start);
      const rest = text.slice(start + match[1]!.length, newline === -1 ? undefined : newline);
      if (!wouldBeQuestion(rest, layout)) continue;
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

// The `#` marks, the number as written (`3.`, `3)`, `Q3:`, `Q 3.` …) and the white space after it.
const PREFIX = /^(#{1,6}[ \t]+)((?:\d+[.)、])|(?:[Qq] ?\d+[ \t]*[:.)：]))([ \t]*)(?=\S)/;

function wouldBeQuestion(rest: string, layout: Layout | undefined): boolean {
  if (layout?.numbering === 'none') return isQuestionText(rest.trim());
  const numbered = readNumbered(rest);
  // Without a layout (no question yet), only the canonical `N.` counts, as it always did.
  return numbered !== undefined && (layout !== undefined || numbered.numbering === 'N.');
}
