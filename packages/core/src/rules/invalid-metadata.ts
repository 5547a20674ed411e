import { finderByLine } from '../line-index.js';
import { defineRule, NO_OPTIONS } from '../rule.js';

/**
 * genai-qa reads ids, tags, the collection title and rule switches from the Markdown
 * (front matter and `<!-- genai-qa … -->` comments). A typo there silently changes an id or
 * fails to silence a rule, so every problem in them is an error: unknown keys, bad tags,
 * an id that is not a slug, an unknown rule id, a directive outside any question.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'invalid-metadata',
    description: 'Front matter and genai-qa comments are well-formed.',
    severity: 'error',
    fixable: false,
    unsilenceable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, ruleIds, report }) {
    for (const problem of file.problems) report(problem);
    const questionAt = finderByLine(file.questions);
    let topLevel: Set<unknown> | undefined;
    for (const d of file.directives) {
      const at = { line: d.line, column: d.column };
      for (const problem of d.problems) report({ ...at, message: problem });
      for (const id of d.rules) {
        if (!ruleIds.has(id)) report({ ...at, message: `unknown rule "${id}" in genai-qa-${d.kind}` });
      }
      const inQuestion = questionAt(d.line) !== undefined;
      if (d.kind === 'metadata' && d.problems.length === 0 && !inQuestion) {
        report({ ...at, message: 'genai-qa metadata comment is not inside a question; put it right after the question heading' });
      } else if (d.kind === 'metadata' && d.problems.length === 0 && !(topLevel ??= new Set(file.tree.children)).has(d.node)) {
        // Only a comment on its own between the answer's blocks is read (see extract.ts).
        report({ ...at, message: 'genai-qa metadata comment inside a paragraph, list or block quote is ignored; put it on its own line right after the question heading' });
      }
      if (d.kind === 'disable-question' && !inQuestion) {
        report({ ...at, message: 'genai-qa-disable-question is not inside a question' });
      }
    }
  },
});
