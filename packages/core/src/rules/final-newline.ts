import { defineRule, NO_OPTIONS } from '../rule.js';
import { pointAt } from '../source.js';

/**
 * A file that does not end in a newline makes every append show up as a change to the
 * last line, and some tools drop the last line altogether. The fix adds the newline.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'final-newline',
    description: 'A file ends with a newline.',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    if (text === '' || text.endsWith('\n')) return;
    const at = pointAt(file.lineStarts, text.length);
    report({
      message: 'File does not end with a newline',
      line: at.line,
      column: at.column,
      fix: { range: [text.length, text.length], text: '\n' },
    });
  },
});
