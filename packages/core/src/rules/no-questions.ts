import { defineRule, NO_OPTIONS } from '../rule.js';

/**
 * A Markdown file in the content directory that holds no question is usually a mistake: an
 * empty file, headings without the `N.` number, or a draft. Nothing from it reaches the
 * deck, the guide or the data package, so say so rather than skip it silently.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'no-questions',
    description: 'Every content file holds at least one question.',
    severity: 'warning',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    if (file.questions.length > 0 || file.skipped) return; // a skipped file is input-safety's finding
    // After the front matter, where a genai-qa-disable comment can precede it.
    const first = file.tree.children[0];
    const line = first?.type === 'yaml' ? Math.min(first.position!.end.line + 1, file.lineStarts.length) : 1;
    report({ message: 'File has no questions; a question starts at a heading like "# 1. What is …?"', line, column: 1 });
  },
});
