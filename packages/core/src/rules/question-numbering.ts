import { defineRule } from '../rule.js';

/**
 * Questions in a file are numbered 1, 2, 3, … without gaps or repeats, so that "question 14"
 * means the same thing to every reader. Numbers are only labels: ids never depend on them.
 * Whatever the numbering (`1.`, `1)`, `Q1:`); a file whose questions are unnumbered has
 * nothing to check. Under a new topic heading (section), numbering may start again from the
 * first number, as many public banks number each topic's questions.
 */
export default defineRule<{ start: number }>({
  scope: 'file',
  meta: {
    id: 'question-numbering',
    description: 'Question numbers in a file run from 1 without gaps or repeats.',
    severity: 'error',
    fixable: false,
    defaultOptions: { start: 1 },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { start: { type: 'integer', minimum: 0, description: 'Number of the first question in each file.' } },
    },
  },
  check({ file, options, report }) {
    if (!file.layout || file.layout.numbering === 'none') return;
    const seen = new Map<number, number>();
    let expected = options.start;
    let section = '';
    for (const q of file.questions) {
      const at = { line: q.line, column: q.heading.position!.start.column };
      // Banks often number each topic's questions from 1 again: a new section may restart.
      const sectionNow = q.section.join('\u0000');
      if (sectionNow !== section && q.number === options.start) {
        seen.clear();
        expected = options.start;
      }
      section = sectionNow;
      const earlier = seen.get(q.number);
      if (earlier !== undefined) {
        report({
          ...at,
          message: `Question number ${q.number} is used twice (first on line ${earlier}); expected ${expected}`,
          related: [{ file: file.source.path, line: earlier, message: `question ${q.number}` }],
        });
      } else if (q.number !== expected) {
        const missing = q.number - 1 === expected ? `number ${expected} is missing` : `numbers ${expected}–${q.number - 1} are missing`;
        const where = seen.size === 0 ? 'is the first question' : `follows question ${expected - 1}`;
        report({
          ...at,
          message: q.number > expected
            ? `Question ${q.number} ${where}: expected ${expected} (${missing})`
            : `Question ${q.number} is out of order: expected ${expected}`,
        });
      }
      if (earlier === undefined) seen.set(q.number, q.line);
      // A repeated or lower number does not move the expected one on (no cascade of reports).
      expected = Math.max(expected, q.number + 1);
    }
  },
});
