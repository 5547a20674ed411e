import type { FileSummary, QuestionSummary } from '../extract.js';
import { defineRule, NO_OPTIONS } from '../rule.js';

/**
 * Ids are how the Anki deck recognises a note on re-import and how developers look a
 * question up, so two questions can never share one. When two questions' texts slug to
 * the same id, give one of them an explicit id: `<!-- genai-qa id="…" -->`.
 */
export default defineRule({
  scope: 'corpus',
  meta: {
    id: 'duplicate-id',
    description: 'Every question has its own id.',
    severity: 'error',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ files, report }) {
    const seen = new Map<string, { file: FileSummary; question: QuestionSummary }>();
    for (const file of files) {
      for (const question of file.questions) {
        const first = seen.get(question.id);
        if (!first) {
          seen.set(question.id, { file, question });
          continue;
        }
        const h = question.heading.position!;
        report({
          file,
          message: `Question ${question.number} has the id "${question.id}", already used by question ${first.question.number}; give one of them an explicit id with <!-- genai-qa id="…" -->`,
          line: h.start.line,
          column: h.start.column,
          endLine: h.end.line,
          endColumn: h.end.column,
          related: [{ file: first.file.source.path, line: first.question.line, message: `question ${first.question.number}` }],
        });
      }
    }
  },
});
