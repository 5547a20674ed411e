import { defineRule, NO_OPTIONS } from '../rule.js';

/** A question without an answer teaches nothing and makes an empty flashcard. */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'empty-answer',
    description: 'Every question has an answer.',
    severity: 'error',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    for (const q of file.questions) {
      if (q.text.trim() !== '' || q.nodes.some((n) => n.type === 'image' || (n.type === 'paragraph' && n.children.some((c) => c.type === 'image')))) continue;
      report({
        message: `Question ${q.number} "${q.question}" has no answer`,
        line: q.line,
        column: q.heading.position!.start.column,
        endLine: q.heading.position!.end.line,
        endColumn: q.heading.position!.end.column,
      });
    }
  },
});
